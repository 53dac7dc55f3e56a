/** Reads the relevant IAM roles: their trust policies, attached managed policies (customer-managed
 * ones with their default version) and inline policies. */
import { TYPE as T } from "../../../components/typeTokens";
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  paginateListRoles,
} from "@aws-sdk/client-iam";
import { mapBounded } from "../../automation/drift";
import { decode, LiveReader, tagMap } from "./liveReader";

/** Inline policies of a role (`aws:iam/rolePolicy:RolePolicy`, keyed `role|policy`). */
async function inlinePolicies(r: LiveReader, role: string): Promise<void> {
  const names: string[] = [];
  await r.pages(
    "iam:ListRolePolicies",
    role,
    () => paginateListRolePolicies({ client: r.c.iam }, { RoleName: role }),
    (p) => names.push(...(p.PolicyNames ?? [])),
    [`${T.rolePolicy}|${role}|*`],
  );
  for (const policyName of names) {
    const out = await r.call(
      "iam:GetRolePolicy",
      `${role}/${policyName}`,
      () => r.c.iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: policyName })),
      ["NoSuchEntityException", "NoSuchEntity"],
      [`${T.rolePolicy}|${role}|${policyName}`],
    );
    if (out)
      r.add(T.rolePolicy, `${role}|${policyName}`, {
        role,
        name: policyName,
        policy: decode(out.PolicyDocument),
      });
  }
}

/** A role, its attachments and inline policies; adds the customer-managed policy ARNs it uses. */
async function readRole(r: LiveReader, name: string, policyArns: Set<string>): Promise<void> {
  const role = (
    await r.call("iam:GetRole", name, () => r.c.iam.send(new GetRoleCommand({ RoleName: name })), undefined, [
      `${T.role}|${name}`,
      `${T.rolePolicyAttachment}|${name}|*`,
      `${T.rolePolicy}|${name}|*`,
      `${T.policy}|*`,
    ])
  )?.Role;
  if (!role) return;
  r.add(
    T.role,
    name,
    { name, assumeRolePolicy: decode(role.AssumeRolePolicyDocument), tags: tagMap(role.Tags) },
    Array.isArray(role.Tags),
  );
  await r.pages(
    "iam:ListAttachedRolePolicies",
    name,
    () => paginateListAttachedRolePolicies({ client: r.c.iam }, { RoleName: name }),
    (page) => {
      for (const p of page.AttachedPolicies ?? []) {
        r.add(T.rolePolicyAttachment, `${name}|${p.PolicyArn}`, { role: name, policyArn: p.PolicyArn });
        if (p.PolicyArn && !/:iam::aws:policy\//.test(p.PolicyArn)) policyArns.add(p.PolicyArn);
      }
    },
    [`${T.rolePolicyAttachment}|${name}|*`, `${T.policy}|*`],
  );
  await inlinePolicies(r, name);
}

/** A customer-managed policy and its default version's document. */
async function readPolicy(r: LiveReader, policyArn: string): Promise<void> {
  const p = (
    await r.call(
      "iam:GetPolicy",
      policyArn,
      () => r.c.iam.send(new GetPolicyCommand({ PolicyArn: policyArn })),
      undefined,
      [`${T.policy}|${policyArn.split("/").pop()}`],
    )
  )?.Policy;
  if (!p) return;
  const v = await r.call(
    "iam:GetPolicyVersion",
    policyArn,
    () => r.c.iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: p.DefaultVersionId })),
    undefined,
    [`${T.policy}|${p.PolicyName}`],
  );
  if (!v) return;
  r.add(
    T.policy,
    p.PolicyName as string,
    { name: p.PolicyName, policy: decode(v?.PolicyVersion?.Document), tags: tagMap(p.Tags) },
    Array.isArray(p.Tags),
  );
}

export async function readIam(r: LiveReader): Promise<void> {
  const names: string[] = [];
  await r.pages(
    "iam:ListRoles",
    undefined,
    () => paginateListRoles({ client: r.c.iam }, {}),
    (p) =>
      names.push(
        ...(p.Roles ?? []).map((x) => x.RoleName as string).filter((n) => r.scope.isRelevantName(n)),
      ),
    [T.role, T.rolePolicyAttachment, T.rolePolicy, T.policy].map((t) => `${t}|*`),
  );
  const policyArns = new Set<string>();
  await mapBounded(names, r.scope.concurrency, (name) => readRole(r, name, policyArns));
  await mapBounded([...policyArns], r.scope.concurrency, (policyArn) => readPolicy(r, policyArn));
}
