/** Offline-check reports: console text, the JSON contract of `--json`, and markdown for PR comments. */
import { toReportJson } from "../runner/encoding";
import { CheckedStack } from "./offlineCheck";

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
  return `${t.stacks} stacks, ${t.resources} resources: ${t.mandatory} mandatory, ${t.advisory} advisory violations, ${t.previewSkipped} preview-skipped, ${t.errors} stack errors`;
}

export function jsonReport(stacks: CheckedStack[]): unknown {
  return {
    stacks: stacks.map((s) => ({
      name: s.name,
      project: s.project,
      env: s.env,
      ...(s.error ? { error: s.error } : {}),
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

const esc = (t: string) => t.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function markdownReport(stacks: CheckedStack[]): string {
  const t = totals(stacks);
  const lines = [
    `## glue-platform offline policy gate: ${t.mandatory === 0 && t.errors === 0 ? "✅ pass" : "❌ fail"}`,
    "",
    summaryLine(stacks),
    "",
    "| stack | env | resources | mandatory | advisory | status |",
    "|---|---|---:|---:|---:|---|",
  ];
  for (const s of stacks) {
    const m = s.violations.filter((v) => v.level === "mandatory").length;
    lines.push(
      `| ${s.name} (${s.project}) | ${s.env} | ${s.resources.length} | ${m} | ${s.violations.length - m} | ${s.error ? "error" : m > 0 ? "fail" : "pass"} |`,
    );
  }
  const findings = stacks.flatMap((s) => [
    ...(s.error ? [`| ${s.name} | error | — | ${esc(s.error)} |`] : []),
    ...s.violations.map((v) => `| ${s.name} | ${v.level} | \`${v.policy}\` | ${esc(v.detail)} |`),
  ]);
  if (findings.length > 0)
    lines.push(
      "",
      "### Findings",
      "",
      "| stack | level | policy | message |",
      "|---|---|---|---|",
      ...findings,
    );
  return lines.join("\n") + "\n";
}
