/**
 * Values made from this stack's own resources. A value unknown at preview (another resource's
 * output, or one computed in `apply`) cannot be read, so it is judged by where it comes from: its
 * property dependencies (stack policies see `propertyDependencies`,
 * https://www.pulumi.com/docs/iac/using-pulumi/crossguard/core-concepts/) must be resources of this
 * stack, of the expected types, whose own scoped names are known at preview and carry the project
 * prefix. Used for names (project-scoped-references) and for resource policy documents, which are
 * judged again with known values at `pulumi up` before the resource is created
 * (docs/pulumi-facts.md "Policies run again at pulumi up"; docs/decisions.md).
 */
import { PolicyResource } from "@pulumi/policy";
import { PROJECT_STACK_TYPES } from "../../components/resourceTypes";
import { NormalizedStatement, parsePolicyDocument, PolicyDocumentError } from "./iamDoc";
import { valuesAt } from "./scopedPaths";
import { stackIdentity } from "./stackIdentity";
import { T } from "./types";
import { peek, UNKNOWN } from "./values";

/** Why a stack resource can vouch for a value made from it: each of its own scoped names is known
 * at preview and carries the project prefix (undefined when it can). */
export function vouches(dep: PolicyResource, prefix: string): string | undefined {
  for (const field of PROJECT_STACK_TYPES[dep.type]?.scoped ?? []) {
    for (const v of valuesAt(dep.props, field)) {
      if (v.value === UNKNOWN) return `its ${field} is itself unknown at preview`;
      if (typeof v.value !== "string" || !v.value.toLowerCase().includes(prefix))
        return `its ${field} is not named for this project`;
    }
  }
  return undefined;
}

/** Resources whose outputs (ARN, name, URL) an own resource policy document may be built from: the
 * bucket, queue, topic or key it protects and the roles it grants to. */
export const POLICY_DOCUMENT_SOURCES: readonly string[] = [T.bucket, T.queue, T.topic, T.kmsKey, T.role];

export type DocumentState =
  | { readonly kind: "absent" }
  | { readonly kind: "known"; readonly value: unknown }
  /** Unknown at preview, made only from this project's own resources: judged at `pulumi up`. */
  | { readonly kind: "deferred" }
  | { readonly kind: "refused"; readonly why: string };

/**
 * A resource's policy document as a rule may judge it: known (judge it), unknown but built only
 * from this project stack's own resources of the expected kinds (judged when known, at `pulumi up`),
 * or unknown from anything else (refused: it could hold any grant).
 */
export function policyDocument(
  r: PolicyResource,
  field: string,
  all: readonly PolicyResource[],
  sources: readonly string[] = POLICY_DOCUMENT_SOURCES,
): DocumentState {
  const value = peek(() => r.props[field]);
  if (value === undefined || value === null) return { kind: "absent" };
  if (value !== UNKNOWN) return { kind: "known", value };
  const id = stackIdentity();
  const fix = (why: string): DocumentState => ({
    kind: "refused",
    why: `${field} can't be known during preview: ${why}`,
  });
  if (id.kind !== "project") return fix("only a project stack may defer a document to pulumi up");
  const prefix = `project-${id.projectId}`;
  const byUrn = new Map(all.map((d) => [d.urn, d]));
  const deps = (r.propertyDependencies[field] ?? []).map((d) => byUrn.get(d.urn) ?? d);
  if (deps.length === 0) return fix("it depends on no resource of this stack");
  for (const d of deps) {
    const label = `${d.type.split(":").pop()} '${d.name}'`;
    if (!sources.includes(d.type) || !byUrn.has(d.urn))
      return fix(
        `it comes from ${label}, not from a ${sources.map((t) => t.split(":").pop()).join(", ")} of this stack`,
      );
    const why = vouches(d, prefix);
    if (why) return fix(`it comes from ${label}: ${why}`);
  }
  return { kind: "deferred" };
}

/** The statements of a resource's policy document when it can be read now (at preview, or at
 * `pulumi up` for one built from own resources); undefined when it is absent, deferred, refused or
 * invalid, which iam-resource-policy-scope reports. */
export function knownPolicyStatements(
  r: PolicyResource,
  field: string,
  all: readonly PolicyResource[],
): NormalizedStatement[] | undefined {
  const doc = policyDocument(r, field, all);
  if (doc.kind !== "known") return undefined;
  try {
    return parsePolicyDocument(doc.value);
  } catch (e) {
    if (e instanceof PolicyDocumentError) return undefined;
    throw e;
  }
}

export const MAKE_DOCUMENT_JUDGEABLE =
  "build the document from known strings, or only from outputs of this stack's own bucket, queue, topic, key or roles (named for this project), so it is judged with known values at pulumi up";
