/**
 * The wildcard budget: how many cdk-nag AwsSolutions-IAM5 findings a stack may have, per accepted
 * reason (tools/wildcards/accepted.ts), written up in docs/decisions.md ("Wildcard budget"). A stack
 * over budget grew a wildcard: scope the grant, or raise the budget in the same change with its reason.
 */
import { CapturedResource } from "../runner/runStack";
import { reasonsFor } from "../wildcards/accepted";
import { wildcardsOf } from "../wildcards/inventory";
import { nagFindings } from "./peerCheck";

export type StackKind = "platform" | "project";

/** Findings outside every accepted reason are counted under this key (the budget for it is 0). */
export const UNEXPLAINED = "(no accepted reason)";

/** Per stack kind, per reason: the most IAM5 findings one stack may have. */
export const IAM5_BUDGET: Readonly<Record<StackKind, Readonly<Record<string, number>>>> = {
  project: {
    // the project's folder in each of the 3 lake buckets, in data-access and crawler-data-access (6),
    // its scripts, temp and artifacts buckets (3), and the location of a table with optimizers in the
    // optimizer role (1)
    "prefix-scoped-s3-paths": 10,
    // the Glue log groups: 2 job group patterns and the crawler group's streams, in run-access and dev-sessions
    "service-created-log-groups": 6,
    // EC2 Describe* and cloudwatch:PutMetricData (namespace Glue) in run-access, PutMetricData
    // (the runtime's namespace) in job-runtime
    "actions-without-resource-level-permissions": 2,
    // the tables in each catalog database the spec declares (at most one per lake layer)
    "tables-in-own-databases": 3,
    // network interfaces and security groups Glue creates and tags
    "tag-conditioned-ec2-grants": 2,
    "alias-scoped-key": 1,
    "project-secrets-prefix": 1,
    "tag-conditioned-glue-sessions": 1,
  },
  platform: {
    // the VPC flow-log group's streams
    "service-created-log-groups": 1,
  },
};

export function budgetTotal(kind: StackKind): number {
  return Object.values(IAM5_BUDGET[kind]).reduce((a, b) => a + b, 0);
}

/** IAM5 findings of one stack, counted by the accepted reason of the wildcard each one reports. */
export function iam5ByReason(stackName: string, resources: readonly CapturedResource[]): Map<string, number> {
  const wildcards = wildcardsOf(resources);
  const counts = new Map<string, number>();
  for (const f of nagFindings(stackName, resources)) {
    if (f.rule !== "AwsSolutions-IAM5") continue;
    const detail = f.detail ?? "";
    const kind = detail.split("::")[0];
    const value = detail.slice(detail.indexOf("::") + 2);
    const w = wildcards.find(
      (x) =>
        `${x.type.split(":").pop()}-${x.holder.slice(x.holder.indexOf("'") + 1, -1)}` === f.resource &&
        (kind === "Resource" ? x.resource === value : x.action === value) &&
        reasonsFor(x).length > 0,
    );
    const reason = w ? reasonsFor(w)[0].id : UNEXPLAINED;
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return counts;
}

/** What exceeds the budget: `<reason>: <count> > <budget>` lines (empty: within budget). */
export function overBudget(kind: StackKind, counts: ReadonlyMap<string, number>): string[] {
  const budget = IAM5_BUDGET[kind];
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const lines = [...counts]
    .filter(([reason, n]) => n > (budget[reason] ?? 0))
    .map(([reason, n]) => `${reason}: ${n} > ${budget[reason] ?? 0}`);
  if (total > budgetTotal(kind)) lines.push(`total: ${total} > ${budgetTotal(kind)}`);
  return lines;
}
