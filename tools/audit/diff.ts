/**
 * Drift between a desired and a live resource: the identity they are matched by, the
 * policy-relevant fields compared per type, and each field's comparable form (JSON documents
 * parsed, rule lists order-free, argument maps key by key, values unknown at preview skipped).
 */
import { containsUnknown, isUnknownValue, PropertyMap, PropertyValue } from "../runner/encoding";
import { TYPE } from "../../components/typeTokens";

export interface FieldDiff {
  readonly field: string;
  readonly desired: unknown;
  readonly live: unknown;
}

/** Resource types the audit reads, and the policy-relevant fields compared for drift. */
export const AUDITED: Record<string, string[]> = {
  [TYPE.job]: [
    "roleArn",
    "connections",
    "workerType",
    "numberOfWorkers",
    "maxCapacity",
    "timeout",
    "maxRetries",
    "securityConfiguration",
    "glueVersion",
    "defaultArguments",
    "nonOverridableArguments",
    "command.name",
    "command.scriptLocation",
  ],
  [TYPE.crawler]: [
    "role",
    "databaseName",
    "s3Targets",
    "securityConfiguration",
    "schemaChangePolicy.deleteBehavior",
  ],
  [TYPE.connection]: ["connectionType", "physicalConnectionRequirements.subnetId"],
  [TYPE.trigger]: ["type", "actions", "predicate.conditions"],
  [TYPE.securityGroup]: ["ingress", "egress"],
  [TYPE.bucket]: [],
  [TYPE.bucketSse]: ["rules"],
  [TYPE.bucketPab]: ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"],
  [TYPE.bucketVersioning]: ["versioningConfiguration.status"],
  [TYPE.bucketPolicy]: ["policy"],
  [TYPE.bucketOwnership]: ["rule.objectOwnership"],
  [TYPE.role]: ["assumeRolePolicy"],
  [TYPE.rolePolicyAttachment]: [],
  [TYPE.rolePolicy]: ["policy"],
  [TYPE.policy]: ["policy"],
};
/** Argument maps compared key by key (a key whose desired value is unknown at preview is skipped). */
const ARGUMENT_MAPS = new Set(["defaultArguments", "nonOverridableArguments"]);
export function identity(type: string, inputs: PropertyMap): string | undefined {
  if (type === TYPE.rolePolicy)
    return typeof inputs.role === "string" && typeof inputs.name === "string"
      ? `${inputs.role}|${inputs.name}`
      : undefined;
  if (type === TYPE.rolePolicyAttachment) {
    const arn = inputs.policyArn;
    return typeof inputs.role === "string" && typeof arn === "string" ? `${inputs.role}|${arn}` : undefined;
  }
  const n = inputs.bucket ?? inputs.name;
  return typeof n === "string" ? n : undefined;
}

function get(o: PropertyValue | undefined, field: string): PropertyValue | undefined {
  return field
    .split(".")
    .reduce<PropertyValue | undefined>(
      (v, k) => (v !== null && typeof v === "object" && !Array.isArray(v) ? v[k] : undefined),
      o,
    );
}

/** Security-group rules as atomic (protocol, ports, one source) entries: AWS merges rules that share
 * protocol and ports into one permission, Pulumi inputs list them separately. */
function atomicRules(rules: PropertyValue[]): string[] {
  const out: string[] = [];
  for (const r of rules) {
    if (r === null || typeof r !== "object" || Array.isArray(r)) continue;
    const base = {
      protocol: r.protocol === "all" ? "-1" : r.protocol,
      fromPort: r.fromPort,
      toPort: r.toPort,
    };
    const push = (source: string) => out.push(JSON.stringify({ ...base, source }));
    for (const k of ["cidrBlocks", "ipv6CidrBlocks", "prefixListIds", "securityGroups"] as const)
      for (const v of (r[k] as string[] | undefined) ?? []) push(`${k}:${v}`);
    if (r.self === true) push("self");
  }
  return out.sort();
}

/** Comparable form: JSON documents parsed, descriptions dropped, rule lists order-free. */
function normalize(field: string, v: PropertyValue | undefined): unknown {
  if (v === undefined || v === null) return undefined;
  if (/policy$/i.test(field) && typeof v === "string") {
    try {
      return normalize("", JSON.parse(v) as PropertyValue);
    } catch {
      return v;
    }
  }
  if (Array.isArray(v)) {
    if (field === "ingress" || field === "egress") return atomicRules(v);
    const items = v.map((x) => normalize("", x));
    return field === "ingress" || field === "egress" || field === "s3Targets" || field === "connections"
      ? items.map((x) => JSON.stringify(x)).sort()
      : items;
  }
  if (typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k, x]) => k !== "description" && x !== undefined && !(Array.isArray(x) && x.length === 0))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, normalize(k, x)]),
    );
  }
  return v;
}

export function diffFields(type: string, desired: PropertyMap, live: PropertyMap): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const field of AUDITED[type] ?? []) {
    if (ARGUMENT_MAPS.has(field)) {
      out.push(...argumentDiffs(field, get(desired, field), get(live, field)));
      continue;
    }
    const d = get(desired, field);
    if (d !== undefined && containsUnknown(d)) continue; // unknowable until deployed: not judged
    const a = normalize(field.split(".").pop() as string, d);
    const b = normalize(field.split(".").pop() as string, get(live, field));
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ field, desired: a, live: b });
  }
  return out;
}

/** Per-key differences of a Glue argument map: changed, added out of band, or removed. */
function argumentDiffs(field: string, desired: PropertyValue | undefined, live: PropertyValue | undefined) {
  const asMap = (v: PropertyValue | undefined) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? v : {};
  if (desired !== undefined && isUnknownValue(desired)) return []; // the whole map is unknown at preview
  const d = asMap(desired);
  const l = asMap(live);
  const out: FieldDiff[] = [];
  for (const key of [...new Set([...Object.keys(d), ...Object.keys(l)])].sort()) {
    if (d[key] !== undefined && containsUnknown(d[key])) continue;
    if (JSON.stringify(d[key] ?? null) !== JSON.stringify(l[key] ?? null))
      out.push({ field: `${field}["${key}"]`, desired: d[key] ?? undefined, live: l[key] ?? undefined });
  }
  return out;
}
