/**
 * The live audit: desired state (what the offline runner captures for the env's stacks) against the
 * live account (read through the AWS APIs), plus the policy pack run on the live resources.
 * Exit 0 clean, 1 drift/missing/shadow/violation, 2 the account could not be read completely.
 * Parts: the live readers (live.ts), the field diff (diff.ts), the report (report.ts).
 */
import * as path from "path";
import { PLATFORM_FACTS, platformFacts } from "../../policy-pack/lib/platformFacts";
import { Policies } from "@pulumi/policy";
import { policies as packPolicies, PACK_ENFORCEMENT_LEVEL } from "../../policy-pack/policies";
import { stackIdentityKnown } from "../../policy-pack/policies/stackIdentityKnown";
import { stackAllowedResourceTypes } from "../../policy-pack/policies/stackAllowedResourceTypes";
import { projectStackOwnProjectOnly } from "../../policy-pack/policies/projectStackOwnProjectOnly";
import { glueConnectionProjectSgAndPlatformSubnet } from "../../policy-pack/policies/glueConnectionProjectSgAndPlatformSubnet";
import { networkRequiredEndpointsAndFlowLogs } from "../../policy-pack/policies/networkRequiredEndpointsAndFlowLogs";
import { prodDataProtected } from "../../policy-pack/policies/prodDataProtected";
import { s3BucketAccessLogging } from "../../policy-pack/policies/s3BucketAccessLogging";
import { kmsCustomerManagedKeys } from "../../policy-pack/policies/kmsCustomerManagedKeys";
import { requiredTags } from "../../policy-pack/policies/requiredTags";
import { evaluateStack } from "../gate/evaluate";
import { CheckedStack, PACK, runOfflineCheck } from "../gate/offlineCheck";
import { effectivePolicyConfig, readPolicyConfigFile } from "../gate/policyConfig";
import { CapturedResource } from "../runner/runStack";
import { customResource } from "../runner/capturedResource";
import { MockAccount } from "../runner/mocks";
import { REPO_ROOT } from "../runner/discover";
import { AuditClients } from "./clients";
import { AUDITED, diffFields, identity } from "./diff";
import { FailedCall, readLiveState, wasUnread } from "./live";
import { livePlatformContract } from "./liveContract";
import { AuditReport, Finding } from "./report";
import { TYPE } from "../../components/typeTokens";

/** Live-only types whose unknown members are shadows wherever they are (Glue), or when project-named. */
const ALWAYS_SHADOW = new Set<string>([
  TYPE.job,
  TYPE.crawler,
  TYPE.connection,
  TYPE.trigger,
  TYPE.rolePolicy,
]);
/** Policies that need engine-only facts (dependencies, resource options, VPC inventory). */
const NOT_FOR_LIVE = new Set<string>([
  // A live account holds every stack's resources at once: rules that judge one stack by the
  // identity the CLI hands the pack (its project, its allowlist) have no single stack to judge here.
  stackIdentityKnown.name,
  stackAllowedResourceTypes.name,
  projectStackOwnProjectOnly.name,
  glueConnectionProjectSgAndPlatformSubnet.name,
  networkRequiredEndpointsAndFlowLogs.name,
  prodDataProtected.name,
  // The live reader does not call s3:GetBucketLogging yet, so every live bucket would look unlogged.
  s3BucketAccessLogging.name,
  kmsCustomerManagedKeys.name,
]);

/** The platform facts a policy's config schema declares (policy-pack/lib/platformFacts.ts). */
function declaredFacts(policies: Policies, name: string): string[] {
  const p = policies.find((x) => x.name === name);
  return Object.keys(p?.configSchema?.properties ?? {}).filter((k) => k in PLATFORM_FACTS);
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
    /^(project-|glue-lake-|glue-platform-)/.test(name) ||
    [...desired.values()].some((d) => identity(d.r.type, d.r.inputs) === name);
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
    if (ALWAYS_SHADOW.has(l.type) || /^project-/.test(l.name))
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
  const liveCaptured: CapturedResource[] = live.resources.map((l) =>
    customResource({
      urn: `live::${l.type}::${l.name}`,
      type: l.type,
      name: l.name,
      inputs: l.inputs,
      outputs: l.inputs,
    }),
  );
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
