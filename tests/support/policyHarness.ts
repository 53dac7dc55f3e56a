/**
 * Runs one policy the way the analyzer host does, with the args @pulumi/policy 1.21 needs
 * (docs/pulumi-facts.md: stackTags and notApplicable included), props behind unknownCheckingProxy.
 */
import {
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
  unknownCheckingProxy,
  UnknownValueError,
} from "@pulumi/policy";
import { CapturedResource } from "../../tools/runner/runStack";
import { policyResources } from "../../tools/gate/evaluate";
import { UNKNOWN } from "../../tools/runner/encoding";
import { FIXTURE_PROJECT_SPEC } from "./paths";

export class NotApplicable extends Error {}

export interface PolicyOutcome {
  readonly violations: string[];
  /** The host's "can't run during preview" downgrade: a mandatory rule skipped silently. */
  readonly skippedForUnknown: boolean;
}

export function runResourcePolicy(
  policy: ResourceValidationPolicy,
  type: string,
  props: Record<string, unknown>,
  opts: { config?: object; protect?: boolean; name?: string } = {},
): PolicyOutcome {
  const violations: string[] = [];
  const proxied = unknownCheckingProxy(props) as Record<string, unknown>;
  const args: ResourceValidationArgs = {
    type,
    props: proxied,
    urn: `urn:pulumi:test::test::${type}::${opts.name ?? "r"}`,
    name: opts.name ?? "r",
    opts: {
      protect: opts.protect ?? false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    stackTags: new Map(),
    isType: () => false,
    asType: (() => undefined) as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => (opts.config ?? {}) as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason);
    },
  };
  const fns = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
  return outcome(violations, (report) => {
    for (const fn of fns) void fn?.(args, report);
  });
}

export function runStackPolicy(
  policy: StackValidationPolicy,
  resources: CapturedResource[] | PolicyResource[],
  config: object = {},
): PolicyOutcome {
  const violations: string[] = [];
  const args: StackValidationArgs = {
    resources: isCaptured(resources) ? policyResources(resources) : resources,
    stackTags: new Map(),
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason);
    },
  };
  return outcome(violations, (report) => void policy.validateStack(args, report));
}

/** Runs a validation, collecting what it reports; an unknown read ends it as "skipped" (as the host). */
function outcome(
  violations: string[],
  validate: (report: (m: string | { message: string }) => void) => void,
): PolicyOutcome {
  try {
    validate((m) => violations.push(typeof m === "string" ? m : m.message));
  } catch (e) {
    if (e instanceof UnknownValueError) return { violations, skippedForUnknown: true };
    if (e instanceof NotApplicable) return { violations, skippedForUnknown: false };
    throw e;
  }
  return { violations, skippedForUnknown: false };
}

function isCaptured(r: CapturedResource[] | PolicyResource[]): r is CapturedResource[] {
  return r.length === 0 || "inputs" in r[0];
}

/** Deep copy with `path` (dot/bracket segments) set to a value; `UNKNOWN` makes it unknown. */
export function withValue<T>(value: T, path: (string | number)[], replacement: unknown): T {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const seg of path.slice(0, -1)) {
    node[seg] ??= typeof seg === "number" ? [] : {};
    node = node[seg] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (replacement === undefined) delete node[last];
  else node[last] = replacement;
  return copy as T;
}

export { UNKNOWN };

/** Runs `judge` with the environment the CLI gives a pack for a stack of the fixture project
 * (tests/fixtures/project/project.yaml, env dev), restoring the environment afterwards. */
export function asFixtureProjectStack<T>(judge: () => T, spec: string = FIXTURE_PROJECT_SPEC): T {
  const keys = ["PULUMI_NODEJS_PROJECT", "PULUMI_NODEJS_STACK", "PULUMI_CONFIG"];
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  Object.assign(process.env, {
    PULUMI_NODEJS_PROJECT: "glue-project",
    PULUMI_NODEJS_STACK: "fixture-dev",
    PULUMI_CONFIG: JSON.stringify({ "glue-project:spec": spec, "glue-project:env": "dev" }),
  });
  try {
    return judge();
  } finally {
    for (const k of keys)
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
  }
}
