/**
 * Starts the policy pack exactly as the Pulumi CLI's Node plugin host does (pulumi-language-nodejs
 * RunPlugin, kind=analyzer): `node <@pulumi/pulumi/cmd/run-policy-pack> <engine-address> <pack-dir>`
 * with the pack directory as working directory and the stack's identity and config in the
 * environment, against a minimal Engine gRPC service for its log calls. Talks to it over the
 * Analyzer protocol with the protocol definitions shipped in @pulumi/pulumi.
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";

// The generated gRPC/protobuf modules ship as JS with loose typings; they are used through the
// narrow interfaces below.
/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb") as any;
const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb") as any;
const engineGrpc = require("@pulumi/pulumi/proto/engine_grpc_pb") as any;
const enginePb = require("@pulumi/pulumi/proto/engine_pb") as any;
const structPb = require("google-protobuf/google/protobuf/struct_pb") as any;
const emptyPb = require("google-protobuf/google/protobuf/empty_pb") as any;
/* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */

export interface EngineLog {
  readonly severity: number;
  readonly message: string;
}

export interface StartedPack {
  readonly client: grpc.Client & Record<string, (...a: unknown[]) => unknown>;
  readonly logs: EngineLog[];
  readonly startMs: number;
  call<T>(method: string, request: unknown): Promise<T>;
  stop(): Promise<void>;
}

export interface PackStartOptions {
  readonly packDir: string;
  readonly project: string;
  readonly stack: string;
  readonly organization?: string;
  readonly dryRun?: boolean;
  /** Stack config as the engine passes it (`ns:key` → value). */
  readonly config?: Record<string, string>;
  readonly timeoutMs?: number;
}

export async function startEngine(logs: EngineLog[]): Promise<{ server: grpc.Server; address: string }> {
  const server = new grpc.Server();
  let root = "";
  const empty = (_call: unknown, cb: (e: null, r: unknown) => void) => cb(null, new emptyPb.Empty());
  server.addService(engineGrpc.EngineService, {
    log: (
      call: { request: { getSeverity(): number; getMessage(): string } },
      cb: (e: null, r: unknown) => void,
    ) => {
      logs.push({ severity: call.request.getSeverity(), message: call.request.getMessage() });
      cb(null, new emptyPb.Empty());
    },
    getRootResource: (_call: unknown, cb: (e: null, r: unknown) => void) => {
      const r = new enginePb.GetRootResourceResponse();
      r.setUrn(root);
      cb(null, r);
    },
    setRootResource: (call: { request: { getUrn(): string } }, cb: (e: null, r: unknown) => void) => {
      root = call.request.getUrn();
      cb(null, new enginePb.SetRootResourceResponse());
    },
    startDebugging: empty,
    requirePulumiVersion: empty,
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return { server, address: `127.0.0.1:${port}` };
}

export function runPolicyPackEntry(packDir: string): string {
  // The host resolves the module from the pack directory with node's resolution (locateModule).
  return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
}

export async function startPolicyPack(opts: PackStartOptions): Promise<StartedPack> {
  const logs: EngineLog[] = [];
  const engine = await startEngine(logs);
  const packDir = path.resolve(opts.packDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PULUMI_NODEJS_ORGANIZATION: opts.organization ?? "organization",
    PULUMI_NODEJS_PROJECT: opts.project,
    PULUMI_NODEJS_STACK: opts.stack,
    PULUMI_NODEJS_DRY_RUN: String(opts.dryRun ?? true),
    PULUMI_CONFIG: JSON.stringify(opts.config ?? {}),
  };
  delete env.TS_NODE_TRANSPILE_ONLY;
  delete env.TS_NODE_PROJECT;
  const started = Date.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [runPolicyPackEntry(packDir), engine.address, packDir],
    {
      cwd: packDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(
      () => reject(new Error(`policy pack did not start in time:\n${stderr}`)),
      opts.timeoutMs ?? 120000,
    );
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /^(\d+)\s*$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `policy pack exited with ${code} before serving:\n${stderr}${logs.map((l) => l.message).join("\n")}`,
        ),
      );
    });
  });
  const startMs = Date.now() - started;
  const Client = grpc.makeGenericClientConstructor(analyzerGrpc.AnalyzerService, "Analyzer");
  const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
    "grpc.max_receive_message_length": 400 * 1024 * 1024,
  }) as StartedPack["client"];
  return {
    client,
    logs,
    startMs,
    call<T>(method: string, request: unknown): Promise<T> {
      return new Promise<T>((resolve, reject) =>
        (client[method] as (r: unknown, cb: (e: Error | null, res: T) => void) => void).call(
          client,
          request,
          (e, res) => (e ? reject(e) : resolve(res)),
        ),
      );
    },
    async stop() {
      client.close();
      child.kill();
      await new Promise((r) => engine.server.tryShutdown(r));
    },
  };
}

export { analyzerPb, structPb, emptyPb };
