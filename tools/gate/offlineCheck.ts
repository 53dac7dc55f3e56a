/**
 * The offline check: runs every stack program of an environment under the mock runtime (the platform
 * once deployed, for its known outputs, and once in preview; every project stack in preview with the
 * platform's outputs behind its StackReference), then evaluates the policy pack on each.
 */
import * as path from "path";
import { Policies } from "@pulumi/policy";
import { PLATFORM_PROJECT, PROJECT_PROJECT } from "../../components/naming";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, policies as packPolicies } from "../../policy-pack/policies";
import { discoverStacks, REPO_ROOT, StackTarget } from "../runner/discover";
import { DEFAULT_ACCOUNT, MockAccount } from "../runner/mocks";
import { CapturedResource, runStack, StackRunResult } from "../runner/runStack";
import { readProjectFile } from "../runner/stackFiles";
import { applyProviderCheck } from "../runner/providerCheck";
import { loadSpecDocument } from "../../components/spec/safeLoad";
import { SpecError, SpecProblem } from "../../components/spec/problems";
import { evaluateStack, PackIdentity, Violation } from "./evaluate";
import { effectivePolicyConfig, readPolicyConfigFile } from "./policyConfig";
import { resourceOptionViolations } from "./resourceOptions";
import { sideEffectViolations } from "./sideEffects";
import { projectStackConfig, STACK_CONFIG_KEYS } from "../../components/stackConfigKeys";

export interface CheckedStack {
  readonly name: string;
  readonly project: string;
  readonly env: string;
  readonly kind: "platform" | "project" | "program";
  readonly resources: CapturedResource[];
  readonly outputs: Record<string, unknown>;
  readonly violations: Violation[];
  readonly error?: string;
  /** When the stack failed on its spec: each problem, structured (file, line, column, field, …). */
  readonly specProblems?: SpecProblem[];
  readonly timings: StackTimings;
  /** The stack config the program ran with (and the policy pack was given, as by the CLI). */
  readonly config: Readonly<Record<string, string>>;
}

export interface StackTimings {
  /** Running the program under the mock runtime, until every registration landed. */
  readonly programMs: number;
  /** Evaluating the policy pack on the captured resources. */
  readonly policyMs: number;
}

