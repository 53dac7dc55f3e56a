/**
 * A test double of AWS behind the real provider protocol: a `pulumi-resource-aws` plugin that the real
 * engine loads like the real provider (https://www.pulumi.com/docs/iac/concepts/resources/providers/),
 * answering the ResourceProvider gRPC service (`@pulumi/pulumi/proto/provider.proto`) with the offline
 * runner's mocks (tools/runner/mocks.ts): the same deterministic ids and ARNs, unknown computed outputs
 * in preview (it declares `supportsPreview`, so the engine calls Create with `preview`), the same data
 * sources. Out-of-band changes and broken credentials come from ./live.ts.
 *
 * Like moto for the AWS SDK, it stands in for AWS only: the engine, language host, programs, policy
 * pack and backend around it are real. It models no ForceNew (replacement) properties: every input
 * change is an in-place update.
 */
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { createMocks, DEFAULT_ACCOUNT, deployedState, MockAccount } from "../../tools/runner/mocks";
import { credentialsError, liveChangeFor, readLiveChanges } from "./live";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any -- generated gRPC/protobuf JS */
const providerGrpc = require("@pulumi/pulumi/proto/provider_grpc_pb") as any;
const providerPb = require("@pulumi/pulumi/proto/provider_pb") as any;
const pluginPb = require("@pulumi/pulumi/proto/plugin_pb") as any;
const structPb = require("google-protobuf/google/protobuf/struct_pb") as any;
const emptyPb = require("google-protobuf/google/protobuf/empty_pb") as any;

type State = Record<string, unknown>;
type Callback = (e: grpc.ServiceError | Error | null, r?: unknown) => void;
type Call = { request: any };

/** The version `@pulumi/aws` asks the engine for (its package.json `pulumi.version`). */
export function requestedAwsVersion(): string {
  const pkg = require.resolve("@pulumi/aws/package.json");
  const doc = JSON.parse(fs.readFileSync(pkg, "utf8")) as { pulumi?: { version?: string } };
  return doc.pulumi?.version ?? "0.0.0";
}

/** `urn:pulumi:<stack>::<project>::<parent$>type::<name>` → type and name. */
export function urnParts(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  const qualified = parts[2] ?? "";
  return { type: qualified.split("$").pop() ?? qualified, name: parts.slice(3).join("::") };
}

const toJs = (s: any): State => (s?.toJavaScript() ?? {}) as State;
const toStruct = (v: State): unknown => structPb.Struct.fromJavaScript(v);

function grpcError(code: grpc.status, message: string): grpc.ServiceError {
  return Object.assign(new Error(message), { code, details: message, metadata: new grpc.Metadata() });
}

/** Keys whose values differ between two input maps (top level, JSON equality). */
export function changedKeys(olds: State, news: State): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys]
    .filter((k) => !k.startsWith("__") && JSON.stringify(olds[k]) !== JSON.stringify(news[k]))
    .sort();
}

export class AwsDouble {
  private account: MockAccount = DEFAULT_ACCOUNT;

  /** Config the engine hands to Configure: `region` from `aws:region` (the mocks' region otherwise). */
  configure(variables: Map<string, string>, args: State): void {
    const region = (args.region as string | undefined) ?? variables.get("aws:config:region");
    this.account = { ...DEFAULT_ACCOUNT, ...(region ? { region } : {}) };
    const failure = credentialsError();
    if (failure) throw grpcError(grpc.status.UNAUTHENTICATED, failure);
  }

  private mocks(preview: boolean) {
    return createMocks({ account: this.account, preview, stackOutputs: () => undefined });
  }

  async create(urn: string, inputs: State, preview: boolean): Promise<{ id: string; state: State }> {
    const { type, name } = urnParts(urn);
    const r = await this.mocks(preview).newResource({ type, name, inputs, custom: true, id: "" });
    return { id: r.id ?? "", state: r.state };
  }

  update(urn: string, id: string, news: State): State {
    const { type, name } = urnParts(urn);
    return { ...deployedState(type, name, news, this.account).state, id };
  }

  /** Refresh and `.get()`: the recorded state with out-of-band changes applied, or gone. */
  read(urn: string, id: string, props: State, inputs: State): { id: string; props: State; inputs: State } {
    const { type, name } = urnParts(urn);
    const change = liveChangeFor(readLiveChanges(), urn, id);
    if (change?.deleted) return { id: "", props: {}, inputs: {} };
    const base =
      Object.keys(props).length > 0 ? props : deployedState(type, name, inputs, this.account).state;
    const set = change?.set ?? {};
    const liveInputs = { ...inputs };
    for (const k of Object.keys(set)) if (k in inputs) liveInputs[k] = set[k];
    return { id, props: { ...base, ...set }, inputs: liveInputs };
  }

  async invoke(token: string, args: State): Promise<State> {
    return (await this.mocks(false).call({ token, inputs: args, provider: "" })) as State;
  }
}

function handler<T>(fn: (req: any) => Promise<T> | T, respond: (r: T) => unknown) {
  return async (call: Call, cb: Callback) => {
    try {
      cb(null, respond(await fn(call.request)));
    } catch (e) {
      const err = e as grpc.ServiceError;
      cb(err.code !== undefined ? err : grpcError(grpc.status.UNKNOWN, (e as Error).message));
    }
  };
}

