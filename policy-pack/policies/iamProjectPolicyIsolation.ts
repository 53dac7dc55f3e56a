import { defineResourcePolicy } from "../lib/define";
import { statementLabel } from "../lib/iamDoc";
import { foreignMatches } from "../lib/wildcards";
import { projectIdOfName } from "../lib/project";
import { identityDocuments, IDENTITY_POLICY_TYPES, policyOwnerName } from "../lib/iamHelpers";

const PROJECT_REF = /project-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/g;

/** Isolation: a project's policies never name another project's resources. */
export const iamProjectPolicyIsolation = defineResourcePolicy({
  name: "iam-project-policy-isolation",
  description:
    "A project's identity policies reference only that project's resources: no other project-{uuid}, and no wildcard that also matches another project's resources (judged by wildcard matching against other projects' ARNs).",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Remove references to other projects' resources; cross-project sharing goes through the platform team.",
  types: IDENTITY_POLICY_TYPES,
  validate(ctx) {
    const owner = projectIdOfName(policyOwnerName(ctx.props));
    if (!owner) return;
    for (const { where, statements } of identityDocuments(ctx)) {
      for (const [i, s] of statements.entries()) {
        if (s.effect !== "Allow") continue;
        const values = [
          ...s.resources,
          ...Object.values(s.conditions).flatMap((b) => Object.values(b).flat()),
        ];
        const foreign = new Set(
          values.flatMap((v) => [...v.matchAll(PROJECT_REF)].map((m) => m[1])).filter((id) => id !== owner),
        );
        for (const { pattern, probe } of foreignMatches(s, owner))
          ctx.report(
            `${where} ${statementLabel(s, i)} resource ${pattern} also covers another project's ${probe.what} (${probe.arn})`,
            "name this project's resources: project-" + owner + "-… names, this project's lake prefix",
          );
        if (foreign.size > 0)
          ctx.report(
            `${where} ${statementLabel(s, i)} grants access to project(s) ${[...foreign].join(", ")}`,
            "reference only this project's resources",
          );
      }
    }
  },
});
