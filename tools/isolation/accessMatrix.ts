/**
 * Evaluates every probe with @cloud-copilot/iam-simulate (a devDependency, AGPL: only tools and tests
 * import it, never stack or policy code) and reports the access matrix.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { CheckedStack } from "../gate/offlineCheck";
import { DEFAULT_ACCOUNT } from "../runner/mocks";
import { platformAccess, projectAccess } from "./model";
import { buildProbes, EXPECTED_ACCESS, Probe } from "./probes";

export interface ProbeResult {
  readonly probe: Probe;
  readonly allowed: boolean;
  /** Per check: the simulator's decision, or its validation error. */
  readonly decisions: string[];
}

export interface AccessMatrix {
  readonly results: ProbeResult[];
  readonly unintendedAllows: ProbeResult[];
  readonly intendedDenies: ProbeResult[];
  readonly errors: ProbeResult[];
}

const ACCOUNT = DEFAULT_ACCOUNT.accountId;

async function evaluate(probe: Probe): Promise<ProbeResult> {
  const decisions: string[] = [];
  for (const check of probe.checks) {
    const response = await runSimulation(
      {
        request: {
          principal: probe.as?.arn ?? probe.principal.roles[probe.role].arn,
          action: check.action,
          resource: { resource: check.resource, accountId: ACCOUNT },
          contextVariables: probe.context,
        },
        identityPolicies: probe.as?.identityPolicies ?? probe.principal.roles[probe.role].identityPolicies,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: check.resourcePolicy,
      },
      {},
    );
    if (response.resultType === "error")
      decisions.push(`error: ${response.errors.message ?? JSON.stringify(response.errors)}`);
    else decisions.push(response.overallResult);
  }
  return { probe, allowed: decisions.every((d) => d === "Allowed"), decisions };
}

export async function accessMatrix(stacks: CheckedStack[], env: string): Promise<AccessMatrix> {
  const projectStacks = stacks.filter((s) => s.env === env && s.project === "glue-project" && !s.error);
  const platform = stacks.find((s) => s.env === env && s.project === "glue-platform" && !s.error);
  if (!platform || projectStacks.length < 3)
    throw new Error(`the access matrix needs the platform and at least three project stacks of ${env}`);
  const probes = buildProbes(
    projectStacks.map((s) => projectAccess(s, env)),
    platformAccess(platform, projectStacks[0]),
  );
  const results: ProbeResult[] = [];
  for (const p of probes) results.push(await evaluate(p));
  const errors = results.filter((r) => r.decisions.some((d) => d.startsWith("error")));
  return {
    results,
    errors,
    unintendedAllows: results.filter((r) => r.allowed && !r.probe.expectAllowed),
    intendedDenies: results.filter((r) => !r.allowed && r.probe.expectAllowed && !errors.includes(r)),
  };
}

export function accessMatrixMarkdown(m: AccessMatrix): string {
  const kinds = Object.keys(EXPECTED_ACCESS);
  const cols = ["job", "crawler", "dev"].flatMap((role) =>
    (["own", "foreign"] as const).map((scope) => ({ role, scope })),
  );
  const lines = [
    `## Project isolation: ${m.results.length} probes, ${m.unintendedAllows.length} unintended allows, ${m.intendedDenies.length} intended denies, ${m.errors.length} errors`,
    "",
    `| request | ${cols.map((c) => `${c.role} → ${c.scope}`).join(" | ")} |`,
    `|---|${cols.map(() => ":-:").join("|")}|`,
  ];
  for (const kind of kinds) {
    const cells = cols.map(({ role, scope }) => {
      const rs = m.results.filter(
        (r) => r.probe.kind === kind && r.probe.role === role && r.probe.scope === scope,
      );
      if (rs.length === 0) return "—";
      const allowed = rs.filter((r) => r.allowed).length;
      const ok = rs.every((r) => r.allowed === r.probe.expectAllowed);
      return `${allowed === rs.length ? "allow" : allowed === 0 ? "deny" : `${allowed}/${rs.length}`}${ok ? "" : " ❌"}`;
    });
    lines.push(`| ${EXPECTED_ACCESS[kind].what} | ${cells.join(" | ")} |`);
  }
  for (const [title, list] of [
    ["Unintended allows", m.unintendedAllows],
    ["Intended denies", m.intendedDenies],
    ["Errors", m.errors],
  ] as const) {
    if (list.length === 0) continue;
    lines.push("", `### ${title}`, "", ...list.map((r) => `- ${r.probe.id}: ${r.decisions.join(", ")}`));
  }
  return lines.join("\n") + "\n";
}
