import { defineResourcePolicy } from "../lib/define";
import { dataActionsOf, isResourceLessAction, isWildcardResource, statementLabel } from "../lib/iamDoc";
import { identityDocuments, IDENTITY_POLICY_TYPES } from "../lib/iamHelpers";

export const iamNoWildcardDataResources = defineResourcePolicy({
  name: "iam-no-wildcard-data-resources",
  description:
    'No identity policy grants a data action (S3, Glue, DynamoDB, SQS, SNS, KMS, …) on a wildcard resource, nor Action "*".',
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Scope data actions to the project's buckets and prefixes, databases, tables, queues, topics and key (via its alias).",
  types: IDENTITY_POLICY_TYPES,
  validate(ctx) {
    for (const { where, statements } of identityDocuments(ctx)) {
      for (const [i, s] of statements.entries()) {
        if (s.effect !== "Allow") continue;
        const data = dataActionsOf(s).filter((a) => !isResourceLessAction(a));
        if (data.length === 0) continue;
        if (s.actions.includes("*"))
          ctx.report(`${where} allows Action "*"`, "list the actions the role needs");
        const wild = [
          ...s.resources.filter((r) => isWildcardResource(r, s)),
          ...(s.notResources.length > 0 ? ["NotResource"] : []),
        ];
        if (wild.length > 0)
          ctx.report(
            `${where} ${statementLabel(s, i)} allows ${data.join(", ")} on ${wild.join(", ")}`,
            "scope the resources to this project's ARNs",
          );
      }
    }
  },
});
