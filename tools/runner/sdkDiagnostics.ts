/**
 * The SDK's diagnostics the offline check does without while a program runs (docs/performance.md):
 * full stack traces (through source-map-support under ts-node) and `debuggablePromise`'s per-promise
 * properties. `quietSdkDiagnostics()` applies both and returns the function that restores them.
 */
/**
 * The SDK records `new Error().stack` for every promise it creates (runtime/debuggable.js) and every
 * resource (Resource.callsites); under ts-node each of those goes through source-map-support, which
 * dominated the offline check's time. While a program runs, stacks are formatted by V8's plain
 * call-site text instead (positions are of the transpiled code; errors are reported by message).
 */
function plainStackTrace(error: Error, frames: NodeJS.CallSite[]): string {
  let text = `${error.name}: ${error.message}`;
  for (const f of frames) text += `\n    at ${f.toString()}`;
  return text;
}

/**
 * Without GLUE_CHECK_STACKS, a stack is its first line only. `Resource.callsites` (resource.js) lifts
 * `stackTraceLimit` to collect the source position of every resource, then parses, URL-encodes and
 * marshals each frame into the registration; the mock monitor discards them and the captured resource
 * has no position, so the frames would only cost time and garbage.
 */
function headerOnlyStackTrace(error: Error): string {
  return `${error.name}: ${error.message}`;
}

/** GLUE_CHECK_STACKS=1 keeps full stacks (for debugging a program); otherwise none are collected. */
const KEEP_STACKS = process.env.GLUE_CHECK_STACKS === "1";

interface DebuggableModule {
  debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T>;
}
interface StateModule {
  getStore: () => { leakCandidates: Set<Promise<unknown>> };
}
/* eslint-disable @typescript-eslint/no-require-imports -- internal SDK modules without typings */
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as DebuggableModule;
const sdkState = require("@pulumi/pulumi/runtime/state") as StateModule;
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The SDK wraps every internal promise in `debuggablePromise` (runtime/debuggable.js): three
 * `defineProperty` calls and a `new Error().stack` per promise, which only the leak report at exit
 * prints, then tracking in the store's leak candidates. While a program runs without
 * GLUE_CHECK_STACKS (where stacks are empty anyway, above), promises are tracked exactly as the SDK
 * does (added to `leakCandidates`, removed when settled, a rejection carrying its `promise`) without
 * the diagnostic properties: about a tenth of a check's CPU (docs/performance.md).
 */
function trackedPromise<T>(p: Promise<T>): Promise<T> {
  const store = sdkState.getStore();
  store.leakCandidates.add(p);
  return p
    .then((val) => {
      store.leakCandidates.delete(p);
      return val;
    })
    .catch((err: unknown) => {
      store.leakCandidates.delete(p);
      if (err !== null && typeof err === "object") (err as { promise?: unknown }).promise = p;
      throw err;
    });
}

/** Applies the check's stack-trace and promise settings; returns the function that restores them. */
export function quietSdkDiagnostics(): () => void {
  const prepareStackTrace = Error.prepareStackTrace;
  const stackTraceLimit = Error.stackTraceLimit;
  const sdkDebuggablePromise = debuggable.debuggablePromise;
  Error.prepareStackTrace = KEEP_STACKS ? plainStackTrace : headerOnlyStackTrace;
  if (!KEEP_STACKS) {
    Error.stackTraceLimit = 0;
    debuggable.debuggablePromise = trackedPromise;
  }
  return () => {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
    debuggable.debuggablePromise = sdkDebuggablePromise;
  };
}
