import { defineResourcePolicy } from "../lib/define";
import { isEveryone, NormalizedStatement, parsePolicyDocument, PolicyDocumentError } from "../lib/iamDoc";
import { stackIdentity } from "../lib/stackIdentity";
import { has, peek, str } from "../lib/values";

/** Condition keys that name the calling principal or source resource itself
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html). */
const PROJECT_PIN_KEYS = ["aws:principalarn", "aws:sourcearn"];
const EXACT_OPERATOR = /^(StringEquals|ArnEquals)$/i;

/** Does the statement pin its caller to resources of the project (exact ARNs carrying its prefix)? */
function pinnedToProject(st: NormalizedStatement, prefix: string): boolean {
  for (const [op, block] of Object.entries(st.conditions)) {
    if (!EXACT_OPERATOR.test(op)) continue;
    for (const [k, v] of Object.entries(block))
      if (
        PROJECT_PIN_KEYS.includes(k.toLowerCase()) &&
        v.length > 0 &&
        v.every((x) => !/[*?]|\$\{/.test(x) && x.includes(prefix))
      )
        return true;
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
export const resourcePolicyNoEveryoneGrants = defineResourcePolicy({
  name: "resource-policy-no-everyone-grants",
  description:
    'A project resource policy (bucket, queue, topic, key, … any `policy` document with principals) never allows "*" unless an exact aws:PrincipalArn/aws:SourceArn condition names this project\'s resources; an account or organization pin alone lets every project in the account in.',
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Name the project's roles as principals (arn:aws:iam::<account>:role/project-{uuid}-…) or a service principal with aws:SourceArn of the project's resource, instead of \"*\" with an account condition.",
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
    const prefix = `project-${id.projectId}`;
    statements.forEach((st, i) => {
      if (st.effect !== "Allow") return;
      const everyone = isEveryone(st.principals) || st.notPrincipals !== undefined;
      if (everyone && !pinnedToProject(st, prefix))
        ctx.report(
          `policy statement ${st.sid ?? `#${i + 1}`} allows everyone ("*") without an exact aws:PrincipalArn/aws:SourceArn of this project, so every project in the account may use it`,
          "name the project's roles as principals, or pin aws:PrincipalArn/aws:SourceArn (StringEquals/ArnEquals) to this project's resources",
        );
    });
  },
});
