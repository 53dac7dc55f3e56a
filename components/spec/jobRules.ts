/**
 * Cross-field rules of a spec's jobs: scripts and their parameters, placeholders, reserved and secret
 * arguments, the governance caps (timeout, retries, concurrency, workers, Glue versions, worker
 * types) and the project's peak DPU.
 */
import * as fs from "fs";
import {
  FLEX_WORKER_TYPES,
  GLUE_RESERVED_ARGUMENTS,
  GovernanceLimits,
  PLATFORM_LOCKED_ARGUMENTS,
  peakDpu,
  PYTHON_SHELL_DEFAULT_CAPACITY,
  RAY_WORKER_TYPE,
  SECRET_ARGUMENT_PATTERN,
  WORKER_TYPES_BY_KIND,
} from "../limits";
import { LakeLayer } from "../naming";
import { JOB_DEFAULTS } from "./jobDefaults";
import { RUNTIME_LOCKED_ARGUMENTS } from "../glue/jobArgs";
import { compareParameters, scriptParameters } from "./jobParameters";
import { JobSpec, ProjectSpec, ScriptFile } from "./model";
import { placeholdersIn } from "./placeholders";
import { AddProblem, PathSegment } from "./problems";

export { JOB_DEFAULTS };

export interface JobRuleContext {
  /** The platform's limits (caps a spec cannot loosen). */
  readonly platform: GovernanceLimits;
  /** The platform's limits tightened by the spec's own `limits`. */
  readonly limits: GovernanceLimits;
  /** Checks a script reference and records the file in `scripts`. */
  readonly checkFile: (p: PathSegment[], rel: string) => void;
  /** Script files found so far, by their path in the spec. */
  readonly scripts: ReadonlyMap<string, ScriptFile>;
}

/** Arguments a job may not set: Glue's own and those the platform and the runtime lock. Built per
 * call: components/glue/jobArgs.ts imports this module's defaults, so its exports are not ready at load. */
function reservedArguments(): Set<string> {
  return new Set([...GLUE_RESERVED_ARGUMENTS, ...PLATFORM_LOCKED_ARGUMENTS, ...RUNTIME_LOCKED_ARGUMENTS]);
}

function parameterProblems(
  job: JobSpec,
  at: (...rest: PathSegment[]) => PathSegment[],
  databases: ReadonlySet<LakeLayer>,
  scripts: ReadonlyMap<string, ScriptFile>,
  add: AddProblem,
): void {
  const reserved = reservedArguments();
  for (const [name, value] of Object.entries(job.parameters ?? {})) {
    for (const ph of placeholdersIn(value)) {
      if (ph.kind === undefined)
        add(
          at("parameters", name),
          `placeholder ${ph.text} is unknown`,
          "use ${lake.<bronze|silver|gold>} or ${db.<layer>}",
        );
      else if (ph.kind === "db" && !databases.has(ph.layer as LakeLayer)) {
        add(
          at("parameters", name),
          `${ph.text} names a database this project does not have`,
          `add ${ph.layer} to catalog.databases`,
        );
      }
    }
    if (reserved.has(`--${name}`))
      add(
        at("parameters", name),
        `--${name} is reserved by Glue or locked by the platform`,
        "rename the parameter",
      );
    if (SECRET_ARGUMENT_PATTERN.test(name)) {
      add(
        at("parameters", name),
        "looks like a secret; job arguments are logged",
        "keep secrets in Secrets Manager or a Glue connection and pass only its name",
      );
    }
  }
  const script = scripts.get(job.script);
  if (script) {
    const read = scriptParameters(fs.readFileSync(script.absolutePath, "utf8"), [...reserved, "--ENV"]);
    if (read.names) {
      const passed = Object.keys(job.parameters ?? {}).filter((n) => !reserved.has(`--${n}`));
      const { missing, unused } = compareParameters(read.names, passed);
      for (const name of missing)
        add(
          at("parameters"),
          `${job.script}:${read.line} reads parameter ${name}, which this job does not pass`,
          `add ${name}: <value> under parameters, or stop reading it in the script`,
        );
      for (const name of unused)
        add(
          at("parameters", name),
          `is passed but ${job.script} never reads it (it reads: ${read.names.join(", ") || "none"})`,
          "remove the parameter, or declare it in the script's `parameters`",
        );
    }
  }
}

