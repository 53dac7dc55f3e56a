/**
 * Runs one Pulumi program under the official mock runtime (`pulumi.runtime.setMocks`) and captures
 * every registration exactly as the engine receives it: type, name, inputs (unknowns preserved),
 * parent, dependencies, property dependencies and resource options. Programs run one after another
 * in one process; each run resets the runtime (setMocks) and reloads the program's own modules.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { createMocks, MockAccount } from "./mocks";
import { PropertyMap, PropertyValue } from "./encoding";
import { TYPE } from "../../components/typeTokens";
import { BoundHook, boundHooks, HookRegistry } from "./hooks";
import {
  CapturingMonitor,
  EngineUrns,
  engineProviderRef,
  pluginOptions,
  propertyDependencies,
  structToMap,
} from "./monitorRequests";
import {
  drainProgram,
  pendingWorkTimeoutMs,
  poisonedBy,
  ProgramLifecycleError,
  ProgramRun,
} from "./programLifecycle";
import { withProgramEnvironment } from "./programEnvironment";
import { SideEffectRecorder } from "./programSideEffects";
import { quietSdkDiagnostics } from "./sdkDiagnostics";

// Internal SDK module (not in the published typings): resolves when every pending RPC has landed
// (`@pulumi/pulumi/runtime/settings.js`, docs/pulumi-facts.md).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

export interface CapturedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  /** A read resource (StackReference, `get`), not created by the stack. */
  readonly read: boolean;
  readonly inputs: PropertyMap;
  /** Outputs as the engine would hold them after this run (preview: inputs plus unknowns). */
  outputs: PropertyMap;
  readonly parent?: string;
  readonly dependencies: string[];
  readonly propertyDependencies: Record<string, string[]>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly provider?: string;
  readonly ignoreChanges: string[];
  readonly aliases: string[];
  readonly additionalSecretOutputs: string[];
  readonly deleteBeforeReplace?: boolean;
  /** Resource options the engine receives on RegisterResource but never hands a policy (analyzer.proto
   * `AnalyzerResourceOptions` has none of them; docs/pulumi-facts.md): the plugin version and download
   * URL (recorded into the provider's inputs, which policies do see), a remote (multi-language)
   * component, and the id of an existing resource to import. */
  readonly version?: string;
  readonly pluginDownloadURL?: string;
  readonly remote?: boolean;
  readonly importId?: string;
  /** Resource hooks bound to the resource (`hooks` resource option: RegisterResourceRequest `hooks`,
   * a `ResourceHooksBinding` of hook names per lifecycle point), with what each registered hook asked
   * for (runner/hooks.ts). The engine runs them around the resource's steps; no policy sees them. */
  readonly hooks?: BoundHook[];
  /** Input keys the provider's Check adds before policies see them (tools/runner/providerCheck.ts);
   * not part of what the program registered. */
  checkAdded?: string[];
}

export interface StackRunSpec {
  /** Entry file (or directory with index.ts) of the program. */
  readonly program: string;
  readonly project: string;
  readonly stack: string;
  /** Fully qualified config keys (`ns:key`) to string values, as the CLI passes them. */
  readonly config: Record<string, string>;
  readonly secretKeys?: string[];
  readonly preview: boolean;
  readonly account: MockAccount;
  readonly stackOutputs: (stackName: string) => Record<string, unknown> | undefined;
  /** How long the program's work may go on after its body (default: pendingWorkTimeoutMs()). */
  readonly pendingWorkTimeoutMs?: number;
}

export interface StackRunResult {
  readonly resources: CapturedResource[];
  readonly outputs: Record<string, unknown>;
  readonly error?: Error;
  /** What the program did besides registering: cloud SDKs loaded, connections opened
   * (tools/runner/programSideEffects.ts). */
  readonly sideEffects?: string[];
}

