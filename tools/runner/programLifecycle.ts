/**
 * A program's run ends as the Node language host ends it: when the program's process has nothing
 * left to do, not when its body returns (docs/pulumi-facts.md "When a program is finished"). The
 * host waits for the `node` process to exit (`pulumi-language-nodejs` `execNodejs`: `cmd.Wait()`);
 * Node exits when its event loop is empty, after emitting `beforeExit` (the SDK's `cmd/run` itself
 * signals the engine from a `beforeExit` handler registered to run last). Until then every
 * registration reaches the engine: a resource created in a timer, an immediate, an I/O callback or a
 * `beforeExit` listener the program added is part of the deployment.
 *
 * The offline runner runs every program in one process, so it keeps that process's loop apart from
 * the program's work: while a program runs, the timers and immediates it creates are recorded
 * (`setTimeout`/`setInterval`/`setImmediate`, global and from `require("timers")`; those still
 * referenced keep the run going, as they keep Node's loop alive), the loop's other pending work (`process.getActiveResourcesInfo()`: file system, network,
 * child processes, `timers/promises`) is compared with what was there before the program started,
 * and the `beforeExit` listeners it added are run when its work is done, as Node runs them. The run
 * ends when none of that remains; after a bounded time it fails instead, naming what was left.
 */
import * as path from "path";

/** How long a program's work may continue after its body returned (GLUE_CHECK_PENDING_TIMEOUT_MS). */
export const PENDING_WORK_TIMEOUT_MS = 10_000;
const POLL_MS = 5;

/** The timeout in force: GLUE_CHECK_PENDING_TIMEOUT_MS (ms) when set to a positive number. */
export function pendingWorkTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.GLUE_CHECK_PENDING_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : PENDING_WORK_TIMEOUT_MS;
}

/** Raised when a program leaves work running past the timeout, calls process.exit, or never ends. */
export class ProgramLifecycleError extends Error {}

type TimerHandle = { _destroyed?: boolean; hasRef?: () => boolean };
type TimerFn = (...args: never[]) => TimerHandle;
const TIMER_NAMES = ["setTimeout", "setInterval", "setImmediate"] as const;
type TimerName = (typeof TIMER_NAMES)[number];

const original: Record<TimerName, TimerFn> = {
  setTimeout: globalThis.setTimeout as unknown as TimerFn,
  setInterval: globalThis.setInterval as unknown as TimerFn,
  setImmediate: globalThis.setImmediate as unknown as TimerFn,
};
const realSetTimeout = globalThis.setTimeout;
const realSetImmediate = globalThis.setImmediate;
const realExit = process.exit.bind(process);

/** The run whose program is executing; timers created while it is set are the program's. */
let current: ProgramRun | undefined;
/** Set when a program left work the runner cannot cancel: no later run can be kept apart from it. */
let poisoned: string | undefined;

/** One wrapper per timer function, installed for the process's lifetime of a run and removed after;
 * a module that kept a reference to it keeps calling the original when no program runs. */
const wrappers = Object.fromEntries(
  TIMER_NAMES.map((name) => {
    const fn = original[name];
    const wrapped = function (this: unknown, ...args: never[]) {
      const handle = fn.apply(this, args);
      current?.timers.push({ handle, kind: name });
      return handle;
    };
    // util.promisify(setTimeout) reads the original's custom promisified form.
    for (const sym of Object.getOwnPropertySymbols(fn))
      Object.defineProperty(wrapped, sym, Object.getOwnPropertyDescriptor(fn, sym) as PropertyDescriptor);
    return [name, wrapped];
  }),
) as Record<TimerName, TimerFn>;

function countTypes(list: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of list) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

// The module object itself (an `import * as` namespace would be a copy): `require("timers").setTimeout`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const timersModule = require("timers") as Record<TimerName, unknown>;

/** The `@pulumi/*` packages this repository installs (package-lock.json): a process listener they add
 * when they load (`@pulumi/aws` s3Mixins adds a `beforeExit` listener that registers bucket
 * notifications) belongs to the process, as under the CLI, and runs at the end of every program. */
const PULUMI_PACKAGES = path.dirname(path.dirname(require.resolve("@pulumi/pulumi/package.json"))) + path.sep;
const libraryListeners = new Set<unknown>();
/** `beforeExit` listeners of the gate itself (and a test runner), never run for a program. */
const hostBeforeExit = new Set<unknown>(process.rawListeners("beforeExit"));
const LISTENER_METHODS = ["on", "addListener", "once", "prependListener", "prependOnceListener"] as const;
type ListenerMethod = (typeof LISTENER_METHODS)[number];
const processMethods = Object.fromEntries(
  LISTENER_METHODS.map((m) => [m, Object.getOwnPropertyDescriptor(process, m)]),
) as Record<ListenerMethod, PropertyDescriptor | undefined>;

