/** Offline-check reports: console text, the JSON contract of `--json`, and markdown for PR comments. */
import { SpecProblem } from "../../components/spec/problems";
import { toReportJson } from "../runner/encoding";
import { CheckedStack } from "./offlineCheck";

/** GitHub shows a job summary only up to 1 MiB per step (docs/aws-facts.md); keep a margin. */
export const STEP_SUMMARY_MAX_BYTES = 1024 * 1024;

/** `n thing` / `n things`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A spec problem as the reports publish it. */
export function specProblemJson(p: SpecProblem) {
  return { file: p.file, line: p.line, column: p.col, field: p.field, message: p.why, fix: p.fix };
}

export interface Totals {
  readonly stacks: number;
  readonly resources: number;
  readonly mandatory: number;
  readonly advisory: number;
  readonly previewSkipped: number;
  readonly errors: number;
}

export function totals(stacks: CheckedStack[]): Totals {
  const v = stacks.flatMap((s) => s.violations);
  return {
    stacks: stacks.length,
    resources: stacks.reduce((n, s) => n + s.resources.length, 0),
    mandatory: v.filter((x) => x.level === "mandatory").length,
    advisory: v.filter((x) => x.level === "advisory" && !x.previewSkipped).length,
    previewSkipped: v.filter((x) => x.previewSkipped).length,
    errors: stacks.filter((s) => s.error !== undefined).length,
  };
}

export function exitCode(stacks: CheckedStack[]): number {
  const t = totals(stacks);
  if (t.errors > 0) return 2;
  return t.mandatory > 0 ? 1 : 0;
}

export function countsByType(s: CheckedStack): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of s.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0]));
}

export function stackText(s: CheckedStack, verbose: boolean): string {
  const lines = [`== ${s.kind} ${s.name} (${s.project}, ${s.env}): ${s.resources.length} resources`];
  if (s.error) {
    lines.push(`   ERROR: ${s.error.split("\n").join("\n          ")}`);
    return lines.join("\n");
  }
  if (verbose) for (const [type, n] of countsByType(s)) lines.push(`   ${String(n).padStart(3)}  ${type}`);
  for (const level of ["mandatory", "advisory"] as const) {
    const vs = s.violations.filter((v) => v.level === level);
    if (vs.length === 0) continue;
    lines.push(`   ${level} (${vs.length}):`);
    for (const v of vs) lines.push(`     [${v.policy}] ${v.detail}${v.urn ? `\n         at ${v.urn}` : ""}`);
  }
  const m = s.violations.filter((v) => v.level === "mandatory").length;
  lines.push(`   ${m === 0 ? "PASS" : "FAIL"}: ${m} mandatory, ${s.violations.length - m} advisory`);
  return lines.join("\n");
}

export function summaryLine(stacks: CheckedStack[]): string {
  const t = totals(stacks);
  return `${plural(t.stacks, "stack")}, ${plural(t.resources, "resource")}: ${t.mandatory} mandatory, ${plural(t.advisory, "advisory violation")}, ${t.previewSkipped} preview-skipped, ${plural(t.errors, "stack error")}`;
}

export function jsonReport(stacks: CheckedStack[]): unknown {
  return {
    stacks: stacks.map((s) => ({
      name: s.name,
      project: s.project,
      env: s.env,
      ...(s.error ? { error: s.error } : {}),
      ...(s.specProblems ? { specProblems: s.specProblems.map(specProblemJson) } : {}),
      resources: s.resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        inputs: toReportJson(r.inputs),
        parent: r.parent ?? null,
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
        protect: r.protect,
        retainOnDelete: r.retainOnDelete,
        ...(r.hooks
          ? { hooks: r.hooks.map((h) => ({ point: h.point, name: h.name, onDryRun: h.onDryRun })) }
          : {}),
      })),
      violations: s.violations.map((v) => ({
        policy: v.policy,
        level: v.level,
        urn: v.urn ?? null,
        message: v.message,
      })),
    })),
  };
}