/** Wraps the mock monitor so every request is recorded before the mocks answer it. */
function capture(
  monitor: CapturingMonitor,
  resources: CapturedResource[],
  stackOutputs: Map<string, PropertyMap>,
  errors: Error[],
) {
  const urns = new EngineUrns();
  // The mock monitor has no RegisterResourceHook/RegisterErrorHook: without these a program that binds
  // a hook never finishes registering the resource (the check ended with no report). Recorded, never run.
  const hooks = new HookRegistry();
  monitor.registerResourceHook = (req, cb) => cb(hooks.register(req, "resource"), {});
  monitor.registerErrorHook = (req, cb) => cb(hooks.register(req, "error"), {});
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) =>
    register(req, (err, resp) => {
      if (err) errors.push(err);
      else if (resp) {
        const inputs = structToMap(req.getObject());
        const options = pluginOptions(req, inputs);
        const bound = boundHooks(req.getHooks?.(), hooks);
        const deps = propertyDependencies(req);
        for (const k of Object.keys(deps)) deps[k] = deps[k].map((u) => urns.of(u));
        resources.push({
          urn: urns.register(resp.getUrn(), req.getParent(), req.getType(), req.getName()),
          type: req.getType(),
          name: req.getName(),
          custom: req.getCustom(),
          read: false,
          inputs,
          outputs: { ...inputs, ...structToMap(resp.getObject?.()) },
          parent: req.getParent() ? urns.of(req.getParent()) : undefined,
          dependencies: req.getDependenciesList().map((u) => urns.of(u)),
          propertyDependencies: deps,
          protect: req.getProtect(),
          retainOnDelete: req.getRetainondelete(),
          provider: engineProviderRef(urns, req.getProvider()),
          ignoreChanges: req.getIgnorechangesList(),
          aliases: req.getAliasurnsList(),
          additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
          deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
          ...options,
          ...(bound.length > 0 ? { hooks: bound } : {}),
        });
      }
      cb(err, resp);
    });
  const read = monitor.readResource.bind(monitor);
  monitor.readResource = (req, cb) =>
    read(req, (err, resp) => {
      if (err) errors.push(err);
      else if (resp) {
        resources.push({
          urn: urns.register(resp.getUrn(), req.getParent(), req.getType(), req.getName()),
          type: req.getType(),
          name: req.getName(),
          custom: true,
          read: true,
          inputs: structToMap(req.getProperties()),
          outputs: structToMap(resp.getProperties?.()),
          parent: req.getParent() ? urns.of(req.getParent()) : undefined,
          dependencies: req.getDependenciesList().map((u) => urns.of(u)),
          propertyDependencies: {},
          protect: false,
          retainOnDelete: false,
          provider: engineProviderRef(urns, req.getProvider()),
          ignoreChanges: [],
          aliases: [],
          additionalSecretOutputs: [],
        });
      }
      cb(err, resp);
    });
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, cb) => {
    stackOutputs.set(urns.of(req.getUrn()), structToMap(req.getOutputs()));
    registerOutputs(req, cb);
  };
}

/** Forgets the program's own modules so the next run executes them afresh. Shared building blocks
 * (components/, node_modules) stay cached: they must not hold per-stack state. */
function forgetProgramModules(programDir: string): void {
  const prefix = programDir.endsWith(path.sep) ? programDir : programDir + path.sep;
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(prefix) && !key.includes(`${path.sep}node_modules${path.sep}`))
      delete require.cache[key];
  }
}

type ProgramExport = ((...a: unknown[]) => unknown) | { default?: unknown } | undefined;

