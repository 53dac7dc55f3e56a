/**
 * What a program does besides registering resources, recorded while the offline check runs it: the
 * cloud SDKs it loads and the network connections it opens. Under the real CLI a program runs with
 * the deploying identity's credentials, and an SDK call or a request it makes is never a resource,
 * so no policy sees it (docs/decisions.md "What the gate and CrossGuard cannot see"). A project
 * program declares resources; the engine makes every call to the cloud. The gate therefore refuses
 * a project program that loads a cloud SDK or opens a connection to anything but loopback
 * (`tools/gate/sideEffects.ts`),
 * whether or not the call would have succeeded (under the check there are no credentials).
 */
import * as net from "net";
import * as path from "path";

/** Packages that call cloud APIs directly: AWS SDK v3 and v2, and other clouds' SDKs. */
const CLOUD_SDK = /^(@aws-sdk\/|aws-sdk(\/|$)|@smithy\/|@google-cloud\/|googleapis(\/|$)|@azure\/)/;
/** A module inside one of those packages: its own loads are the SDK's, not the program's. */
const INSIDE_CLOUD_SDK =
  /[\\/]node_modules[\\/](@aws-sdk|@smithy|aws-sdk|@google-cloud|googleapis|@azure)[\\/]/;
/** The `@pulumi/*` packages are the engine's side: what they load is not the program's doing. */
const PULUMI_PACKAGES = path.dirname(path.dirname(require.resolve("@pulumi/pulumi/package.json"))) + path.sep;

// The module object itself (an `import * as` namespace would be a copy): `Module._load` is patched.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require("module") as object;
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\]):/;
type Load = (request: string, parent: { filename?: string } | null | undefined, isMain: boolean) => unknown;
const moduleStatics = Module as unknown as { _load: Load };
const realLoad = moduleStatics._load;
type Connect = (...args: unknown[]) => unknown;
const socketProto = net.Socket.prototype as unknown as { connect: Connect };
const realConnect = socketProto.connect;

/** Where a connection goes, from `socket.connect`'s arguments (options object, port/host, or path). */
function target(args: unknown[]): string {
  const [first, second] = args;
  const opts = (Array.isArray(first) ? first[0] : first) as
    { host?: string; port?: number | string; path?: string } | number | string | undefined;
  if (opts && typeof opts === "object") return opts.path ?? `${opts.host ?? "localhost"}:${opts.port ?? ""}`;
  if (typeof opts === "number" || (typeof opts === "string" && /^\d+$/.test(opts)))
    return `${typeof second === "string" ? second : "localhost"}:${opts}`;
  return String(opts);
}

export class SideEffectRecorder {
  readonly sdkModules = new Set<string>();
  readonly connections = new Set<string>();

  start(): void {
    const sdk = this.sdkModules;
    moduleStatics._load = function (this: unknown, request, parent, isMain) {
      const from = parent?.filename ?? "";
      if (CLOUD_SDK.test(request) && !from.startsWith(PULUMI_PACKAGES) && !INSIDE_CLOUD_SDK.test(from))
        sdk.add(request);
      return realLoad.call(this, request, parent, isMain);
    };
    const connections = this.connections;
    socketProto.connect = function (this: unknown, ...args: unknown[]) {
      const to = target(args);
      // Loopback is the machine itself: the SDK's callback server for transforms listens there
      // (`@pulumi/pulumi/runtime/callbacks.js`); the cloud is not reached through it.
      if (!LOOPBACK.test(to)) connections.add(to);
      return realConnect.apply(this, args);
    };
  }

  stop(): void {
    moduleStatics._load = realLoad;
    socketProto.connect = realConnect;
  }

  /** One line per side effect, for the gate's report. */
  describe(): string[] {
    return [
      ...[...this.sdkModules].sort().map((m) => `loads the cloud SDK module "${m}"`),
      ...[...this.connections].sort().map((c) => `opens a network connection to ${c}`),
    ];
  }
}
