/**
 * A peer rule set over the offline capture: cdk-nag's AwsSolutions pack run on the bucket, queue and
 * IAM resources mapped to CloudFormation (./cloudFormation.ts). Dev-only; the pack stays the gate.
 */
import { AwsSolutionsChecks } from "cdk-nag";
import { CapturedResource } from "../runner/runStack";
import { toCloudFormation } from "./cloudFormation";

export interface NagFinding {
  /** `AwsSolutions-IAM5`, without the finding detail. */
  readonly rule: string;
  /** For rules that report details (IAM5): `Resource::<arn>` or `Action::<action>`. */
  readonly detail?: string;
  /** Construct id: `<Pulumi type>-<resource name>`. */
  readonly resource: string;
}

export function nagFindings(stackName: string, resources: readonly CapturedResource[]): NagFinding[] {
  const stack = toCloudFormation(stackName, resources);
  const report = new AwsSolutionsChecks().validateScope(stack);
  const out: NagFinding[] = [];
  for (const v of report.violations) {
    if (v.severity !== "error") continue;
    const m = /^([^[]+)(?:\[(.*)\])?$/.exec(v.ruleName);
    for (const r of v.violatingResources)
      out.push({
        rule: m?.[1] ?? v.ruleName,
        detail: m?.[2],
        resource: (r.constructPath ?? "").split("/").slice(1).join("/"),
      });
  }
  return out;
}
