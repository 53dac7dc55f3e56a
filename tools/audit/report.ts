/** The live audit's findings and report, as text for the terminal and as Markdown for a CI summary. */
import { describeDiff } from "./diffText";
import type { FieldDiff } from "./diff";
import type { FailedCall } from "./live";

export type FindingKind = "drifted" | "missing" | "shadow" | "violation";

export interface Finding {
  readonly kind: FindingKind;
  readonly type: string;
  readonly name: string;
  readonly stack?: string;
  readonly fields?: FieldDiff[];
  readonly policy?: string;
  readonly message?: string;
}

export interface AuditReport {
  readonly env: string;
  readonly account: string;
  readonly region: string;
  readonly findings: Finding[];
  readonly failures: FailedCall[];
  readonly calls: number;
  readonly exitCode: number;
}

export function auditText(r: AuditReport): string {
  const lines = [`audit of ${r.env} (account ${r.account}, ${r.region}): ${r.calls} read-only calls`];
  for (const kind of ["missing", "drifted", "shadow", "violation"] as const) {
    const fs = r.findings.filter((f) => f.kind === kind);
    if (fs.length === 0) continue;
    lines.push(`  ${kind} (${fs.length}):`);
    for (const f of fs) {
      lines.push(
        `    ${f.type.split(":").pop()} ${f.name}${f.stack ? ` [${f.stack}]` : ""}${f.policy ? ` [${f.policy}]` : ""}${f.message ? `: ${f.message}` : ""}`,
      );
      for (const d of f.fields ?? []) {
        const changes = describeDiff(d.desired, d.live);
        if (changes.length === 1 && !/^[+-] /.test(changes[0])) lines.push(`      ${d.field}: ${changes[0]}`);
        else {
          lines.push(`      ${d.field}:`);
          for (const c of changes) lines.push(`        ${c}`);
        }
      }
    }
  }
  if (r.failures.length > 0) {
    lines.push(`  INCOMPLETE: ${r.failures.length} call(s) failed, the account was not read completely:`);
    for (const f of r.failures)
      lines.push(`    ${f.operation}${f.target ? ` ${f.target}` : ""}: ${f.message}`);
  }
  lines.push(r.exitCode === 0 ? "  clean" : `  exit ${r.exitCode}`);
  return lines.join("\n");
}

export function auditMarkdown(r: AuditReport): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const lines = [
    `## Live audit: ${r.env} (${r.region})`,
    "",
    `${r.findings.length} findings, ${r.failures.length} failed calls, ${r.calls} read-only calls`,
    "",
    "| kind | resource | stack | detail |",
    "|---|---|---|---|",
  ];
  for (const f of r.findings) {
    const detail =
      f.fields?.map((d) => `${d.field}: ${describeDiff(d.desired, d.live).join("; ")}`).join("; ") ??
      `${f.policy ? `\`${f.policy}\` ` : ""}${f.message ?? ""}`;
    lines.push(
      `| ${f.kind} | ${f.type.split(":").pop()} \`${f.name}\` | ${f.stack ?? "—"} | ${esc(detail)} |`,
    );
  }
  for (const f of r.failures) lines.push(`| failed call | ${f.operation} | — | ${esc(f.message)} |`);
  return lines.join("\n") + "\n";
}