/** The file that called a process listener method (two frames up: the wrapper, then the caller). */
function callerFile(): string | undefined {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  const holder: { stack?: unknown } = {};
  try {
    Error.stackTraceLimit = 4;
    Error.prepareStackTrace = (_e, frames) => frames;
    Error.captureStackTrace(holder, callerFile);
    const frames = holder.stack as NodeJS.CallSite[] | undefined;
    return frames?.[1]?.getFileName() ?? undefined;
  } finally {
    Error.stackTraceLimit = limit;
    Error.prepareStackTrace = prepare;
  }
}

function sameListener(raw: unknown, fn: unknown): boolean {
  return raw === fn || (raw as { listener?: unknown } | null)?.listener === fn;
}

/** What the program left in the process: its timers, other loop work and process listeners. */
export class ProgramRun {
  readonly timers: { handle: TimerHandle; kind: TimerName }[] = [];
  private readonly baseline: Map<string, number>;
  private readonly listenersBefore = new Map<string | symbol, Set<unknown>>();
  private readonly exitCodeBefore = process.exitCode;
  exitCalled?: number;

  constructor() {
    this.baseline = countTypes(process.getActiveResourcesInfo());
    for (const e of process.eventNames()) this.listenersBefore.set(e, new Set(process.rawListeners(e)));
    // The module-level pointer is how the shared timer wrappers find the run of the program executing.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    current = this;
    for (const name of TIMER_NAMES) {
      (globalThis as unknown as Record<TimerName, unknown>)[name] = wrappers[name];
      timersModule[name] = wrappers[name];
    }
    for (const m of LISTENER_METHODS) {
      const real = (process as unknown as Record<ListenerMethod, (...a: unknown[]) => unknown>)[m];
      Object.defineProperty(process, m, {
        configurable: true,
        writable: true,
        value: function (this: unknown, event: string | symbol, fn: unknown) {
          const file = callerFile();
          if (file?.startsWith(PULUMI_PACKAGES)) libraryListeners.add(fn);
          return real.call(this, event, fn);
        },
      });
    }
    // A program's process.exit would end the check itself (exit 0: a silent pass). The CLI's run would
    // end there with whatever had registered; here the program's timers stop and the stack fails.
    process.exit = ((code?: number | string | null) => {
      this.exitCalled = Number(code ?? process.exitCode ?? 0);
      this.cancelTimers();
    }) as typeof process.exit;
  }

  private cancelTimers(): void {
    for (const t of this.pendingTimers()) {
      if (t.kind === "setImmediate") clearImmediate(t.handle as unknown as NodeJS.Immediate);
      else clearTimeout(t.handle as unknown as NodeJS.Timeout);
    }
  }

  /** The error for a program that called process.exit, if it did. */
  exitError(): ProgramLifecycleError | undefined {
    if (this.exitCalled === undefined) return undefined;
    return new ProgramLifecycleError(
      `the program calls process.exit(${this.exitCalled}): the CLI's run would end there with whatever had ` +
        "registered, so the check cannot judge it. Let the program end on its own",
    );
  }

  /** The program's timers and immediates that have not run or been cleared. */
  pendingTimers(): { handle: TimerHandle; kind: TimerName }[] {
    return this.timers.filter((t) => !t.handle._destroyed);
  }

  /** Those that keep the loop alive (`unref()`ed ones do not: Node exits without running them). */
  keepingAlive(): { handle: TimerHandle; kind: TimerName }[] {
    return this.pendingTimers().filter((t) => t.handle.hasRef?.() !== false);
  }

  /** Loop work beyond what the process had before the program: "Timeout ×2, FSReqCallback". */
  otherWork(): string[] {
    const now = countTypes(process.getActiveResourcesInfo());
    // The program's own referenced timers are counted there too; they are named by pendingTimers().
    const own = countTypes(
      this.keepingAlive().map((t) => (t.kind === "setImmediate" ? "Immediate" : "Timeout")),
    );
    const out: string[] = [];
    for (const [type, n] of now) {
      const extra = n - (this.baseline.get(type) ?? 0) - (own.get(type) ?? 0);
      if (extra > 0) out.push(extra > 1 ? `${type} ×${extra}` : type);
    }
    return out;
  }

  /** The program's own listeners for a process event (added during its run, not by a library). */
  addedListeners(event: string | symbol): ((...a: unknown[]) => unknown)[] {
    const before = this.listenersBefore.get(event) ?? new Set();
    return process
      .rawListeners(event)
      .filter((l) => !before.has(l) && ![...libraryListeners].some((f) => sameListener(l, f))) as ((
      ...a: unknown[]
    ) => unknown)[];
  }

