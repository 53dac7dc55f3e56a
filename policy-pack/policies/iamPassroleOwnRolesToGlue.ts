import { defineResourcePolicy } from "../lib/define";
import { actionMatches, conditionValues } from "../lib/iamDoc";
import { projectIdOfName, projectNamesOf, roleNameOf } from "../lib/project";
import { identityDocuments, IDENTITY_POLICY_TYPES, policyOwnerName } from "../lib/iamHelpers";

export const iamPassroleOwnRolesToGlue = defineResourcePolicy({
  name: "iam-passrole-own-roles-to-glue",
  description: "iam:PassRole is granted only on the project's own Glue roles, only to glue.amazonaws.com.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    'Resource: the project job/crawler role ARNs; Condition StringEquals {"iam:PassedToService": "glue.amazonaws.com"}.',
  types: IDENTITY_POLICY_TYPES,
  validate(ctx) {
    const owner = projectIdOfName(policyOwnerName(ctx.props));
    for (const { where, statements } of identityDocuments(ctx)) {
      for (const s of statements) {
        if (s.effect !== "Allow" || !s.actions.some((a) => actionMatches(a, "iam:PassRole"))) continue;
        const allowed = owner
          ? new Set([projectNamesOf(owner).jobRole(), projectNamesOf(owner).crawlerRole()])
          : new Set<string>();
        const bad = s.resources.filter((r) => !allowed.has(roleNameOf(r) ?? ""));
        if (bad.length > 0)
          ctx.report(
            `${where} lets ${owner ? "the project" : "a non-project principal"} pass ${bad.join(", ")}`,
            owner
              ? `pass only ${[...allowed].join(", ")}`
              : "grant PassRole only inside a project's policies",
          );
        const svc = conditionValues(s, /^StringEquals$/i, "iam:PassedToService");
        if (!svc || svc.some((v) => v !== "glue.amazonaws.com"))
          ctx.report(
            `${where} allows PassRole without iam:PassedToService glue.amazonaws.com`,
            'add Condition StringEquals {"iam:PassedToService": "glue.amazonaws.com"}',
          );
      }
    }
  },
});
