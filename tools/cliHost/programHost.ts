/**
 * Starts a stack program the way the CLI's Node language host does (pulumi-language-nodejs
 * execRuntime): `node [nodeargs] <@pulumi/pulumi/cmd/run> --monitor … --engine … --organization …
 * --project … --root-directory … --stack … --pwd <program dir> [--dry-run] --parallel … <entry>` with
 * PULUMI_CONFIG (keys in the host's `ns:config:key` form), PULUMI_CONFIG_SECRET_KEYS,
 * PULUMI_NODEJS_TYPESCRIPT and PULUMI_NODEJS_TSCONFIG_PATH from `Pulumi.yaml`'s runtime options, against
 * a test ResourceMonitor gRPC service that answers with the offline runner's mocks.
 */
import { spawn } from "child_process";
import * as grpc from "@grpc/grpc-js";
import { createMocks, MockAccount } from "../runner/mocks";
import { projectRuntime, ProjectRuntime } from "../runner/stackFiles";
import { PropertyMap, toAnalyzerValue } from "../runner/encoding";
import { startEngine } from "./packHost";
import { TYPE } from "../../components/typeTokens";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any -- generated gRPC/protobuf JS */
const resourceGrpc = require("@pulumi/pulumi/proto/resource_grpc_pb") as any;
const resourcePb = require("@pulumi/pulumi/proto/resource_pb") as any;
const providerPb = require("@pulumi/pulumi/proto/provider_pb") as any;
const structPb = require("google-protobuf/google/protobuf/struct_pb") as any;
const emptyPb = require("google-protobuf/google/protobuf/empty_pb") as any;

export interface RegisteredResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent: string;
  readonly inputs: PropertyMap;
  readonly dependencies: string[];
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly read: boolean;
}

export interface ProgramRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly logs: string[];
  readonly resources: RegisteredResource[];
  /** Wall time of the whole run, and until the program registered its first custom resource
   * (module loading, TypeScript compilation and program start: what `pulumi preview` waits for). */
  readonly startMs: number;
  readonly firstRegistrationMs?: number;
  /** Until the program's first call on a resource: a custom registration or a read (a project
   * stack's StackReference). The end of start-up; after it the program is doing its own work. */
  readonly firstResourceCallMs?: number;
}

export { projectRuntime };
export type { ProjectRuntime };