  /** What Node would call when the loop empties: the program's and the libraries' listeners. */
  beforeExitListeners(): ((...a: unknown[]) => unknown)[] {
    return process.rawListeners("beforeExit").filter((l) => !hostBeforeExit.has(l)) as ((
      ...a: unknown[]
    ) => unknown)[];
  }

  /** The exit code the program set (process.exitCode), if it changed it to a failure. */
  failedExitCode(): number | undefined {
    const code = process.exitCode;
    return code !== this.exitCodeBefore && code !== undefined && Number(code) !== 0
      ? Number(code)
      : undefined;
  }

  /**
   * Ends the run: cancels the program's remaining timers (unreferenced ones too, so none fires
   * during a later program's run), removes every process listener it added
   * and restores the timer functions, process.exit and process.exitCode. Work the runner cannot
   * cancel (sockets, child processes, file operations) poisons the process for later runs.
   */
  close(leftOver: string[]): void {
    this.cancelTimers();
    for (const e of process.eventNames())
      for (const l of this.addedListeners(e)) process.removeListener(e, l as (...a: unknown[]) => void);
    for (const m of LISTENER_METHODS) {
      const d = processMethods[m];
      if (d) Object.defineProperty(process, m, d);
      else delete (process as unknown as Record<string, unknown>)[m];
    }
    for (const name of TIMER_NAMES) {
      (globalThis as unknown as Record<TimerName, unknown>)[name] = original[name];
      timersModule[name] = original[name];
    }
    process.exit = realExit;
    process.exitCode = this.exitCodeBefore;
    if (current === this) current = undefined;
    if (leftOver.length > 0 && !poisoned) poisoned = leftOver.join(", ");
  }
}

/** Why no program may run in this process any more, if an earlier one left uncancellable work. */
export function poisonedBy(): string | undefined {
  return poisoned;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => realSetTimeout(r, ms));
}
function turn(): Promise<void> {
  return new Promise((r) => realSetImmediate(r));
}

export interface DrainOptions {
  readonly timeoutMs: number;
  /** Waits until every RPC the program started has landed (the SDK's `waitForRPCs`). */
  readonly waitForRpcs: () => Promise<void>;
  /** A number that grows with every request the program made to the monitor. */
  readonly activity: () => number;
  /** Whether the program's body (module load and exported function) has settled. */
  readonly bodySettled: () => boolean;
}

/**
 * Runs the loop until the program is finished as Node finishes it: its timers, immediates and other
 * loop work done, then its `beforeExit` listeners run (again, each time they leave new work, as
 * Node emits `beforeExit` whenever the loop empties), every RPC landed. Throws a
 * ProgramLifecycleError naming what was left when `timeoutMs` passes first.
 */
export async function drainProgram(run: ProgramRun, opts: DrainOptions): Promise<void> {
  const deadline = performance.now() + opts.timeoutMs;
  let beforeExitRounds = 0;
  for (;;) {
    if (opts.bodySettled()) await opts.waitForRpcs();
    await turn();
    if (run.exitCalled !== undefined) return;
    const busy = run.keepingAlive().length > 0 || run.otherWork().length > 0;
    if (!busy) {
      // The loop is empty: Node emits beforeExit; the program's listeners may start more work.
      const listeners = run.beforeExitListeners();
      const before = opts.activity();
      const code = Number(process.exitCode ?? 0);
      for (const l of listeners) l.call(process, code);
      if (listeners.length > 0) {
        await turn();
        if (opts.bodySettled()) await opts.waitForRpcs();
      }
      beforeExitRounds++;
      const moreWork =
        listeners.length > 0 &&
        (opts.activity() !== before || run.keepingAlive().length > 0 || run.otherWork().length > 0);
      if (!moreWork) {
        if (!opts.bodySettled())
          throw new ProgramLifecycleError(
            "the program's body never finished: it awaits something that never settles, and nothing " +
              "else is left to run (the CLI would end the program there, without its stack outputs)",
          );
        return;
      }
    }
    if (performance.now() > deadline) {
      const left = [
        ...run.keepingAlive().map((t) => t.kind),
        ...run.otherWork(),
        ...(beforeExitRounds > 0 && run.beforeExitListeners().length > 0
          ? ["beforeExit listeners that keep starting work"]
          : []),
      ];
      throw new ProgramLifecycleError(
        `the program still had work running ${Math.round(opts.timeoutMs)} ms after its body ` +
          `(${[...new Set(left)].join(", ")}). The CLI waits for it and registers what it creates, so the ` +
          "check cannot judge the stack: finish the program's work in its body (await it) or raise " +
          "GLUE_CHECK_PENDING_TIMEOUT_MS",
      );
    }
    if (busy) await sleep(POLL_MS);
  }
}
