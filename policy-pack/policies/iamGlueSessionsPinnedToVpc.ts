import { defineResourcePolicy } from "../lib/define";
import { actionMatches, conditionValues } from "../lib/iamDoc";
import { identityDocuments, IDENTITY_POLICY_TYPES } from "../lib/iamHelpers";

/** Interactive sessions (the successor of dev endpoints) may start only inside the platform VPC. */
export const iamGlueSessionsPinnedToVpc = defineResourcePolicy({
  name: "iam-glue-sessions-pinned-to-vpc",
  description:
    "Any grant of glue:CreateSession pins glue:VpcIds and glue:SubnetIds and requires a security group (a connection).",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    'Add ForAllValues:StringEquals on glue:VpcIds/glue:SubnetIds and Null {"glue:VpcIds","glue:SubnetIds","glue:SecurityGroupIds": "false"}.',
  types: IDENTITY_POLICY_TYPES,
  validate(ctx) {
    for (const { where, statements } of identityDocuments(ctx)) {
      for (const s of statements) {
        if (s.effect !== "Allow" || !s.actions.some((a) => actionMatches(a, "glue:CreateSession"))) continue;
        for (const key of ["glue:VpcIds", "glue:SubnetIds"]) {
          if (!conditionValues(s, /^ForAllValues:String(Equals|Like)$/i, key))
            ctx.report(
              `${where} allows CreateSession without pinning ${key}`,
              `add ForAllValues:StringEquals {"${key}": [...]}`,
            );
        }
        for (const key of ["glue:VpcIds", "glue:SubnetIds", "glue:SecurityGroupIds"]) {
          const v = conditionValues(s, /^Null$/i, key);
          if (!v || v[0] !== "false")
            ctx.report(
              `${where} allows CreateSession without requiring ${key} (sessions without a connection would pass)`,
              `add Null {"${key}": "false"}`,
            );
        }
      }
    }
  },
});
