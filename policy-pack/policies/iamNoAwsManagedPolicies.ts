import { defineResourcePolicy } from "../lib/define";
import { peekAll } from "../lib/values";
import { T } from "../lib/types";

// IAM ARNs are matched case-insensitively here: a spelling like ARN:AWS:IAM::AWS:POLICY/… must not slip by.
const AWS_MANAGED = /^arn:[^:]+:iam::aws:policy\//i;

export const iamNoAwsManagedPolicies = defineResourcePolicy({
  name: "iam-no-aws-managed-policies",
  description:
    "Roles get only the platform's scoped policies, never AWS managed ones (AWSGlueServiceRole grants far more).",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Detach AWS managed policies; the project stack's customer-managed policies cover what Glue needs.",
  types: [T.role, T.rolePolicyAttachment, T.policyAttachment, T.rolePoliciesExclusive],
  validate(ctx) {
    // Values unknown at preview (`policy.arn` of this stack) are judged by iam-attach-only-own-policies.
    const arns = ["policyArn", "managedPolicyArns", "policyArns"]
      .flatMap((f) => peekAll(ctx.props, f))
      .filter((a): a is string => typeof a === "string");
    for (const a of arns)
      if (AWS_MANAGED.test(a))
        ctx.report(
          `attaches the AWS managed policy ${a}`,
          "use the project's customer-managed policies instead",
        );
  },
});
