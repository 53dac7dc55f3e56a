/** Reading IAM documents out of the resources that carry them. */
import { ResourceContext } from "./define";
import { NormalizedStatement, parsePolicyDocument, PolicyDocumentError } from "./iamDoc";
import { list, obj, str } from "./values";
import { T } from "./types";

export const IDENTITY_POLICY_TYPES = [T.policy, T.rolePolicy, T.userPolicy, T.groupPolicy, T.role];

/** Identity-policy documents on a resource: a Policy/RolePolicy `policy`, or a Role's inline policies. */
export function identityDocuments<C>(
  ctx: Pick<ResourceContext<C>, "type" | "props" | "report">,
): { where: string; statements: NormalizedStatement[] }[] {
  const docs: { where: string; doc: unknown }[] =
    ctx.type === T.role
      ? list(ctx.props.inlinePolicies).map((p, i) => ({
          where: `inlinePolicies[${i}] "${str(obj(p).name) ?? i}"`,
          doc: obj(p).policy,
        }))
      : [{ where: "policy", doc: ctx.props.policy }];
  const out: { where: string; statements: NormalizedStatement[] }[] = [];
  for (const d of docs) {
    if (d.doc === undefined) continue;
    try {
      out.push({ where: d.where, statements: parsePolicyDocument(d.doc) });
    } catch (e) {
      if (!(e instanceof PolicyDocumentError)) throw e;
      ctx.report(`${d.where} ${e.message}`, "write a valid IAM policy document");
    }
  }
  return out;
}

/** The project a policy-bearing resource belongs to: its own name, or the role/user/group it is attached to. */
export function policyOwnerName(props: Record<string, unknown>): string | undefined {
  return str(props.name) ?? str(props.role) ?? str(props.user) ?? str(props.group);
}
