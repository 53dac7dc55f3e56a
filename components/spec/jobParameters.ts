/**
 * Cross-check of job parameters between a job's script and its spec entry: every parameter the script
 * reads must be passed by the job definition, and every parameter the definition passes must be read.
 *
 * What a script reads: the `parameters = ("A", "B")` declaration of a runtime job class
 * (runtime/glue_runtime/job.py), or the names of `getResolvedOptions(sys.argv, [...])` for plain Glue
 * scripts, minus the arguments Glue and the platform supply themselves.
 */
import { GLUE_RESERVED_ARGUMENTS } from "../limits";

const RUNTIME_DECLARATION = /^\s*parameters\s*(?::[^=]*)?=\s*[([]([^)\]]*)[)\]]/m;
const RESOLVED_OPTIONS = /getResolvedOptions\(\s*sys\.argv\s*,\s*\[([^\]]*)\]/;
const STRING = /["']([A-Za-z0-9_]+)["']/g;

export interface ScriptParameters {
  /** Names read, or undefined when the script declares none in a form this check understands. */
  readonly names?: string[];
  /** 1-based line of the declaration, for messages. */
  readonly line?: number;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split("\n").length;
}

/** The parameter names a script reads; `supplied` are names Glue or the platform pass themselves. */
export function scriptParameters(text: string, supplied: readonly string[]): ScriptParameters {
  const own = new Set([...supplied, ...GLUE_RESERVED_ARGUMENTS].map((a) => a.replace(/^--/, "")));
  own.add("JOB_RUN_ID");
  for (const re of [RUNTIME_DECLARATION, RESOLVED_OPTIONS]) {
    const m = re.exec(text);
    if (m) {
      const names = [...m[1].matchAll(STRING)].map((s) => s[1]).filter((n) => !own.has(n));
      return { names, line: lineOf(text, m.index) };
    }
  }
  return {};
}

export interface ParameterMismatch {
  readonly missing: string[];
  readonly unused: string[];
}

export function compareParameters(read: readonly string[], passed: readonly string[]): ParameterMismatch {
  const r = new Set(read);
  const p = new Set(passed);
  return { missing: [...r].filter((n) => !p.has(n)), unused: [...p].filter((n) => !r.has(n)) };
}