/**
 * Text safe inside a markdown table cell: no table breaks, no HTML, no links, no code spans, no
 * emphasis (a job or stack name must not be able to inject content into a PR summary).
 */
export function mdEscape(t: string): string {
  return t
    .replace(/\r?\n/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_{}[\]()#+!|~])/g, "\\$1")
    .replace(/:\/\//g, ":&#47;&#47;");
}

/** Markdown report; stays under GitHub's step-summary limit, saying how much it left out. */
export function markdownReport(stacks: CheckedStack[], maxBytes = STEP_SUMMARY_MAX_BYTES): string {
  const t = totals(stacks);
  const head = [
    `## glue-platform offline policy gate: ${t.mandatory === 0 && t.errors === 0 ? "✅ pass" : "❌ fail"}`,
    "",
    summaryLine(stacks),
    "",
    "| stack | env | resources | mandatory | advisory | status |",
    "|---|---|---:|---:|---:|---|",
  ];
  for (const s of stacks) {
    const m = s.violations.filter((v) => v.level === "mandatory").length;
    head.push(
      `| ${mdEscape(s.name)} (${mdEscape(s.project)}) | ${s.env} | ${s.resources.length} | ${m} | ${s.violations.length - m} | ${s.error ? "error" : m > 0 ? "fail" : "pass"} |`,
    );
  }
  const sections: [string, string, string[]][] = [
    [
      "Stack errors",
      "| stack | file:line:col | field | problem |\n|---|---|---|---|",
      stacks.flatMap((s) =>
        s.error === undefined
          ? []
          : s.specProblems && s.specProblems.length > 0
            ? s.specProblems.map(
                (p) =>
                  `| ${mdEscape(s.name)} | ${mdEscape(`${p.file}:${p.line}:${p.col}`)} | ${mdEscape(p.field)} | ${mdEscape(`${p.why} — ${p.fix}`)} |`,
              )
            : [`| ${mdEscape(s.name)} | — | — | ${mdEscape(s.error)} |`],
      ),
    ],
    [
      "Mandatory violations (block the change)",
      "| stack | policy | message |\n|---|---|---|",
      rows(stacks, "mandatory"),
    ],
    [
      "Advisory findings (do not block)",
      "| stack | policy | message |\n|---|---|---|",
      rows(stacks, "advisory"),
    ],
  ];
  const out = [...head];
  let size = Buffer.byteLength(out.join("\n"), "utf8");
  const reserve = 512; // room for the truncation note
  let omitted = 0;
  for (const [title, tableHead, body] of sections) {
    if (body.length === 0) continue;
    const intro = ["", `### ${title} (${body.length})`, "", tableHead];
    const introBytes = Buffer.byteLength(intro.join("\n"), "utf8") + 1;
    if (size + introBytes + reserve > maxBytes) {
      omitted += body.length;
      continue;
    }
    out.push(...intro);
    size += introBytes;
    for (const line of body) {
      const bytes = Buffer.byteLength(line, "utf8") + 1;
      if (size + bytes + reserve > maxBytes) {
        omitted++;
        continue;
      }
      out.push(line);
      size += bytes;
    }
  }
  if (omitted > 0)
    out.push(
      "",
      `> ⚠️ ${plural(omitted, "row")} not shown: the report is cut to stay under GitHub's ${maxBytes / 1024} KiB step-summary limit. The JSON report (\`--json\`) has every finding.`,
    );
  return out.join("\n") + "\n";
}

function rows(stacks: CheckedStack[], level: "mandatory" | "advisory"): string[] {
  return stacks.flatMap((s) =>
    s.violations
      .filter((v) => v.level === level)
      .map((v) => `| ${mdEscape(s.name)} | ${mdEscape(v.policy)} | ${mdEscape(v.detail)} |`),
  );
}