export async function runStack(spec: StackRunSpec): Promise<StackRunResult> {
  const poisoned = poisonedBy();
  if (poisoned)
    return {
      resources: [],
      outputs: {},
      error: new ProgramLifecycleError(
        `not run: an earlier program in this check left work running that cannot be stopped (${poisoned}), ` +
          "so its registrations could land in this stack; check the programs one at a time",
      ),
    };
  const resources: CapturedResource[] = [];
  const componentOutputs = new Map<string, PropertyMap>();
  const errors: Error[] = [];
  const unmocked: Error[] = [];
  await pulumi.runtime.setMocks(
    createMocks({
      account: spec.account,
      preview: spec.preview,
      stackOutputs: spec.stackOutputs,
      onUnmockedInvoke: (e) => unmocked.push(e),
    }),
    spec.project,
    spec.stack,
    spec.preview,
    "organization",
  );
  pulumi.runtime.setAllConfig(spec.config, spec.secretKeys ?? []);
  capture(pulumi.runtime.getMonitor() as unknown as CapturingMonitor, resources, componentOutputs, errors);

  const programPath = path.resolve(spec.program);
  const programDir = path.dirname(programPath);
  const cwd = process.cwd();
  const onRejection = (reason: unknown) =>
    errors.push(reason instanceof Error ? reason : new Error(String(reason)));
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onRejection);
  const restoreDiagnostics = quietSdkDiagnostics();
  let error: Error | undefined;
  const identity = {
    project: spec.project,
    stack: spec.stack,
    organization: "organization",
    preview: spec.preview,
    config: spec.config,
    secretKeys: spec.secretKeys ?? [],
    programDir,
  };
  const sideEffects = new SideEffectRecorder();
  await withProgramEnvironment(identity, async () => {
    // The CLI runs the program with the program directory as working directory (docs/pulumi-facts.md "Project and stack files").
    process.chdir(programDir);
    forgetProgramModules(programDir);
    const run = new ProgramRun();
    sideEffects.start();
    let leftOver: string[] = [];
    try {
      let settled = false;
      const body = pulumi.runtime
        .runInPulumiStack(async () => {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const exported = require(programPath) as ProgramExport;
          const fn = typeof exported === "function" ? exported : exported?.default;
          // Like the CLI: an exported function is called and its result becomes the stack outputs.
          return typeof fn === "function" ? await (fn as () => unknown)() : exported;
        })
        .finally(() => {
          settled = true;
        });
      body.catch(() => undefined);
      // The run ends when the program's work does, as under the Node language host (programLifecycle.ts).
      try {
        await drainProgram(run, {
          timeoutMs: spec.pendingWorkTimeoutMs ?? pendingWorkTimeoutMs(),
          waitForRpcs: () => settings.waitForRPCs(),
          activity: () => resources.length + errors.length + componentOutputs.size,
          bodySettled: () => settled,
        });
      } catch (e) {
        leftOver = run.otherWork();
        // The body's own failure, if any, explains more than what it left running.
        if (settled) await body;
        throw e;
      }
      const exited = run.exitError();
      if (exited) throw exited;
      await body;
      await settings.waitForRPCs();
      const exitCode = run.failedExitCode();
      if (run.exitCalled === undefined && exitCode !== undefined)
        throw new ProgramLifecycleError(
          `the program sets process.exitCode = ${exitCode}: the CLI reports such a program as failed`,
        );
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e));
    } finally {
      sideEffects.stop();
      run.close(leftOver);
      restoreDiagnostics();
      process.chdir(cwd);
      // Let late rejections of this run land before the listener goes.
      await new Promise((r) => setImmediate(r));
      process.off("unhandledRejection", onRejection);
      process.off("uncaughtException", onRejection);
    }
  });
  if (!error && errors.length > 0) error = errors[0];
  // An unanswerable invoke is the root cause of whatever failed after it (the SDK may even lose it).
  if (unmocked.length > 0) error = unmocked[0];
  for (const r of resources) {
    const registered = componentOutputs.get(r.urn);
    if (registered && !r.custom) r.outputs = registered;
  }
  const root = resources.find((r) => r.type === TYPE.stack);
  const outputs = (root ? (componentOutputs.get(root.urn) ?? {}) : {}) as Record<string, PropertyValue>;
  return { resources, outputs, error, sideEffects: sideEffects.describe() };
}
