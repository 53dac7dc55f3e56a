/**
 * Every wildcard an Allow statement grants in the policy documents a stack registers (identity,
 * key, bucket, topic, queue and endpoint policies): one entry per (action, resource) pair where
 * either holds `*`, and one per NotAction/NotResource (which widen by exclusion). Deny statements
 * only narrow, so their wildcards are not listed. Pure: reads captured resource inputs.
 */
import { CapturedResource } from "../runner/runStack";

export interface Wildcard {
  /** `<type token> '<name>'` of the resource holding the document. */
  readonly holder: string;
  /** Resource type token, e.g. `aws:iam/policy:Policy`, `aws:kms/key:Key`. */
  readonly type: string;
  readonly sid?: string;
  readonly action: string;
  readonly resource: string;
  /** Principal as written (resource policies), undefined in identity policies. */
  readonly principal: unknown;
  /** Condition keys the statement tests, lower-cased (e.g. `aws:resourcetag/project`). */
  readonly conditionKeys: readonly string[];
}

/** Input fields that hold a policy document (JSON string). Trust policies grant sts:AssumeRole to a
 * principal, never a wildcard resource, and are judged by the pack's trust rules. */
const DOCUMENT_FIELDS = ["policy"];

const asArray = (v: unknown): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

function statementsOf(text: unknown): Record<string, unknown>[] {
  if (typeof text !== "string") return [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  const raw = (doc as { Statement?: unknown } | null)?.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((s): s is Record<string, unknown> => typeof s === "object" && s !== null);
}

/** Policy documents a resource holds: its `policy` fields and a role's `inlinePolicies[].policy`. */
function documentsOf(r: CapturedResource): unknown[] {
  const inputs = r.inputs as Record<string, unknown>;
  const inline = Array.isArray(inputs.inlinePolicies) ? inputs.inlinePolicies : [];
  return [
    ...DOCUMENT_FIELDS.map((f) => inputs[f]),
    ...inline.map((p) =>
      typeof p === "object" && p !== null ? (p as { policy?: unknown }).policy : undefined,
    ),
  ];
}

export function wildcardsOf(resources: readonly CapturedResource[]): Wildcard[] {
  const out: Wildcard[] = [];
  for (const r of resources) {
    for (const document of documentsOf(r)) {
      for (const st of statementsOf(document)) {
        if (st.Effect !== "Allow") continue;
        const conditionKeys = Object.values((st.Condition ?? {}) as Record<string, object>).flatMap((b) =>
          Object.keys(b).map((k) => k.toLowerCase()),
        );
        const base = {
          holder: `${r.type} '${r.name}'`,
          type: r.type,
          sid: typeof st.Sid === "string" ? st.Sid : undefined,
          principal: st.Principal,
          conditionKeys,
        };
        const actions = [...asArray(st.Action), ...asArray(st.NotAction).map((a) => `NotAction:${a}`)];
        const targets = [...asArray(st.Resource), ...asArray(st.NotResource).map((x) => `NotResource:${x}`)];
        for (const action of actions)
          for (const resource of targets.length > 0 ? targets : ["(none)"])
            if (/[*?]|^Not/.test(action) || /[*?]|^Not/.test(resource))
              out.push({ ...base, action, resource });
      }
    }
  }
  return out;
}
