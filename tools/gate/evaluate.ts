/**
 * Runs the real policies over captured stacks exactly as the CLI's analyzer host does (server.js of
 * @pulumi/policy 1.21): resource policies on inputs behind `unknownCheckingProxy`, stack policies on
 * outputs with parents, dependencies and property dependencies resolved to resource objects; an
 * UnknownValueError becomes an advisory "can't run during preview", remediate counts as mandatory.
 */
import {
  EnforcementLevel,
  Policies,
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
  UnknownValueError,
  unknownCheckingProxy,
} from "@pulumi/policy";
import { RESOURCE_TYPES } from "../../policy-pack/lib/define";
import { CapturedResource } from "../runner/runStack";
import { EffectivePolicyConfig } from "./policyConfig";
import { StackEnvironment, withStackEnvironment } from "./stackEnvironment";
import { providerResolver, ProviderView } from "./providers";

export interface Violation {
  readonly policy: string;
  /** mandatory | advisory (remediate is reported as mandatory, as the engine does). */
  readonly level: "mandatory" | "advisory";
  readonly urn?: string;
  readonly message: string;
  /** What the policy itself reported (the message without the policy description). */
  readonly detail: string;
  /** True for the engine's "can't run policy … during preview" diagnostics. */
  readonly previewSkipped?: boolean;
  /** Found only when the program ran as `pulumi up` runs it (outputs known), not at preview. */
  readonly atUpdate?: boolean;
}

export class PolicyRuntimeError extends Error {}

class NotApplicable extends Error {}
const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason);
};

type ResourceFn = (
  args: ResourceValidationArgs,
  report: (m: string | { message: string; urn?: string }, urn?: string) => void,
) => unknown;
interface Typed {
  __pulumiType?: string;
}

const isStackPolicy = (p: Policies[number]): p is StackValidationPolicy =>
  "validateStack" in p && typeof p.validateStack === "function";
const isResourcePolicy = (p: Policies[number]): p is ResourceValidationPolicy =>
  "validateResource" in p && p.validateResource !== undefined;

function reportLevel(level: EnforcementLevel): "mandatory" | "advisory" {
  return level === "advisory" ? "advisory" : "mandatory";
}

/** Mirrors @pulumi/policy's makeReportViolationFun: a string message is appended to the policy's
 * description on a new line; an object may override name, message, urn and level. */
function collector(p: Policies[number], level: EnforcementLevel, out: Violation[], defaultUrn?: string) {
  return (
    m:
      | string
      | {
          message?: string;
          urn?: string;
          name?: string;
          description?: string;
          enforcementLevel?: EnforcementLevel;
        },
    urn?: string,
  ) => {
    if (typeof m === "object" && m !== null) {
      out.push({
        policy: m.name || p.name,
        level: reportLevel(m.enforcementLevel || level),
        urn: m.urn ?? defaultUrn,
        message: m.message || m.description || p.description,
        detail: m.message || m.description || p.description,
      });
      return;
    }
    out.push({
      policy: p.name,
      level: reportLevel(level),
      urn: urn ?? defaultUrn,
      message: m ? `${p.description}\n${m}` : p.description,
      detail: m || p.description,
    });
  };
}

function previewSkip(
  policy: string,
  packName: string,
  version: string,
  e: UnknownValueError,
  urn?: string,
): Violation {
  const message = `can't run policy '${policy}' from policy pack '${packName}@v${version}' during preview: ${e.message}`;
  return {
    policy,
    level: "advisory",
    urn,
    message,
    detail: message,
    previewSkipped: true,
  };
}

/** As the analyzer host: an unknown read is an advisory skip, not-applicable is silent, anything
 * else is a policy bug that fails the run. */
function handleValidationError(
  e: unknown,
  policy: string,
  pack: PackIdentity,
  out: Violation[],
  urn?: string,
): void {
  if (e instanceof UnknownValueError) out.push(previewSkip(policy, pack.name, pack.version, e, urn));
  else if (!(e instanceof NotApplicable)) {
    throw new PolicyRuntimeError(
      `Error validating ${urn ? `resource ${urn}` : "stack"} with policy '${policy}': ${(e as Error).stack ?? e}`,
    );
  }
}

