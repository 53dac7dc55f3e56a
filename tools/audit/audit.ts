/**
 * The live audit: desired state (what the offline runner captures for the env's stacks) against the
 * live account (read through the AWS APIs), plus the policy pack run on the live resources.
 * Exit 0 clean, 1 drift/missing/shadow/violation, 2 the account could not be read completely.
 */
import { PLATFORM_FACTS, platformFacts } from "../../policy-pack/lib/platformFacts";
import { Policies } from "@pulumi/policy";
import { policies as packPolicies, PACK_ENFORCEMENT_LEVEL } from "../../policy-pack/policies";
import { evaluateStack } from "../gate/evaluate";
import { CheckedStack, PACK, runOfflineCheck } from "../gate/offlineCheck";
import { effectivePolicyConfig, readPolicyConfigFile } from "../gate/policyConfig";
import { containsUnknown, isUnknownValue, PropertyMap, PropertyValue } from "../runner/encoding";
import { CapturedResource } from "../runner/runStack";
import { MockAccount } from "../runner/mocks";
import * as path from "path";
import { REPO_ROOT } from "../runner/discover";
import { AuditClients } from "./clients";
import { FailedCall, readLiveState, wasUnread } from "./live";
import { describeDiff } from "./diffText";
import { livePlatformContract } from "./liveContract";
import { TYPE } from "../../components/typeTokens";
import { glueConnectionPlacement } from "../../policy-pack/policies/glueConnectionPlacement";
import { kmsCustomerManagedKeys } from "../../policy-pack/policies/kmsCustomerManagedKeys";
import { platformRequiredEndpoints } from "../../policy-pack/policies/platformRequiredEndpoints";
import { prodProtection } from "../../policy-pack/policies/prodProtection";
import { projectScope } from "../../policy-pack/policies/projectScope";
import { requiredTags } from "../../policy-pack/policies/requiredTags";
import { s3BucketAccessLogging } from "../../policy-pack/policies/s3BucketAccessLogging";
import { stackAllowedResourceTypes } from "../../policy-pack/policies/stackAllowedResourceTypes";
import { stackIdentityKnown } from "../../policy-pack/policies/stackIdentity";
import { hasProjectNamePrefix, isManagedName } from "../../components/naming";

export type FindingKind = "drifted" | "missing" | "shadow" | "violation";

export interface FieldDiff {
  readonly field: string;
  readonly desired: unknown;
  readonly live: unknown;
}

export interface Finding {
  readonly kind: FindingKind;
  readonly type: string;
  readonly name: string;
  readonly stack?: string;
  readonly fields?: FieldDiff[];
  readonly policy?: string;
  readonly message?: string;
}