export function providerService(double: AwsDouble, version: string): Record<string, unknown> {
  const unimplemented = (_c: Call, cb: Callback) =>
    cb(grpcError(grpc.status.UNIMPLEMENTED, "not implemented by the aws test double"));
  const empty = () => new emptyPb.Empty();
  return {
    handshake: unimplemented,
    parameterize: unimplemented,
    call: unimplemented,
    construct: unimplemented,
    list: (call: { emit: (ev: string, e: unknown) => void }) =>
      call.emit("error", grpcError(grpc.status.UNIMPLEMENTED, "List")),
    getMapping: unimplemented,
    getMappings: unimplemented,
    getPluginInfo: handler(
      () => version,
      (v) => {
        const r = new pluginPb.PluginInfo();
        r.setVersion(v);
        return r;
      },
    ),
    getSchema: handler(
      () => JSON.stringify({ name: "aws", version }),
      (s) => {
        const r = new providerPb.GetSchemaResponse();
        r.setSchema(s);
        return r;
      },
    ),
    checkConfig: handler(
      (req) => toJs(req.getNews()),
      (inputs) => {
        const r = new providerPb.CheckResponse();
        r.setInputs(toStruct(inputs));
        return r;
      },
    ),
    diffConfig: handler(
      (req) => changedKeys(toJs(req.getOldInputs() ?? req.getOlds()), toJs(req.getNews())),
      (keys) => diffResponse(keys.filter((k) => k !== "version")),
    ),
    configure: handler(
      (req) => double.configure(new Map(req.getVariablesMap().entries()), toJs(req.getArgs())),
      () => {
        const r = new providerPb.ConfigureResponse();
        r.setSupportspreview(true);
        r.setAcceptsecrets(false);
        r.setAcceptresources(false);
        r.setAcceptoutputs(false);
        return r;
      },
    ),
    invoke: handler(
      (req) => double.invoke(req.getTok(), toJs(req.getArgs())),
      (ret) => {
        const r = new providerPb.InvokeResponse();
        r.setReturn(toStruct(ret));
        return r;
      },
    ),
    check: handler(
      // Inputs pass through unchanged, as the mock runtime hands them to analyzers.
      (req) => toJs(req.getNews()),
      (inputs) => {
        const r = new providerPb.CheckResponse();
        r.setInputs(toStruct(inputs));
        return r;
      },
    ),
    diff: handler(
      (req) => changedKeys(toJs(req.getOldInputs() ?? req.getOlds()), toJs(req.getNews())),
      diffResponse,
    ),
    create: handler(
      (req) => double.create(req.getUrn(), toJs(req.getProperties()), req.getPreview()),
      ({ id, state }) => {
        const r = new providerPb.CreateResponse();
        r.setId(id);
        r.setProperties(toStruct(state));
        return r;
      },
    ),
    read: handler(
      (req) => double.read(req.getUrn(), req.getId(), toJs(req.getProperties()), toJs(req.getInputs())),
      ({ id, props, inputs }) => {
        const r = new providerPb.ReadResponse();
        r.setId(id);
        if (id) {
          r.setProperties(toStruct(props));
          r.setInputs(toStruct(inputs));
        }
        return r;
      },
    ),
    update: handler(
      (req) => double.update(req.getUrn(), req.getId(), toJs(req.getNews())),
      (state) => {
        const r = new providerPb.UpdateResponse();
        r.setProperties(toStruct(state));
        return r;
      },
    ),
    delete: handler(() => undefined, empty),
    cancel: handler(() => undefined, empty),
    attach: handler(() => undefined, empty),
  };
}

function diffResponse(keys: string[]): unknown {
  const r = new providerPb.DiffResponse();
  const D = providerPb.DiffResponse.DiffChanges;
  r.setChanges(keys.length > 0 ? D.DIFF_SOME : D.DIFF_NONE);
  r.setDiffsList(keys);
  const detailed = r.getDetaileddiffMap();
  for (const k of keys) {
    const d = new providerPb.PropertyDiff();
    d.setKind(providerPb.PropertyDiff.Kind.UPDATE);
    d.setInputdiff(true);
    detailed.set(k, d);
  }
  r.setHasdetaileddiff(true);
  return r;
}
/* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */

/** With TRACE_ENV set to a file, every RPC the engine makes is appended to it by name. */
export const TRACE_ENV = "GLUE_E2E_AWS_TRACE";

function traced(service: Record<string, unknown>, file: string | undefined): Record<string, unknown> {
  if (!file) return service;
  return Object.fromEntries(
    Object.entries(service).map(([name, fn]) => [
      name,
      (...args: unknown[]) => {
        fs.appendFileSync(file, `${name}\n`);
        return (fn as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  );
}

/** Plugin entry: serve on a loopback port and print it first on stdout, as the engine expects. */
export async function serve(): Promise<void> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(
    providerGrpc.ResourceProviderService,
    traced(
      providerService(new AwsDouble(), requestedAwsVersion()),
      process.env[TRACE_ENV],
    ) as grpc.UntypedServiceImplementation,
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  process.stdout.write(`${port}\n`);
}

if (require.main === module) {
  serve().catch((e: Error) => {
    process.stderr.write(`pulumi-resource-aws (test double, ${path.basename(__filename)}): ${e.stack}\n`);
    process.exit(1);
  });
}