function options(r: CapturedResource) {
  return {
    protect: r.protect,
    ignoreChanges: r.ignoreChanges,
    aliases: r.aliases,
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: r.additionalSecretOutputs,
    ...(r.deleteBeforeReplace !== undefined ? { deleteBeforeReplace: r.deleteBeforeReplace } : {}),
    ...(r.parent ? { parent: r.parent } : {}),
  };
}

const typeOf = (cls: unknown) => (cls as Typed).__pulumiType;
const NO_TAGS: ReadonlyMap<string, string> = new Map();

/** Policies may be async (the server awaits them); ours are sync, so only await real promises. */
const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  v !== null && typeof v === "object" && typeof (v as { then?: unknown }).then === "function";

export interface PackIdentity {
  readonly name: string;
  readonly version: string;
}

/** The level a policy runs at: the pack config's, else the policy's own, else advisory (as the host). */
function effectiveLevel(p: Policies[number], cfg: EffectivePolicyConfig | undefined) {
  return cfg?.level ?? p.enforcementLevel ?? "advisory";
}

/** One resource policy as it runs in this evaluation: its level and settings resolved once. */
interface ActivePolicy {
  readonly policy: ResourceValidationPolicy;
  readonly cfg: EffectivePolicyConfig | undefined;
  readonly level: EnforcementLevel;
  readonly validations: ResourceFn[];
}

/**
 * The resource policies that can judge a resource of a type, in pack order, resolved once per type:
 * a policy is skipped only where the host would not run it (disabled) or where it declares the types
 * it judges and this is not one of them (`validateResourceOfType`, `RESOURCE_TYPES`), which returns
 * nothing for other types.
 */
function policiesByType(policies: Policies, config: Map<string, EffectivePolicyConfig>) {
  const active: ActivePolicy[] = [];
  for (const p of policies) {
    const cfg = config.get(p.name);
    const level = effectiveLevel(p, cfg);
    if (level === "disabled" || !isResourcePolicy(p)) continue;
    const validations = (
      Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource]
    ) as ResourceFn[];
    active.push({ policy: p, cfg, level, validations });
  }
  const byType = new Map<string, ActivePolicy[]>();
  return (type: string): ActivePolicy[] => {
    let list = byType.get(type);
    if (list === undefined) {
      list = active.filter(({ validations }) => {
        if (validations.length !== 1) return true;
        const t = typeOf(validations[0]);
        if (t && t !== type) return false;
        const judged = (validations[0] as unknown as Record<string, ReadonlySet<string> | undefined>)[
          RESOURCE_TYPES
        ];
        return !judged || judged.has(type);
      });
      byType.set(type, list);
    }
    return list;
  };
}

/** Resource policies for one resource (the engine's Analyze call). */
export async function analyzeResource(
  r: CapturedResource,
  policies: Policies,
  config: Map<string, EffectivePolicyConfig>,
  pack: PackIdentity,
  provider?: ProviderView,
): Promise<Violation[]> {
  return analyzeWith(r, policiesByType(policies, config), pack, provider);
}

async function analyzeWith(
  r: CapturedResource,
  applicable: (type: string) => ActivePolicy[],
  pack: PackIdentity,
  provider?: ProviderView,
): Promise<Violation[]> {
  const out: Violation[] = [];
  // One read-only view per resource, made when a policy first needs it: our policies never mutate
  // what they judge.
  let view: Record<string, unknown> | undefined;
  const opts = options(r);
  for (const { policy: p, cfg, level, validations } of applicable(r.type)) {
    for (const validate of validations) {
      const props = (view ??= unknownCheckingProxy(r.inputs) as Record<string, unknown>);
      const args: ResourceValidationArgs = {
        type: r.type,
        props,
        urn: r.urn,
        name: r.name,
        opts,
        stackTags: NO_TAGS,
        isType: (cls) => typeOf(cls) === r.type,
        asType: ((cls: unknown) =>
          typeOf(cls) === r.type ? props : undefined) as ResourceValidationArgs["asType"],
        getConfig: <T extends object>() => (cfg?.properties ?? {}) as T,
        notApplicable,
        // As the engine: custom resources carry their (explicit or default) provider, components none.
        ...(provider ? { provider: providerArg(provider) } : {}),
      };
      try {
        const result = validate(args, collector(p, level, out, r.urn));
        if (isThenable(result)) await result;
      } catch (e) {
        handleValidationError(e, p.name, pack, out, r.urn);
      }
    }
  }
  return out;
}

