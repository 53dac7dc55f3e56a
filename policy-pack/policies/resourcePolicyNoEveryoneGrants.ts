import { PolicyConfigSchema } from "@pulumi/policy";
import { defineResourcePolicy } from "../lib/define";
import { isEveryone, NormalizedStatement, parsePolicyDocument, PolicyDocumentError } from "../lib/iamDoc";
import { factConfig, FactsConfig, platformPlace } from "../lib/platformFacts";
import { isProjectIdentity, projectSourceKind, ProjectPlace } from "../lib/projectPrincipals";
import { stackIdentity } from "../lib/stackIdentity";
import { has, peek, str } from "../lib/values";

const EXACT_OPERATOR = /^(StringEquals|ArnEquals)$/i;

/** Does the statement pin its caller to the project: an exact aws:PrincipalArn naming only the
 * project's own roles (or their sessions), or an exact aws:SourceArn naming only the project's own
 * sources (rules, alarms, budget, topic, log groups), parsed (lib/projectPrincipals.ts)? */
function pinnedToProject(st: NormalizedStatement, place: ProjectPlace): boolean {
  for (const [op, block] of Object.entries(st.conditions)) {
    if (!EXACT_OPERATOR.test(op)) continue;
    for (const [k, v] of Object.entries(block)) {
      if (v.length === 0) continue;
      const key = k.toLowerCase();
      if (key === "aws:principalarn" && v.every((x) => isProjectIdentity(x, place))) return true;
      if (key === "aws:sourcearn" && v.every((x) => projectSourceKind(x, place) !== undefined)) return true;
    }
  }
  return false;
}

/**
 * The platform account is shared by every project, so a resource policy that allows everyone ("*"
 * in any spelling) pinned only to the account or organization (`aws:PrincipalAccount`,
 * `aws:PrincipalOrgID`, `aws:SourceAccount`) grants every other project's roles. A project's
 * resource policy may allow everyone only when an exact `aws:PrincipalArn` or `aws:SourceArn`
 * condition names resources of the project. Deny statements (TLS-only) are not grants.
 */
export const resourcePolicyNoEveryoneGrants = defineResourcePolicy<FactsConfig>({
  name: "resource-policy-no-everyone-grants",
  description:
    'A project resource policy (bucket, queue, topic, key, … any `policy` document with principals) never allows "*" unless an exact aws:PrincipalArn condition names only this project\'s own roles (or their sessions) or an exact aws:SourceArn names only its own rules, alarms, budget, topic or log groups (parsed ARNs in the platform account, not substrings); an account or organization pin alone lets every project in the account in.',
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Name the project's roles as principals (arn:aws:iam::<account>:role/project-{uuid}-…) or a service principal with aws:SourceArn of the project's resource, instead of \"*\" with an account condition.",
  config: factConfig("accountId", "region", "partition").config,
  configSchema: { properties: factConfig("accountId", "region", "partition").schema } as PolicyConfigSchema,
  types: "all",
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return;
    if (!has(ctx.props, "policy")) return;
    // A document unknown at preview is refused by iam-resource-policy-scope, which names the fix.
    const doc = str(peek(() => ctx.props.policy));
    if (doc === undefined) return;
    let statements: NormalizedStatement[];
    try {
      statements = parsePolicyDocument(doc);
    } catch (e) {
      if (e instanceof PolicyDocumentError) return; // judged by the IAM document rules
      throw e;
    }
    const facts = platformPlace(ctx.config as Record<string, unknown>);
    statements.forEach((st, i) => {
      if (st.effect !== "Allow") return;
      const everyone = isEveryone(st.principals) || st.notPrincipals !== undefined;
      if (!everyone) return;
      if ("what" in facts) {
        ctx.report(
          `policy statement ${st.sid ?? `#${i + 1}`} allows everyone ("*") and ${facts.what}`,
          facts.how,
        );
        return;
      }
      if (!pinnedToProject(st, { ...facts, projectId: id.projectId }))
        ctx.report(
          `policy statement ${st.sid ?? `#${i + 1}`} allows everyone ("*") without an exact aws:PrincipalArn/aws:SourceArn of this project, so every project in the account may use it`,
          "name the project's roles as principals, or pin aws:PrincipalArn/aws:SourceArn (StringEquals/ArnEquals) to this project's resources",
        );
    });
  },
});
