/**
 * Governance limits: the one source of truth for caps and allowlists. The spec validator, the job
 * builders and the policy-pack defaults all read from here (docs/decisions.md "Platform rules";
 * AWS facts in docs/aws-facts.md "Glue job capacity and versions").
 */
import type { JobKind } from "./spec/enums";

/** DPU (or M-DPU) per worker (https://docs.aws.amazon.com/glue/latest/dg/worker-types.html). */
export const WORKER_DPU = {
  "G.025X": 0.25,
  "G.1X": 1,
  "G.2X": 2,
  "G.4X": 4,
  "G.8X": 8,
  "G.12X": 12,
  "G.16X": 16,
  "R.1X": 1,
  "R.2X": 2,
  "R.4X": 4,
  "R.8X": 8,
  "Z.2X": 2,
} as const;

export type WorkerType = keyof typeof WORKER_DPU;
export const WORKER_TYPES = Object.keys(WORKER_DPU) as WorkerType[];

export type { JobKind };

/** Glue `command.name` per job kind. */
export const GLUE_COMMAND: Record<JobKind, string> = {
  sparkEtl: "glueetl",
  pythonShell: "pythonshell",
  ray: "glueray",
  streaming: "gluestreaming",
};

/** Worker types valid per job kind (docs/aws-facts.md "Glue job capacity and versions"). */
export const WORKER_TYPES_BY_KIND: Record<Exclude<JobKind, "pythonShell">, readonly WorkerType[]> = {
  sparkEtl: ["G.1X", "G.2X", "G.4X", "G.8X", "G.12X", "G.16X", "R.1X", "R.2X", "R.4X", "R.8X"],
  streaming: ["G.025X", "G.1X", "G.2X"],
  ray: ["Z.2X"],
};
/** The one worker type of a Ray job. */
export const RAY_WORKER_TYPE: WorkerType = WORKER_TYPES_BY_KIND.ray[0];

/** FLEX is only for glueetl with G.1X/G.2X (docs/aws-facts.md "Glue job capacity and versions"). */
export const FLEX_WORKER_TYPES: readonly WorkerType[] = ["G.1X", "G.2X"];

/** Python shell capacities allowed by Glue (https://docs.aws.amazon.com/glue/latest/dg/add-job-python.html). */
export const PYTHON_SHELL_CAPACITIES = [0.0625, 1] as const;
/** What a Python shell job gets when the spec is silent (also Glue's own default). */
export const PYTHON_SHELL_DEFAULT_CAPACITY = PYTHON_SHELL_CAPACITIES[0];
export const PYTHON_SHELL_GLUE_VERSION = "3.0";
export const PYTHON_SHELL_PYTHON_VERSION = "3.9";
/** Ray: the only configuration Glue supports (https://docs.aws.amazon.com/glue/latest/dg/ray-jobs-section.html). */
export const RAY_GLUE_VERSION = "4.0";
export const RAY_RUNTIME = "Ray2.4";
export const RAY_PYTHON_VERSION = "3.9";

export interface GovernanceLimits {
  /** Max workers on any one job (docs/decisions.md "Platform rules"). */
  readonly maxWorkersPerJob: number;
  /** Max DPU a project may hold at once: Σ workers × DPU × maxConcurrentRuns. */
  readonly maxProjectDpu: number;
  readonly defaultTimeoutMinutes: number;
  readonly maxTimeoutMinutes: number;
  readonly maxRetries: number;
  readonly maxConcurrentRunsPerJob: number;
  readonly allowedWorkerTypes: readonly WorkerType[];
  /** Spark (batch and streaming) Glue versions; ≤2.0 is end-of-life. */
  readonly allowedGlueVersions: readonly string[];
  /** Glue for Ray is closed to new customers (2026-04-30); off unless the platform enables it. */
  readonly rayEnabled: boolean;
  /** Interactive sessions idle timeout for the dev role (IdleTimeout defaults to 48 h otherwise). */
  readonly sessionIdleTimeoutMinutes: number;
  readonly maxSessionIdleTimeoutMinutes: number;
  /** Shortest allowed gap between two runs of whatever a schedule starts (Glue trigger, crawler, EventBridge
   * rule; several schedules of one job/crawler/workflow together); AWS's own floor is 5 (components/cron.ts). */
  readonly minScheduleIntervalMinutes: number;
}

export const PLATFORM_LIMITS: GovernanceLimits = Object.freeze({
  maxWorkersPerJob: 50,
  maxProjectDpu: 100,
  defaultTimeoutMinutes: 120,
  maxTimeoutMinutes: 480,
  maxRetries: 1,
  maxConcurrentRunsPerJob: 3,
  allowedWorkerTypes: Object.freeze([...WORKER_TYPES]),
  allowedGlueVersions: Object.freeze(["4.0", "5.0", "5.1", "6.0"]),
  rayEnabled: false,
  sessionIdleTimeoutMinutes: 30,
  maxSessionIdleTimeoutMinutes: 120,
  minScheduleIntervalMinutes: 60,
});

