/**
 * Typed Glue job builder: turns a job spec of one kind into the complete `aws.glue.Job` arguments with
 * the platform's locks applied (role, connection, security configuration, logging/metrics as
 * non-overridable arguments, temp dir and Spark UI paths, limits and defaults). Pure and total: every
 * field a policy judges is a known plain value.
 */
import {
  GLUE_COMMAND,
  GovernanceLimits,
  PYTHON_SHELL_GLUE_VERSION,
  PYTHON_SHELL_PYTHON_VERSION,
  RAY_GLUE_VERSION,
  RAY_RUNTIME,
} from "../limits";
import { JobSpec } from "../spec/model";
import { JOB_DEFAULTS } from "../spec/validate";

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

/** Arguments the platform locks on every job: logging, metrics, temp dir (glue-notes §3). */
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
  if (locks.extraPyFiles.length > 0) args["--extra-py-files"] = locks.extraPyFiles.join(",");
  return args;
}

function defaultArguments(job: JobSpec, locks: JobLocks): Record<string, string> {
  const args: Record<string, string> = { "--ENV": locks.env };
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
        maxCapacity: job.maxCapacity ?? 0.0625,
      };
    case "ray":
      return {
        ...base,
        command: command("3.9", RAY_RUNTIME),
        glueVersion: RAY_GLUE_VERSION,
        workerType: "Z.2X",
        numberOfWorkers: job.workers,
      };
  }
}