/** The engine's URN: the parent's qualified type chain, without the root stack type. */
function engineUrn(stack: string, project: string, parent: string, type: string, name: string): string {
  let qualified = type;
  if (parent) {
    const parentType = parent.split("::")[2];
    if (parentType !== TYPE.stack) qualified = `${parentType}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

async function startMonitor(
  opts: {
    stack: string;
    project: string;
    preview: boolean;
    account: MockAccount;
    stackOutputs: (n: string) => Record<string, unknown> | undefined;
  },
  resources: RegisteredResource[],
  firstCustom: { at?: number; anyAt?: number },
) {
  const mocks = createMocks({
    account: opts.account,
    preview: opts.preview,
    stackOutputs: opts.stackOutputs,
  });
  const states = new Map<string, Record<string, unknown>>();
  const unimplemented = (_c: unknown, cb: (e: grpc.ServiceError) => void) =>
    cb({ code: grpc.status.UNIMPLEMENTED, message: "not in the test monitor" } as grpc.ServiceError);
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(resourceGrpc.ResourceMonitorService, {
    getDeploymentInfo: (_c: unknown, cb: (e: null, r: unknown) => void) => {
      const resp = new resourcePb.DeploymentInfo();
      const F = resourcePb.ResourceMonitorFeature;
      // The features the engine advertises, except output values (so inputs stay plain, as the
      // engine hands them to analyzers).
      resp.setSupportedfeaturesList([
        F.RESOURCE_MONITOR_FEATURE_SECRETS,
        F.RESOURCE_MONITOR_FEATURE_RESOURCE_REFERENCES,
        F.RESOURCE_MONITOR_FEATURE_ALIAS_SPECS,
        F.RESOURCE_MONITOR_FEATURE_DELETED_WITH,
      ]);
      cb(null, resp);
    },
    supportsFeature: (call: any, cb: (e: null, r: unknown) => void) => {
      const resp = new resourcePb.SupportsFeatureResponse();
      resp.setHassupport(
        ["secrets", "resourceReferences", "aliasSpecs", "deletedWith"].includes(call.request.getId()),
      );
      cb(null, resp);
    },
    invoke: async (call: any, cb: (e: Error | null, r?: unknown) => void) => {
      try {
        const result = await mocks.call({
          token: call.request.getTok(),
          inputs: call.request.getArgs()?.toJavaScript() ?? {},
          provider: call.request.getProvider(),
        });
        const resp = new resourcePb.ResourceInvokeResponse();
        resp.setReturn(structPb.Struct.fromJavaScript(result));
        cb(null, resp);
      } catch (e) {
        cb(e as Error);
      }
    },
    registerResource: async (call: any, cb: (e: Error | null, r?: unknown) => void) => {
      try {
        const req = call.request;
        const raw = (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
        const urn = engineUrn(opts.stack, opts.project, req.getParent(), req.getType(), req.getName());
        if (req.getCustom()) {
          // One clock reading for both marks: two readings can straddle a millisecond.
          const now = Date.now();
          firstCustom.at ??= now;
          firstCustom.anyAt ??= now;
        }
        resources.push({
          urn,
          type: req.getType(),
          name: req.getName(),
          custom: req.getCustom(),
          parent: req.getParent(),
          inputs: toAnalyzerValue(raw) as PropertyMap,
          dependencies: req.getDependenciesList(),
          protect: req.getProtect(),
          retainOnDelete: req.getRetainondelete(),
          read: false,
        });
        const result = await mocks.newResource({
          type: req.getType(),
          name: req.getName(),
          inputs: raw,
          custom: req.getCustom(),
          provider: req.getProvider(),
        });
        states.set(urn, result.state);
        const resp = new resourcePb.RegisterResourceResponse();
        resp.setUrn(urn);
        resp.setId(result.id ?? "");
        resp.setObject(structPb.Struct.fromJavaScript(result.state));
        cb(null, resp);
      } catch (e) {
        cb(e as Error);
      }
    },
    readResource: async (call: any, cb: (e: Error | null, r?: unknown) => void) => {
      try {
        const req = call.request;
        firstCustom.anyAt ??= Date.now();
        const raw = (req.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>;
        const urn = engineUrn(opts.stack, opts.project, req.getParent(), req.getType(), req.getName());
        const result = await mocks.newResource({
          type: req.getType(),
          name: req.getName(),
          inputs: raw,
          custom: true,
          id: req.getId(),
        });
        resources.push({
          urn,
          type: req.getType(),
          name: req.getName(),
          custom: true,
          parent: req.getParent(),
          inputs: toAnalyzerValue(raw) as PropertyMap,
          dependencies: req.getDependenciesList(),
          protect: false,
          retainOnDelete: false,
          read: true,
        });
        const resp = new resourcePb.ReadResourceResponse();
        resp.setUrn(urn);
        resp.setProperties(structPb.Struct.fromJavaScript(result.state));
        cb(null, resp);
      } catch (e) {
        cb(e as Error);
      }
    },
    registerResourceOutputs: (_c: unknown, cb: (e: null, r: unknown) => void) =>
      cb(null, new emptyPb.Empty()),
    registerPackage: (_c: unknown, cb: (e: null, r: unknown) => void) => {
      const resp = new resourcePb.RegisterPackageResponse();
      resp.setRef("test-package-ref");
      cb(null, resp);
    },
    signalAndWaitForShutdown: (_c: unknown, cb: (e: null, r: unknown) => void) =>
      cb(null, new emptyPb.Empty()),
    call: unimplemented,
    existsResource: unimplemented,
    registerStackTransform: unimplemented,
    registerStackInvokeTransform: unimplemented,
    registerResourceHook: unimplemented,
    registerErrorHook: unimplemented,
  });
  void providerPb;
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return { server, address: `127.0.0.1:${port}` };
}
/* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */

export interface ProgramStartOptions {
  readonly projectDir: string;
  readonly stack: string;
  /** Fully qualified config (`ns:key` → value) as in the stack's config file. */
  readonly config: Record<string, string>;
  readonly preview: boolean;
  readonly account: MockAccount;
  readonly stackOutputs: (n: string) => Record<string, unknown> | undefined;
  /** Extra environment, e.g. PULUMI_NODEJS_TRANSPILE_ONLY. */
  readonly env?: Record<string, string>;
  /** Extra node arguments before the entry point (e.g. --cpu-prof), after Pulumi.yaml's nodeargs. */
  readonly nodeArgs?: string[];
}

export async function runProgramLikeTheCli(opts: ProgramStartOptions): Promise<ProgramRun> {
  const rt = projectRuntime(opts.projectDir);
  const resources: RegisteredResource[] = [];
  const firstCustom: { at?: number; anyAt?: number } = {};
  const logs: string[] = [];
  const engineLogs: { message: string }[] = [];
  const engine = await startEngine(engineLogs as never);
  const monitor = await startMonitor(
    {
      stack: opts.stack,
      project: rt.name,
      preview: opts.preview,
      account: opts.account,
      stackOutputs: opts.stackOutputs,
    },
    resources,
    firstCustom,
  );
  const runPath = require.resolve("@pulumi/pulumi/cmd/run", { paths: [rt.programDir] });
  const args = [
    ...rt.nodeargs,
    ...(opts.nodeArgs ?? []),
    runPath,
    "--monitor",
    monitor.address,
    "--engine",
    engine.address,
    "--organization",
    "organization",
    "--project",
    rt.name,
    "--root-directory",
    opts.projectDir,
    "--stack",
    opts.stack,
    "--pwd",
    rt.programDir,
    ...(opts.preview ? ["--dry-run"] : []),
    "--parallel",
    "2147483647",
    rt.entryPoint,
  ];
  // The host rewrites keys to the legacy `ns:config:key` form it still sends.
  const config = Object.fromEntries(
    Object.entries(opts.config).map(([k, v]) => [k.replace(/^([^:]+):(?!config:)/, "$1:config:"), v]),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PULUMI_CONFIG: JSON.stringify(config),
    PULUMI_CONFIG_SECRET_KEYS: "[]",
    ...(opts.env ?? {}),
  };
  for (const k of [
    "TS_NODE_TRANSPILE_ONLY",
    "TS_NODE_PROJECT",
    "PULUMI_NODEJS_TSCONFIG_PATH",
    "PULUMI_NODEJS_TYPESCRIPT",
  ])
    delete env[k];
  if (rt.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (rt.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = rt.tsconfig;
  Object.assign(env, opts.env ?? {});
  const started = Date.now();
  const child = spawn(process.execPath, args, { cwd: rt.programDir, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exitCode = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  const startMs = Date.now() - started;
  logs.push(...engineLogs.map((l) => l.message));
  await new Promise((r) => monitor.server.tryShutdown(r));
  await new Promise((r) => engine.server.tryShutdown(r));
  const firstRegistrationMs = firstCustom.at === undefined ? undefined : firstCustom.at - started;
  const firstResourceCallMs = firstCustom.anyAt === undefined ? undefined : firstCustom.anyAt - started;
  return { exitCode, stdout, stderr, logs, resources, startMs, firstRegistrationMs, firstResourceCallMs };
}