export interface AuditReport {
  readonly env: string;
  readonly account: string;
  readonly region: string;
  readonly findings: Finding[];
  readonly failures: FailedCall[];
  readonly calls: number;
  readonly exitCode: number;
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
/** Live-only types whose unknown members are shadows wherever they are (Glue), or when project-named. */
const ALWAYS_SHADOW = new Set<string>([
  TYPE.job,
  TYPE.crawler,
  TYPE.connection,
  TYPE.trigger,
  TYPE.rolePolicy,
]);
/** Argument maps compared key by key (a key whose desired value is unknown at preview is skipped). */
const ARGUMENT_MAPS = new Set(["defaultArguments", "nonOverridableArguments"]);
/** Policies that need engine-only facts (dependencies, resource options, VPC inventory). */
const NOT_FOR_LIVE = new Set([
  // A live account holds every stack's resources at once: rules that judge one stack by the
  // identity the CLI hands the pack (its project, its allowlist) have no single stack to judge here.
  stackIdentityKnown.name,
  stackAllowedResourceTypes.name,
  projectScope.name,
  glueConnectionPlacement.name,
  platformRequiredEndpoints.name,
  prodProtection.name,
  // The live reader does not call s3:GetBucketLogging yet, so every live bucket would look unlogged.
  s3BucketAccessLogging.name,
  kmsCustomerManagedKeys.name,
]);

/** The platform facts a policy's config schema declares (policy-pack/lib/platformFacts.ts). */
function declaredFacts(policies: Policies, name: string): string[] {
  const p = policies.find((x) => x.name === name);
  return Object.keys(p?.configSchema?.properties ?? {}).filter((k) => k in PLATFORM_FACTS);
}

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

export interface AuditOptions {
  readonly env: string;
  readonly stacks?: string[];
  readonly account: MockAccount;
  readonly clients: AuditClients;
  readonly concurrency: number;
  readonly policies?: Policies;
}

export async function audit(opts: AuditOptions): Promise<AuditReport> {
  const contractFailures: FailedCall[] = [];
  let liveContract: Record<string, unknown> = {};
  const all = await runOfflineCheck({
    envs: [opts.env],
    account: opts.account,
    withPolicies: false,
    platformOverrides: async (env) => {
      const c = await livePlatformContract(opts.clients, env, opts.account);
      contractFailures.push(...c.failures);
      liveContract = { ...c.outputs };
      return c.outputs;
    },
  });
  const broken = all.filter((s) => s.error);
  if (broken.length > 0)
    throw new Error(
      `desired state could not be computed: ${broken.map((s) => `${s.name}: ${s.error}`).join("; ")}`,
    );
  const selected = (s: CheckedStack) => !opts.stacks || opts.stacks.includes(s.name);
  const desired = new Map<string, { r: CapturedResource; stack: string; selected: boolean }>();
  for (const s of all) {
    for (const r of s.resources) {
      if (!AUDITED[r.type] || r.read) continue;
      const id = identity(r.type, r.inputs);
      if (id) desired.set(`${r.type}|${id}`, { r, stack: s.name, selected: selected(s) });
    }
  }
  const relevant = (name: string) =>
    isManagedName(name) || [...desired.values()].some((d) => identity(d.r.type, d.r.inputs) === name);
  const live = await readLiveState(
    opts.clients,
    { isRelevantName: relevant, concurrency: opts.concurrency },
    opts.account.accountId,
    opts.account.region,
  );
  const liveByKey = new Map(live.resources.map((l) => [`${l.type}|${l.name}`, l]));
  const findings: Finding[] = [];
  for (const [key, d] of desired) {
    if (!d.selected) continue;
    const l = liveByKey.get(key);
    const name = key.slice(d.r.type.length + 1);
    // A failed read says nothing about the resource: the failed call is reported (exit 2) instead.
    if (!l && wasUnread(live.unread, d.r.type, name)) continue;
    if (!l)
      findings.push({
        kind: "missing",
        type: d.r.type,
        name,
        stack: d.stack,
        message: "declared by the stack but not found in the account",
      });
    else {
      const fields = diffFields(d.r.type, d.r.inputs, l.inputs);
      if (fields.length > 0) findings.push({ kind: "drifted", type: d.r.type, name, stack: d.stack, fields });
    }
  }
  for (const l of live.resources) {
    if (desired.has(`${l.type}|${l.name}`)) continue;
    if (ALWAYS_SHADOW.has(l.type) || hasProjectNamePrefix(l.name))
      findings.push({
        kind: "shadow",
        type: l.type,
        name: l.name,
        message: "exists in the account but no stack declares it",
      });
  }
  const config = effectivePolicyConfig(
    opts.policies ?? packPolicies,
    readPolicyConfigFile(path.join(REPO_ROOT, "policy-pack", "config", `${opts.env}.json`)),
    PACK_ENFORCEMENT_LEVEL,
  );
  // Platform facts (policy-pack/lib/platformFacts.ts) come from the live platform contract here.
  for (const [name, c] of config) {
    const facts = declaredFacts(opts.policies ?? packPolicies, name);
    if (facts.length === 0) continue;
    const live = Object.fromEntries(facts.map((k) => [k, liveContract[k]]));
    config.set(name, { ...c, properties: { ...c.properties, ...platformFacts(live) } });
  }
  const liveCaptured: CapturedResource[] = live.resources.map((l) => ({
    urn: `live::${l.type}::${l.name}`,
    type: l.type,
    name: l.name,
    custom: true,
    read: false,
    inputs: l.inputs,
    outputs: l.inputs,
    dependencies: [],
    propertyDependencies: {},
    protect: false,
    retainOnDelete: false,
    ignoreChanges: [],
    aliases: [],
    additionalSecretOutputs: [],
  }));
  const tagsRead = new Set(live.resources.filter((l) => l.tagsRead).map((l) => `live::${l.type}::${l.name}`));
  const livePolicies = (opts.policies ?? packPolicies).filter((p) => !NOT_FOR_LIVE.has(p.name));
  for (const v of await evaluateStack(liveCaptured, livePolicies, config, PACK)) {
    if (v.level !== "mandatory") continue;
    if (v.policy === requiredTags.name && v.urn && !tagsRead.has(v.urn)) continue;
    const [, type, name] = (v.urn ?? "live::(stack)::(stack)").split("::");
    findings.push({ kind: "violation", type, name, policy: v.policy, message: v.detail });
  }
  const failures = [...contractFailures, ...live.failures];
  const exitCode = failures.length > 0 ? 2 : findings.length > 0 ? 1 : 0;
  return {
    env: opts.env,
    account: opts.account.accountId,
    region: opts.account.region,
    findings,
    failures,
    calls: opts.clients.calls.length,
    exitCode,
  };
}

export function auditText(r: AuditReport): string {
  const lines = [`audit of ${r.env} (account ${r.account}, ${r.region}): ${r.calls} read-only calls`];
  for (const kind of ["missing", "drifted", "shadow", "violation"] as const) {
    const fs = r.findings.filter((f) => f.kind === kind);
    if (fs.length === 0) continue;
    lines.push(`  ${kind} (${fs.length}):`);
    for (const f of fs) {
      lines.push(
        `    ${f.type.split(":").pop()} ${f.name}${f.stack ? ` [${f.stack}]` : ""}${f.policy ? ` [${f.policy}]` : ""}${f.message ? `: ${f.message}` : ""}`,
      );
      for (const d of f.fields ?? []) {
        const changes = describeDiff(d.desired, d.live);
        if (changes.length === 1 && !/^[+-] /.test(changes[0])) lines.push(`      ${d.field}: ${changes[0]}`);
        else {
          lines.push(`      ${d.field}:`);
          for (const c of changes) lines.push(`        ${c}`);
        }
      }
    }
  }
  if (r.failures.length > 0) {
    lines.push(`  INCOMPLETE: ${r.failures.length} call(s) failed, the account was not read completely:`);
    for (const f of r.failures)
      lines.push(`    ${f.operation}${f.target ? ` ${f.target}` : ""}: ${f.message}`);
  }
  lines.push(r.exitCode === 0 ? "  clean" : `  exit ${r.exitCode}`);
  return lines.join("\n");
}

export function auditMarkdown(r: AuditReport): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const lines = [
    `## Live audit: ${r.env} (${r.region})`,
    "",
    `${r.findings.length} findings, ${r.failures.length} failed calls, ${r.calls} read-only calls`,
    "",
    "| kind | resource | stack | detail |",
    "|---|---|---|---|",
  ];
  for (const f of r.findings) {
    const detail =
      f.fields?.map((d) => `${d.field}: ${describeDiff(d.desired, d.live).join("; ")}`).join("; ") ??
      `${f.policy ? `\`${f.policy}\` ` : ""}${f.message ?? ""}`;
    lines.push(
      `| ${f.kind} | ${f.type.split(":").pop()} \`${f.name}\` | ${f.stack ?? "—"} | ${esc(detail)} |`,
    );
  }
  for (const f of r.failures) lines.push(`| failed call | ${f.operation} | — | ${esc(f.message)} |`);
  return lines.join("\n") + "\n";
}