/** The governance caps of one job; returns the DPU it can hold at once. */
function capProblems(
  job: JobSpec,
  at: (...rest: PathSegment[]) => PathSegment[],
  { platform, limits }: Pick<JobRuleContext, "platform" | "limits">,
  add: AddProblem,
): number {
  const timeout = job.timeoutMinutes ?? limits.defaultTimeoutMinutes;
  if (timeout > limits.maxTimeoutMinutes)
    add(
      at("timeoutMinutes"),
      `is ${timeout}, above the cap of ${limits.maxTimeoutMinutes}`,
      `use ≤ ${limits.maxTimeoutMinutes}`,
    );
  const retries = job.maxRetries ?? JOB_DEFAULTS.maxRetries;
  if (retries > limits.maxRetries)
    add(
      at("maxRetries"),
      `is ${retries}, above the cap of ${limits.maxRetries}`,
      `use ≤ ${limits.maxRetries}`,
    );
  if (job.runQueuing === true && retries > 0) {
    add(
      at("runQueuing"),
      "cannot be combined with retries (queued runs that fail are not retried safely)",
      "set maxRetries: 0 or runQueuing: false",
    );
  }
  const concurrent = job.maxConcurrentRuns ?? JOB_DEFAULTS.maxConcurrentRuns;
  if (concurrent > platform.maxConcurrentRunsPerJob) {
    add(
      at("maxConcurrentRuns"),
      `is ${concurrent}, above the cap of ${platform.maxConcurrentRunsPerJob}`,
      `use ≤ ${platform.maxConcurrentRunsPerJob}`,
    );
  }
  if (job.kind === "sparkEtl" || job.kind === "streaming") {
    if (!platform.allowedGlueVersions.includes(job.glueVersion)) {
      add(
        at("glueVersion"),
        `"${job.glueVersion}" is not an allowed Glue version`,
        `use one of ${platform.allowedGlueVersions.join(", ")} (≤2.0 is end-of-life)`,
      );
    }
    const allowed = WORKER_TYPES_BY_KIND[job.kind].filter((w) => platform.allowedWorkerTypes.includes(w));
    if (!allowed.includes(job.workerType))
      add(
        at("workerType"),
        `${job.workerType} is not valid for ${job.kind} jobs`,
        `use one of ${allowed.join(", ")}`,
      );
  }
  if (job.kind === "sparkEtl" && job.executionClass === "FLEX") {
    if (!FLEX_WORKER_TYPES.includes(job.workerType))
      add(
        at("executionClass"),
        `FLEX needs G.1X or G.2X workers, not ${job.workerType}`,
        "use G.1X/G.2X or STANDARD",
      );
    if (job.runQueuing === true)
      add(at("runQueuing"), "FLEX jobs cannot queue runs", "remove runQueuing or use STANDARD");
  }
  if (job.kind === "ray" && !platform.rayEnabled) {
    add(
      at("kind"),
      "Glue for Ray is closed to new AWS customers and disabled on this platform",
      "use a sparkEtl or pythonShell job, or ask the platform team to enable Ray",
    );
  }
  if ("workers" in job && job.workers > limits.maxWorkersPerJob) {
    add(
      at("workers"),
      `is ${job.workers}, above the cap of ${limits.maxWorkersPerJob} workers per job`,
      `use ≤ ${limits.maxWorkersPerJob}`,
    );
  }
  const dpu = peakDpu(
    job.kind === "pythonShell"
      ? { maxCapacity: job.maxCapacity ?? PYTHON_SHELL_DEFAULT_CAPACITY, maxConcurrentRuns: concurrent }
      : {
          workerType: job.kind === "ray" ? RAY_WORKER_TYPE : job.workerType,
          numberOfWorkers: job.workers,
          maxConcurrentRuns: concurrent,
        },
  );
  return dpu ?? 0;
}

/** Every job rule of a spec, and the project's peak DPU against its cap. */
export function jobProblems(spec: ProjectSpec, ctx: JobRuleContext, add: AddProblem): void {
  const databases = new Set<LakeLayer>(spec.catalog?.databases ?? []);
  let totalDpu = 0;
  (spec.jobs ?? []).forEach((job: JobSpec, i) => {
    const at = (...rest: PathSegment[]) => ["jobs", i, ...rest];
    ctx.checkFile(at("script"), job.script);
    (job.extraPyFiles ?? []).forEach((f, k) => ctx.checkFile(at("extraPyFiles", k), f));
    parameterProblems(job, at, databases, ctx.scripts, add);
    totalDpu += capProblems(job, at, ctx, add);
  });
  if (totalDpu > ctx.limits.maxProjectDpu) {
    add(
      ["jobs"],
      `can hold ${totalDpu} DPU at once (workers × DPU × maxConcurrentRuns), above the project cap of ${ctx.limits.maxProjectDpu}`,
      "lower workers or maxConcurrentRuns",
    );
  }
}