/** Arguments Glue reserves ("Internal to AWS Glue. Do not set.") plus the ones the platform locks. */
export const GLUE_RESERVED_ARGUMENTS: readonly string[] = ["--debug", "--mode", "--JOB_NAME", "--endpoint"];
export const PLATFORM_LOCKED_ARGUMENTS: readonly string[] = [
  "--TempDir",
  "--enable-metrics",
  "--enable-continuous-cloudwatch-log",
  "--enable-observability-metrics",
  "--enable-spark-ui",
  "--spark-event-logs-path",
  "--encryption-type",
  "--disable-proxy-v2",
  "--job-bookmark-option",
  "--extra-py-files",
  "--extra-jars",
  "--extra-files",
];

/** Logging/metrics arguments every job must carry in nonOverridableArguments. */
export const REQUIRED_NON_OVERRIDABLE_ARGUMENTS: readonly string[] = [
  "--enable-metrics",
  "--enable-continuous-cloudwatch-log",
  "--enable-observability-metrics",
];

/** Argument-name fragments that suggest a secret; secrets belong in a connection or Secrets Manager. */
export const SECRET_ARGUMENT_PATTERN =
  /(password|passwd|secret|token|api[-_]?key|private[-_]?key|credential)/i;

export function dpuOfWorker(workerType: string): number | undefined {
  return (WORKER_DPU as Record<string, number>)[workerType];
}

export interface JobCapacity {
  readonly workerType?: string;
  readonly numberOfWorkers?: number;
  readonly maxCapacity?: number;
  readonly maxConcurrentRuns?: number;
}

/** Peak DPU one job can hold: per-run DPU × concurrent runs. Unknown worker types count as undefined. */
export function peakDpu(job: JobCapacity): number | undefined {
  const concurrent = job.maxConcurrentRuns ?? 1;
  if (job.workerType !== undefined) {
    const dpu = dpuOfWorker(job.workerType);
    if (dpu === undefined || job.numberOfWorkers === undefined) return undefined;
    return dpu * job.numberOfWorkers * concurrent;
  }
  if (job.maxCapacity !== undefined) return job.maxCapacity * concurrent;
  return undefined;
}

/** The limits a project works under: the platform's, with the project's own (stricter) values over
 * them. Whether a project value is in fact stricter is checked by the spec validator. */
export function effectiveLimits(
  platform: GovernanceLimits,
  project: Partial<GovernanceLimits> | undefined,
): GovernanceLimits {
  return {
    ...platform,
    ...Object.fromEntries(Object.entries(project ?? {}).filter(([, v]) => v !== undefined)),
  };
}

/** Limits on a project spec file itself (components/spec/safeLoad.ts): a spec is a small document. */
export const SPEC_FILE_LIMITS = Object.freeze({
  /** Bytes: the sample specs are ~2 KB; a generated 1000-job spec (npm run bench) is ~350 KB. */
  maxBytes: 1024 * 1024,
  /** YAML aliases (`*name`): each can expand to a whole subtree ("billion laughs"). */
  maxAliases: 50,
  /** Nesting of mappings and lists: the schema needs fewer than 10. */
  maxDepth: 32,
});

/**
 * Limits AWS enforces only when a resource is created (docs/aws-facts.md): Glue's total size of a
 * job's arguments, and Glue's description strings (≤ 2048 UTF-8 bytes of the "URI address
 * multi-line string pattern": no control characters except tab, line feed and carriage return).
 */
export const GLUE_ARGUMENTS_MAX_BYTES = 260 * 1024;
export const GLUE_DESCRIPTION_MAX_BYTES = 2048;
export const GLUE_DESCRIPTION_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** Floor of an EVENT trigger's batching: it starts its workflow after at least this many events or
 * this many seconds, whichever comes first (Glue EventBatchingCondition,
 * https://docs.aws.amazon.com/glue/latest/webapi/API_EventBatchingCondition.html). */
export const MIN_EVENT_BATCH_SIZE = 5;
export const MIN_EVENT_BATCH_WINDOW_SECONDS = 60;

/** Hours between runs of a snapshot-retention or orphan-file-deletion table optimizer: "must be between
 * 3 and 168 hours" (https://docs.aws.amazon.com/glue/latest/webapi/API_IcebergRetentionConfiguration.html). */
export const TABLE_OPTIMIZER_RUN_RATE_HOURS = { min: 3, max: 168 } as const;
/** The most actions one Glue trigger may start at once: each action starts a run, so a trigger's
 * fan-out multiplies the capacity a project can start with one event (the spec and the pack cap it). */
export const MAX_ACTIONS_PER_TRIGGER = 5;