export interface CheckOptions {
  readonly envs: readonly string[];
  /** Restrict to these stack names (platform stacks are `dev`/`prod`). */
  readonly stacks?: readonly string[];
  /** Extra project specs to check as project stacks. */
  readonly specs?: readonly string[];
  /** The environments each extra spec is checked in (default: every env of the run). */
  readonly specEnvs?: (spec: string) => readonly string[];
  /** Extra Pulumi programs to check as project stacks. */
  readonly programs?: readonly string[];
  /** The project spec the extra programs' stacks belong to (their `glue-project:spec` config);
   * without it their project cannot be learned and the pack fails them closed. */
  readonly programSpec?: string;
  /** Skip the repository's own stacks (used with specs/programs). */
  readonly onlyExtra?: boolean;
  readonly withPolicies?: boolean;
  readonly account?: MockAccount;
  readonly repoRoot?: string;
  readonly policies?: Policies;
  readonly onStack?: (s: CheckedStack) => void;
  /** Platform outputs to use instead of the mock platform's (e.g. ids read from a live account). */
  readonly platformOverrides?: (
    env: string,
    deployed: Record<string, unknown>,
  ) => Promise<Record<string, unknown>> | Record<string, unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const PACK_VERSION = (require("../../policy-pack/package.json") as { version: string }).version;
export const PACK: PackIdentity = { name: PACK_NAME, version: PACK_VERSION };

function regionOf(target: { config: { config: Record<string, string> } }, account: MockAccount): MockAccount {
  return { ...account, region: target.config.config[STACK_CONFIG_KEYS.region] ?? account.region };
}

function matchesPlatform(name: string, env: string): boolean {
  const parts = name.split("/");
  return parts.length >= 2 && parts[parts.length - 2] === PLATFORM_PROJECT && parts[parts.length - 1] === env;
}

/** How a decision of the `pulumi up` run starts, so reports and preview-only comparisons tell it apart. */
export const AT_UPDATE_PREFIX = "at pulumi up: ";

export async function runOfflineCheck(opts: CheckOptions): Promise<CheckedStack[]> {
  const root = opts.repoRoot ?? REPO_ROOT;
  const account = opts.account ?? DEFAULT_ACCOUNT;
  const policies = opts.policies ?? packPolicies;
  const targets = discoverStacks(root);
  const results: CheckedStack[] = [];
  const emit = (s: CheckedStack) => {
    results.push(s);
    opts.onStack?.(s);
  };

  for (const env of opts.envs) {
    const config = effectivePolicyConfig(
      policies,
      readPolicyConfigFile(path.join(root, "policy-pack", "config", `${env}.json`)),
      PACK_ENFORCEMENT_LEVEL,
      `policy-pack/config/${env}.json`,
    );
    const evaluate = async (resources: CapturedResource[], t: StackTarget) =>
      opts.withPolicies === false
        ? []
        : await evaluateStack(resources, policies, config, PACK, {
            project: t.project.name,
            stack: t.stack,
            config: t.config.config,
          });
    const platform = targets.find((t) => t.kind === "platform" && t.env === env);
    if (!platform)
      throw new Error(`no platform stack for env "${env}": expected Pulumi.${env}.yaml next to Pulumi.yaml`);
    const platformAccount = regionOf(platform, account);

    // A deployed platform's outputs are known: run it once in deployed mode for the contract.
    const deployed = await runStack({
      ...base(platform),
      preview: false,
      account: platformAccount,
      stackOutputs: () => undefined,
    });
    if (deployed.error) {
      emit(
        result(
          platform,
          platform.kind,
          deployed,
          [],
          { programMs: 0, policyMs: 0 },
          `platform program failed: ${deployed.error.message}`,
        ),
      );
      continue;
    }
    const platformOutputs = opts.platformOverrides
      ? { ...deployed.outputs, ...(await opts.platformOverrides(env, deployed.outputs)) }
      : deployed.outputs;
    const stackOutputs = (name: string) => (matchesPlatform(name, env) ? platformOutputs : undefined);

    /** Runs one target in preview mode and evaluates the pack on it, timing both phases. */
    const check = async (t: StackTarget, kind: CheckedStack["kind"] = t.kind) => {
      const started = performance.now();
      const run = await runStack({
        ...base(t),
        preview: true,
        account: regionOf(t, platformAccount),
        stackOutputs,
      });
      const programMs = performance.now() - started;
      // What the provider's Check adds before the engine hands inputs to policies (tagsAll).
      applyProviderCheck(run.resources, t.config.config);
      if (run.error) return emit(result(t, kind, run, [], { programMs, policyMs: 0 }, run.error.message));
      const evaluated = performance.now();
      const violations = [
        ...(await evaluate(run.resources, t)),
        ...resourceOptionViolations(run.resources, kind),
        ...sideEffectViolations(run.sideEffects, kind),
      ];
      if (kind !== "program")
        return emit(result(t, kind, run, violations, { programMs, policyMs: performance.now() - evaluated }));
      // An arbitrary program is also run as `pulumi up` runs it: outputs known, so values computed in
      // `apply` (trusted at preview only through same-stack dependencies) and code that behaves
      // differently outside preview are judged as the engine judges them then (docs/pulumi-facts.md
      // "Policies at preview and at update").
      const update = await runStack({
        ...base(t),
        preview: false,
        account: regionOf(t, platformAccount),
        stackOutputs,
      });
      applyProviderCheck(update.resources, t.config.config);
      if (update.error)
        return emit(
          result(
            t,
            kind,
            run,
            violations,
            { programMs, policyMs: 0 },
            `${AT_UPDATE_PREFIX}${update.error.message}`,
          ),
        );
      const seen = new Set(violations.map((v) => `${v.policy}\0${v.urn ?? ""}\0${v.detail}`));
      const atUpdate = [
        ...(await evaluate(update.resources, t)),
        ...sideEffectViolations(update.sideEffects, kind),
      ]
        .filter((v) => !v.previewSkipped && !seen.has(`${v.policy}\0${v.urn ?? ""}\0${v.detail}`))
        .map((v) => ({
          ...v,
          message: `${AT_UPDATE_PREFIX}${v.message}`,
          detail: `${AT_UPDATE_PREFIX}${v.detail}`,
          atUpdate: true,
        }));
      emit(
        result(t, kind, run, [...violations, ...atUpdate], {
          programMs,
          policyMs: performance.now() - evaluated,
        }),
      );
    };

    const selected = (t: StackTarget) => !opts.onlyExtra && (!opts.stacks || opts.stacks.includes(t.stack));
    for (const t of targets.filter((x) => x.env === env && selected(x))) await check(t);

    const projects = readProjectFile(path.join(root, "projects"));
    for (const spec of opts.specs ?? []) {
      if (opts.specEnvs && !opts.specEnvs(spec).includes(env)) continue;
      await check({
        kind: "project",
        project: projects,
        stack: stackForSpec(spec, env),
        env,
        program: projects.main,
        config: {
          file: spec,
          secretKeys: [],
          config: projectStackConfig({ region: platformAccount.region, spec: path.resolve(spec), env }),
        },
      });
    }
    for (const program of opts.programs ?? []) {
      const main = path.resolve(program);
      await check(
        {
          kind: "project",
          project: { dir: path.dirname(main), name: PROJECT_PROJECT, main },
          stack: `program-${path.basename(program).replace(/\.[jt]s$/, "")}-${env}`,
          env,
          program: main,
          config: {
            file: program,
            secretKeys: [],
            config: {
              [STACK_CONFIG_KEYS.region]: platformAccount.region,
              [STACK_CONFIG_KEYS.projectEnv]: env,
              ...(opts.programSpec
                ? { [STACK_CONFIG_KEYS.projectSpec]: path.resolve(opts.programSpec) }
                : {}),
            },
          },
        },
        "program",
      );
    }
  }
  return results;
}

/** A spec checked from outside the repo deploys as `<slug>-<env>`; its slug is read by the program. */
function stackForSpec(spec: string, env: string): string {
  // Only the slug is needed here; a spec that cannot be read safely fails in its own stack run.
  let slug: unknown;
  try {
    slug = loadSpecDocument(spec).data.slug;
  } catch {
    slug = undefined;
  }
  return `${typeof slug === "string" && /^[a-z0-9-]+$/.test(slug) ? slug : "adhoc"}-${env}`;
}

function base(t: StackTarget) {
  return {
    program: t.program,
    project: t.project.name,
    stack: t.stack,
    config: t.config.config,
    secretKeys: t.config.secretKeys,
  };
}

function result(
  t: StackTarget,
  kind: CheckedStack["kind"],
  run: StackRunResult,
  violations: Violation[],
  timings: StackTimings,
  error?: string,
): CheckedStack {
  return {
    name: t.stack,
    project: t.project.name,
    env: t.env,
    kind,
    resources: run.resources,
    outputs: run.outputs,
    violations,
    timings,
    config: t.config.config,
    ...(error !== undefined ? { error } : {}),
    ...(run.error instanceof SpecError ? { specProblems: run.error.problems } : {}),
  };
}
