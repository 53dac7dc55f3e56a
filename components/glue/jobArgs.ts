/**
 * Typed Glue job builder: turns a job spec of one kind into the complete `aws.glue.Job` arguments with
 * the platform's locks applied (role, connection, security configuration, logging/metrics as
 * non-overridable arguments, temp dir and Spark UI paths, limits and defaults). Pure and total: every
 * field a policy judges is a known plain value.
 */
import {
  GLUE_COMMAND,
  GovernanceLimits,
  PYTHON_SHELL_DEFAULT_CAPACITY,
  PYTHON_SHELL_GLUE_VERSION,
  PYTHON_SHELL_PYTHON_VERSION,
  RAY_GLUE_VERSION,
  RAY_PYTHON_VERSION,
  RAY_RUNTIME,
  RAY_WORKER_TYPE,
} from "../limits";
import { LAKE_LAYERS, LakeLayer } from "../naming";
import { JobSpec } from "../spec/model";
import { JOB_DEFAULTS } from "../spec/validate";
import { ICEBERG_CATALOG_NAME, ICEBERG_DATALAKE_FORMATS, icebergSparkConf } from "./jobParameters";

// ---- Locked values for the job runtime (runtime/glue_runtime) and Iceberg. The policy pack reads
// these to allow exactly these values and nothing else. ----

// The Iceberg values live with the parameter rules that lock them (./jobParameters.ts).
export { ICEBERG_CATALOG_NAME, ICEBERG_DATALAKE_FORMATS, icebergSparkConf };

/**
 * Context arguments every job gets, locked (runtime/glue_runtime/context.py `CONTEXT_ARGUMENTS`,
 * `DATABASE_ARGUMENTS`, `ICEBERG_CATALOG_ARGUMENT`; a test keeps both lists equal).
 */
export const RUNTIME_CONTEXT_ARGUMENTS = [
  "--PROJECT_ID",
  "--ENV",
  "--LAKE_BRONZE",
  "--LAKE_SILVER",
  "--LAKE_GOLD",
  "--QUARANTINE_PATH",
  "--DLQ_URL",
  "--TOPIC_ARN",
  "--STATE_TABLE",
  "--KEY_ALIAS",
  "--METRICS_NAMESPACE",
] as const;
export const RUNTIME_DATABASE_ARGUMENTS = LAKE_LAYERS.map((l) => `--DB_${l.toUpperCase()}`);
export const RUNTIME_ICEBERG_CATALOG_ARGUMENT = "--ICEBERG_CATALOG";
/** Every argument name the runtime wiring locks (spec parameters may not use them). */
export const RUNTIME_LOCKED_ARGUMENTS: readonly string[] = [
  ...RUNTIME_CONTEXT_ARGUMENTS,
  ...RUNTIME_DATABASE_ARGUMENTS,
  RUNTIME_ICEBERG_CATALOG_ARGUMENT,
  "--datalake-formats",
  "--conf",
];

/** What the platform tells a job about its project (values of the context arguments). */
export interface RuntimeContext {
  readonly projectId: string;
  readonly lake: Record<LakeLayer, string>;
  readonly databases: Partial<Record<LakeLayer, string>>;
  readonly quarantinePath: string;
  readonly dlqUrl: string;
  readonly topicArn: string;
  readonly stateTable: string;
  readonly keyAlias: string;
  /** The project's run-metric namespace (the job role may put runtime metrics only there). */
  readonly metricsNamespace: string;
  /** S3 location of the runtime archive, first on --extra-py-files. */
  readonly runtimeArchive: string;
  /** Default Iceberg warehouse (the project's silver prefix). */
  readonly icebergWarehouse: string;
}

/** The context arguments of every runtime job of a project (the job-independent part of the
 * runtime's locked arguments; components/glue/runtimeContext.ts computes the context). */
export function runtimeContextArguments(ctx: RuntimeContext, env: string): Record<string, string> {
  const args: Record<string, string> = {
    "--PROJECT_ID": ctx.projectId,
    "--ENV": env,
    "--QUARANTINE_PATH": ctx.quarantinePath,
    "--DLQ_URL": ctx.dlqUrl,
    "--TOPIC_ARN": ctx.topicArn,
    "--STATE_TABLE": ctx.stateTable,
    "--KEY_ALIAS": ctx.keyAlias,
    "--METRICS_NAMESPACE": ctx.metricsNamespace,
  };
  for (const layer of LAKE_LAYERS) {
    args[`--LAKE_${layer.toUpperCase()}`] = ctx.lake[layer];
    const db = ctx.databases[layer];
    if (db !== undefined) args[`--DB_${layer.toUpperCase()}`] = db;
  }
  args[RUNTIME_ICEBERG_CATALOG_ARGUMENT] = ICEBERG_CATALOG_NAME;
  return args;
}

function runtimeArguments(job: JobSpec, ctx: RuntimeContext, env: string): Record<string, string> {
  const args = runtimeContextArguments(ctx, env);
  delete args[RUNTIME_ICEBERG_CATALOG_ARGUMENT];
  if (job.kind === "sparkEtl" && job.iceberg) {
    args["--datalake-formats"] = ICEBERG_DATALAKE_FORMATS;
    args["--conf"] = icebergSparkConf(ctx.icebergWarehouse);
    args[RUNTIME_ICEBERG_CATALOG_ARGUMENT] = ICEBERG_CATALOG_NAME;
  }
  return args;
}

/** The locks every job of a project carries. */
export interface JobLocks {
  readonly physicalName: string;
  readonly roleArn: string;
  /** The project's NETWORK connections in failover order (Glue tries them in the listed order). */
  readonly connectionNames: string[];
  readonly securityConfigurationName: string;
  readonly scriptLocation: string;
  readonly extraPyFiles: string[];
  readonly tempDir: string;
  readonly sparkUiPath: string;
  readonly limits: GovernanceLimits;
  readonly env: string;
  /** Set for Spark ETL jobs: the runtime archive and its context arguments are locked in. */
  readonly runtime?: RuntimeContext;
}