/** The provider as the analyzer host hands it to a policy: its inputs behind the unknown proxy. */
function providerArg(p: ProviderView) {
  return {
    type: p.type,
    urn: p.urn,
    name: p.name,
    props: unknownCheckingProxy(p.inputs) as Record<string, unknown>,
  };
}

/** Builds the PolicyResource graph the engine hands to stack policies (outputs, resolved links). */
export function policyResources(
  resources: CapturedResource[],
  providerOf: (r: CapturedResource) => ProviderView | undefined = () => undefined,
): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  const built = resources.map((r) => {
    const props = unknownCheckingProxy(r.outputs) as Record<string, unknown>;
    const pr: PolicyResource = {
      type: r.type,
      props,
      urn: r.urn,
      name: r.name,
      opts: options(r),
      dependencies: [],
      propertyDependencies: {},
      isType: (cls) => typeOf(cls) === r.type,
      asType: ((cls: unknown) => (typeOf(cls) === r.type ? props : undefined)) as PolicyResource["asType"],
    };
    const provider = providerOf(r);
    if (provider) pr.provider = providerArg(provider);
    byUrn.set(r.urn, pr);
    return [r, pr] as const;
  });
  for (const [r, pr] of built) {
    if (r.parent && byUrn.has(r.parent)) pr.parent = byUrn.get(r.parent);
    pr.dependencies = r.dependencies
      .map((d) => byUrn.get(d))
      .filter((d): d is PolicyResource => d !== undefined);
    for (const [k, urns] of Object.entries(r.propertyDependencies)) {
      pr.propertyDependencies[k] = urns
        .map((d) => byUrn.get(d))
        .filter((d): d is PolicyResource => d !== undefined);
    }
  }
  return built.map(([, pr]) => pr);
}

/** Stack policies (the engine's AnalyzeStack call). Read resources (StackReferences, `get`s) are
 * never handed to stack policies: the engine keeps them in `deployment.reads`, not `news`
 * (pkg/resource/deploy/step_executor.go, docs/pulumi-facts.md). */
export async function analyzeStack(
  all: CapturedResource[],
  policies: Policies,
  config: Map<string, EffectivePolicyConfig>,
  pack: PackIdentity,
  providerOf?: (r: CapturedResource) => ProviderView | undefined,
): Promise<Violation[]> {
  const out: Violation[] = [];
  const resources = all.filter((r) => !r.read);
  const stackPolicies = policies.filter(isStackPolicy);
  if (stackPolicies.length === 0) return out;
  // Built once and shared: the host builds it per policy, but policies only read it.
  let graph: PolicyResource[] | undefined;
  for (const p of stackPolicies) {
    const cfg = config.get(p.name);
    const level = effectiveLevel(p, cfg);
    if (level === "disabled") continue;
    const t = typeOf(p.validateStack);
    if (t && !resources.some((r) => r.type === t)) continue;
    const args: StackValidationArgs = {
      resources: (graph ??= policyResources(resources, providerOf)),
      stackTags: new Map(),
      getConfig: <T extends object>() => (cfg?.properties ?? {}) as T,
      notApplicable,
    };
    try {
      const result = p.validateStack(args, collector(p, level, out));
      if (isThenable(result)) await result;
    } catch (e) {
      handleValidationError(e, p.name, pack, out);
    }
  }
  return out;
}

/** Every diagnostic for one stack: Analyze per registered (not read) resource, then AnalyzeStack,
 * with the stack's identity and config in the environment as the CLI starts a pack. Without a
 * stack environment, the current process environment is used as is. */
export async function evaluateStack(
  resources: CapturedResource[],
  policies: Policies,
  config: Map<string, EffectivePolicyConfig>,
  pack: PackIdentity,
  stack?: StackEnvironment,
): Promise<Violation[]> {
  const run = async () => {
    const out: Violation[] = [];
    const providerOf = providerResolver(resources, stack);
    const applicable = policiesByType(policies, config);
    for (const r of resources)
      if (!r.read) out.push(...(await analyzeWith(r, applicable, pack, providerOf(r))));
    out.push(...(await analyzeStack(resources, policies, config, pack, providerOf)));
    return out;
  };
  return stack ? withStackEnvironment(stack, run) : run();
}
