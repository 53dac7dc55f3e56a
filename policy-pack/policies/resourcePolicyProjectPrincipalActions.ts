import { defineStackPolicy } from "../lib/define";
import { isAllowedProjectAction } from "../lib/actionAllowlist";
import {
  accountOfPrincipal,
  conditionValues,
  isEveryone,
  NormalizedStatement,
  statementLabel,
} from "../lib/iamDoc";
import { knownPolicyStatements } from "../lib/ownOutputs";
import { RESOURCE_POLICY_FIELDS } from "../lib/resourcePolicyFields";
import { stackIdentity } from "../lib/stackIdentity";
import { projectOfResource, stackProjectOf } from "../lib/stackProject";
import { has } from "../lib/values";
import { T } from "../lib/types";

const ASK =
  "grant project principals in resource policies only the actions of components/project/iamAllowlist.ts (the same list as their identity policies); changing who may access a resource (policies, grants, ACLs, permissions) is done by the platform team through the gate";

/** A KMS grant is accepted only for AWS services integrated with KMS
 * (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-is-for-aws-resource). */
function grantForAwsResourceOnly(st: NormalizedStatement): boolean {
  const v = conditionValues(st, /^Bool$/i, "kms:GrantIsForAWSResource");
  return v !== undefined && v.length > 0 && v.every((x) => x.toLowerCase() === "true");
}

/** Does an AWS principal value delegate to IAM (the account itself) rather than name an identity? */
function isAccountRoot(p: string): boolean {
  return /^\d{12}$/.test(p) || /^arn:[^:]+:iam::\d{12}:root$/.test(p);
}

/** Who a statement grants to directly, apart from the account (which defers to identity policies,
 * judged by iam-project-action-allowlist) and AWS services (judged by iam-resource-policy-scope). */
function directIdentities(st: NormalizedStatement): string[] {
  if (isEveryone(st.principals) || st.notPrincipals !== undefined) return ["everyone the conditions admit"];
  if (st.principals === undefined || st.principals === "*") return [];
  const out: string[] = [];
  for (const [kind, values] of Object.entries(st.principals)) {
    if (kind === "Service") continue;
    for (const v of values) if (!(kind === "AWS" && isAccountRoot(v) && accountOfPrincipal(v))) out.push(v);
  }
  return out;
}

/**
 * Default-deny on actions, for resource policies: a statement of a project stack's resource policy
 * that grants directly to identities (project roles, people's roles, or everyone a condition admits)
 * may give them only the actions their identity policies may have (components/project/iamAllowlist.ts).
 * Otherwise a key, bucket, topic or queue policy could hand a project role kms:CreateGrant,
 * kms:PutKeyPolicy, s3:PutBucketPolicy, sns:AddPermission, … and the role could re-grant access at
 * run time, outside the gate.
 */
export const resourcePolicyProjectPrincipalActions = defineStackPolicy({
  name: "resource-policy-project-principal-actions",
  description:
    "In a project stack, resource policies (key, bucket, topic, queue, secret, … policies) grant identities other than the account root and AWS services only the actions project identities may have (components/project/iamAllowlist.ts), never NotAction: no re-granting or access changes (kms:CreateGrant unless kms:GrantIsForAWSResource is true, kms:PutKeyPolicy, s3:PutBucketPolicy, sns:AddPermission, sqs:SetQueueAttributes, iam:*, …), which would let a project change access at run time outside the gate.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: ASK,
  validate(ctx) {
    // The stack's own identity first (a TopicPolicy names its topic only by ARN), else its names.
    const id = stackIdentity();
    const projectStack = id.kind === "project" || (id.kind !== "platform" && !!stackProjectOf(ctx.resources));
    for (const r of ctx.resources) {
      if (r.type === T.role) continue; // trust policies: iam-project-role-trust
      const field = RESOURCE_POLICY_FIELDS[r.type];
      if (!field || !has(r.props, field)) continue;
      if (!projectStack && !projectOfResource(r.props)) continue;
      // Unknown at preview: judged here at pulumi up when built from the stack's own resources, and
      // refused by iam-resource-policy-scope otherwise (lib/ownOutputs.ts).
      const statements = knownPolicyStatements(r, field, ctx.resources);
      if (!statements) continue;
      statements.forEach((s, i) => {
        if (s.effect !== "Allow") return;
        const who = directIdentities(s);
        if (who.length === 0) return;
        const where = `${field} ${statementLabel(s, i)} grants ${who.join(", ")}`;
        if (s.notActions.length > 0) {
          ctx.report(r, `${where} every action except ${s.notActions.join(", ")} (NotAction)`, ASK);
          return;
        }
        for (const a of s.actions) {
          if (isAllowedProjectAction(a)) continue;
          if (/^kms:CreateGrant$/i.test(a) && grantForAwsResourceOnly(s)) continue;
          ctx.report(r, `${where} ${a}, which is not an action project identities may have`, ASK);
        }
      });
    }
  },
});
