/**
 * What a program does besides registering resources, recorded while the offline check runs it: the
 * cloud SDKs it loads, the network connections it opens and the programs it starts (the AWS CLI,
 * curl: a child process reaches the cloud with the same credentials, outside any socket of this one). Under the real CLI a program runs with
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

/** The functions of `child_process` that start a program (each is reached through the module object,
 * so replacing them also catches a destructuring import made while the program runs). */
const STARTERS = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const;
type Starter = (typeof STARTERS)[number];
// The module object itself, as for `Module` above (an `import * as` namespace would be a copy).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const childStatics = require("child_process") as Record<Starter, (...args: unknown[]) => unknown>;
const realStarters = Object.fromEntries(STARTERS.map((n) => [n, childStatics[n]])) as Record<
  Starter,
  (...args: unknown[]) => unknown
>;

/** The program a `child_process` call starts: its command's first word. */
function programOf(args: unknown[]): string {
  const first = typeof args[0] === "string" ? args[0].trim() : String(args[0]);
  return path.basename(first.split(/\s+/)[0] ?? first);
}

export class SideEffectRecorder {
  readonly sdkModules = new Set<string>();
  readonly connections = new Set<string>();
  readonly processes = new Set<string>();

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
    const processes = this.processes;
    for (const name of STARTERS) {
      const real = realStarters[name];
      childStatics[name] = function (this: unknown, ...args: unknown[]) {
        processes.add(programOf(args));
        return real.apply(this, args);
      };
    }
  }

  stop(): void {
    moduleStatics._load = realLoad;
    socketProto.connect = realConnect;
    for (const name of STARTERS) childStatics[name] = realStarters[name];
  }

  /** One line per side effect, for the gate's report. */
  describe(): string[] {
    return [
      ...[...this.sdkModules].sort().map((m) => `loads the cloud SDK module "${m}"`),
      ...[...this.connections].sort().map((c) => `opens a network connection to ${c}`),
      ...[...this.processes].sort().map((p) => `starts the program "${p}"`),
    ];
  }
}
