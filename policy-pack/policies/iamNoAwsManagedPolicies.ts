import { defineResourcePolicy } from "../lib/define";
import { list, str } from "../lib/values";
import { T } from "./types";

const AWS_MANAGED = /^arn:[^:]+:iam::aws:policy\//;

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
    const arns = [
      str(ctx.props.policyArn),
      ...list(ctx.props.managedPolicyArns).map(str),
      ...list(ctx.props.policyArns).map(str),
    ].filter((a): a is string => a !== undefined);
    for (const a of arns)
      if (AWS_MANAGED.test(a))
        ctx.report(
          `attaches the AWS managed policy ${a}`,
          "use the project's customer-managed policies instead",
        );
  },
});
