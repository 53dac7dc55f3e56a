import { PolicyResource } from "@pulumi/policy";
import { defineStackPolicy } from "../lib/define";
import { factSettings, platformFacts } from "../lib/platformFacts";
import { projectIdOfName } from "../lib/project";
import { peek, peekAll, str, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

type Kind = "identity" | "policy";

/** Where each attachment shape names its identities and its policies (property → referenced type). */
const SHAPES: Record<string, { field: string; kind: Kind; refType: string[] }[]> = {
  [T.rolePolicyAttachment]: [
    { field: "role", kind: "identity", refType: [T.role] },
    { field: "policyArn", kind: "policy", refType: [T.policy] },
  ],
  [T.userPolicyAttachment]: [
    { field: "user", kind: "identity", refType: [T.user] },
    { field: "policyArn", kind: "policy", refType: [T.policy] },
  ],
  [T.groupPolicyAttachment]: [
    { field: "group", kind: "identity", refType: [T.group] },
    { field: "policyArn", kind: "policy", refType: [T.policy] },
  ],
  [T.policyAttachment]: [
    { field: "roles", kind: "identity", refType: [T.role] },
    { field: "users", kind: "identity", refType: [T.user] },
    { field: "groups", kind: "identity", refType: [T.group] },
    { field: "policyArn", kind: "policy", refType: [T.policy] },
  ],
  [T.rolePoliciesExclusive]: [
    { field: "roleName", kind: "identity", refType: [T.role] },
    { field: "policyArns", kind: "policy", refType: [T.policy] },
  ],
  [T.userPoliciesExclusive]: [
    { field: "userName", kind: "identity", refType: [T.user] },
    { field: "policyArns", kind: "policy", refType: [T.policy] },
  ],
  [T.groupPoliciesExclusive]: [
    { field: "groupName", kind: "identity", refType: [T.group] },
    { field: "policyArns", kind: "policy", refType: [T.policy] },
  ],
  [T.rolePolicy]: [{ field: "role", kind: "identity", refType: [T.role] }],
  [T.userPolicy]: [{ field: "user", kind: "identity", refType: [T.user] }],
  [T.groupPolicy]: [{ field: "group", kind: "identity", refType: [T.group] }],
  [T.role]: [{ field: "managedPolicyArns", kind: "policy", refType: [T.policy] }],
};

/** A referenced name: the literal (its last ARN path segment), or, when unknown at preview, the name
 * of the resource of this stack it comes from (property dependencies). */
interface Ref {
  readonly shown: string;
  readonly project: string | undefined;
  readonly resolved: boolean;
}

function refsOf(r: PolicyResource, field: string, refType: string[]): Ref[] {
  const deps = (r.propertyDependencies[field] ?? []).filter((d) => refType.includes(d.type));
  return peekAll(r.props, field).map((v) => {
    if (typeof v === "string") {
      const last = v.split("/").pop() ?? v;
      return { shown: v, project: projectIdOfName(last), resolved: true };
    }
    if (v === UNKNOWN && deps.length === 1) {
      const name = str(peek(() => deps[0].props.name)) ?? deps[0].name;
      return {
        shown: `${deps[0].type.split(":").pop()} "${name}"`,
        project: projectIdOfName(name),
        resolved: true,
      };
    }
    return { shown: "(unknown at preview)", project: undefined, resolved: false };
  });
}

/**
 * Every way an identity gets a policy (attachments of each kind, exclusive attachments, inline
 * policies, managedPolicyArns): a project's roles, users and groups get only that project's own
 * policies, and a project's policies go only to that project's identities. Values unknown at preview
 * (`policy.arn`, `role.name`) are judged through the resource of this stack they come from.
 */
export const iamAttachOnlyOwnPolicies = defineStackPolicy({
  name: "iam-attach-only-own-policies",
  description:
    "Roles, users and groups of a project get only that project's own policies (any attachment shape, inline or managed), and a project's policies go only to its own identities.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Attach only policies named project-{uuid}-… of the identity's own project, passing the Policy resource's arn or its literal ARN.",
  ...factSettings("accountId"),
  validate(ctx) {
    const { accountId } = platformFacts(ctx.config);
    for (const r of ctx.resources) {
      const shape = SHAPES[r.type];
      if (!shape) continue;
      const identities: Ref[] = [];
      const attached: Ref[] = [];
      for (const s of shape) {
        const refs = refsOf(r, s.field, s.refType);
        if (refs.some((x) => !x.resolved))
          ctx.report(
            r,
            `${s.field} can't be known during preview and does not come from one ${s.refType.map((t) => t.split(":").pop()).join("/")} of this stack`,
            "pass the resource of this stack (e.g. policy.arn, role.name) or a literal name",
          );
        (s.kind === "identity" ? identities : attached).push(...refs.filter((x) => x.resolved));
      }
      // The resource itself is the identity (Role.managedPolicyArns) or the policy (RolePolicy, …).
      const self: Ref = {
        shown: str(peek(() => r.props.name)) ?? r.name,
        project: projectIdOfName(str(peek(() => r.props.name))),
        resolved: true,
      };
      if (r.type === T.role) identities.push(self);
      else if (shape.every((s) => s.kind === "identity")) attached.push(self);
      // A customer-managed policy ARN names its account: only the platform account's own policies
      // (AWS managed `iam::aws:` policies are judged by iam-no-aws-managed-policies).
      for (const p of attached) {
        const acct = /^arn:[^:]*:iam::([^:]*):policy\//i.exec(p.shown)?.[1];
        if (accountId && acct !== undefined && acct.toLowerCase() !== "aws" && acct !== accountId)
          ctx.report(
            r,
            `attaches ${p.shown}, a policy of account ${acct}, not of the platform account ${accountId}`,
            `attach only policies of account ${accountId}`,
          );
      }
      const owners = new Set(identities.map((i) => i.project));
      for (const owner of owners) {
        if (owner === undefined) continue;
        for (const p of attached.filter((a) => a.project !== owner))
          ctx.report(
            r,
            `gives ${p.shown} to an identity of project ${owner}, but it is not that project's own policy`,
            `attach only policies named project-${owner}-…`,
          );
      }
      const policyProjects = new Set(attached.map((a) => a.project).filter((p): p is string => !!p));
      for (const pp of policyProjects)
        for (const i of identities.filter((x) => x.project !== pp))
          ctx.report(
            r,
            `gives project ${pp}'s policy to ${i.shown}, which is not an identity of that project`,
            `attach it only to project-${pp}-… roles`,
          );
    }
  },
});