/** Plain-value subset of aws.glue.JobArgs this platform sets. */
export interface GlueJobArgs {
  name: string;
  description?: string;
  roleArn: string;
  command: { name: string; scriptLocation: string; pythonVersion: string; runtime?: string };
  glueVersion: string;
  workerType?: string;
  numberOfWorkers?: number;
  maxCapacity?: number;
  timeout: number;
  maxRetries: number;
  executionClass?: "STANDARD" | "FLEX";
  executionProperty: { maxConcurrentRuns: number };
  jobRunQueuingEnabled: boolean;
  connections: string[];
  securityConfiguration: string;
  defaultArguments: Record<string, string>;
  nonOverridableArguments: Record<string, string>;
  notificationProperty?: { notifyDelayAfter: number };
  maintenanceWindow?: string;
}

/** Arguments the platform locks on every job: logging, metrics, temp dir (docs/aws-facts.md,
 * "Glue special job parameters"; https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-glue-arguments.html). */
function lockedArguments(job: JobSpec, locks: JobLocks): Record<string, string> {
  const args: Record<string, string> = {
    "--enable-metrics": "true",
    "--enable-continuous-cloudwatch-log": "true",
    "--enable-observability-metrics": "true",
    "--TempDir": locks.tempDir,
  };
  if (job.kind === "sparkEtl" || job.kind === "streaming") {
    args["--enable-spark-ui"] = "true";
    args["--spark-event-logs-path"] = locks.sparkUiPath;
  }
  const runtime = job.kind === "sparkEtl" ? locks.runtime : undefined;
  const pyFiles = [...(runtime ? [runtime.runtimeArchive] : []), ...locks.extraPyFiles];
  if (pyFiles.length > 0) args["--extra-py-files"] = pyFiles.join(",");
  if (runtime) Object.assign(args, runtimeArguments(job, runtime, locks.env));
  return args;
}

function defaultArguments(job: JobSpec, locks: JobLocks): Record<string, string> {
  // Runtime jobs get --ENV locked with the other context arguments.
  const args: Record<string, string> = job.kind === "sparkEtl" && locks.runtime ? {} : { "--ENV": locks.env };
  if (job.kind === "sparkEtl") {
    args["--job-bookmark-option"] = job.bookmarks === false ? "job-bookmark-disable" : "job-bookmark-enable";
    args["--enable-glue-datacatalog"] = "true";
  }
  if (job.kind === "streaming") args["--enable-glue-datacatalog"] = "true";
  if (job.additionalPythonModules && job.additionalPythonModules.length > 0) {
    args["--additional-python-modules"] = job.additionalPythonModules.join(",");
  }
  for (const [k, v] of Object.entries(job.parameters ?? {})) args[`--${k}`] = v;
  return args;
}

export function glueJobArgs(job: JobSpec, locks: JobLocks): GlueJobArgs {
  const maxRetries = job.maxRetries ?? JOB_DEFAULTS.maxRetries;
  const flex = job.kind === "sparkEtl" && job.executionClass === "FLEX";
  // Queued runs and retries do not mix; FLEX and streaming jobs never queue.
  const queuing = job.runQueuing ?? (maxRetries === 0 && !flex && job.kind !== "streaming");
  const base = {
    name: locks.physicalName,
    description: job.description,
    roleArn: locks.roleArn,
    timeout: job.timeoutMinutes ?? locks.limits.defaultTimeoutMinutes,
    maxRetries,
    executionProperty: { maxConcurrentRuns: job.maxConcurrentRuns ?? JOB_DEFAULTS.maxConcurrentRuns },
    jobRunQueuingEnabled: queuing,
    connections: locks.connectionNames,
    securityConfiguration: locks.securityConfigurationName,
    defaultArguments: defaultArguments(job, locks),
    nonOverridableArguments: lockedArguments(job, locks),
    ...(job.notifyDelayAfterMinutes
      ? { notificationProperty: { notifyDelayAfter: job.notifyDelayAfterMinutes } }
      : {}),
  };
  const command = (pythonVersion: string, runtime?: string) => ({
    name: GLUE_COMMAND[job.kind],
    scriptLocation: locks.scriptLocation,
    pythonVersion,
    ...(runtime ? { runtime } : {}),
  });
  const sparkCapacity = (spark: { glueVersion: string; workerType: string; workers: number }) => ({
    command: command("3"),
    glueVersion: spark.glueVersion,
    workerType: spark.workerType,
    numberOfWorkers: spark.workers,
  });
  switch (job.kind) {
    case "sparkEtl":
      return {
        ...base,
        ...sparkCapacity(job),
        executionClass: job.executionClass ?? "STANDARD",
      };
    case "streaming":
      return {
        ...base,
        ...sparkCapacity(job),
        ...(job.maintenanceWindow ? { maintenanceWindow: job.maintenanceWindow } : {}),
      };
    case "pythonShell":
      return {
        ...base,
        command: command(PYTHON_SHELL_PYTHON_VERSION),
        glueVersion: PYTHON_SHELL_GLUE_VERSION,
        maxCapacity: job.maxCapacity ?? PYTHON_SHELL_DEFAULT_CAPACITY,
      };
    case "ray":
      return {
        ...base,
        command: command(RAY_PYTHON_VERSION, RAY_RUNTIME),
        glueVersion: RAY_GLUE_VERSION,
        workerType: RAY_WORKER_TYPE,
        numberOfWorkers: job.workers,
      };
  }
}
