import { defineResourcePolicy } from "../lib/define";
import { PYTHON_SHELL_CAPACITIES, WORKER_TYPES_BY_KIND } from "../../components/limits";
import { has, num, str } from "../lib/values";
import { L, limitSchema } from "../lib/config";
import { stricterLimit } from "../lib/specLimits";
import { jobView } from "../lib/jobHelpers";
import { T } from "../lib/types";

interface Cfg {
  maxWorkersPerJob: number;
  allowedWorkerTypes: string[];
}

const KIND_BY_COMMAND: Record<string, keyof typeof WORKER_TYPES_BY_KIND> = {
  glueetl: "sparkEtl",
  gluestreaming: "streaming",
  glueray: "ray",
};

export const glueJobWorkerLimits = defineResourcePolicy<Cfg>({
  name: "glue-job-worker-limits",
  description:
    "Jobs use allowed worker types within the per-job worker cap; Python shell uses maxCapacity 0.0625 or 1 only.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Use workerType + numberOfWorkers (≤ the cap) for Spark/streaming/Ray jobs, maxCapacity 0.0625 or 1 for Python shell, never both.",
  config: { maxWorkersPerJob: L.maxWorkersPerJob, allowedWorkerTypes: [...L.allowedWorkerTypes] },
  configSchema: limitSchema({
    maxWorkersPerJob: { type: "integer", default: L.maxWorkersPerJob, description: "max workers on one job" },
    allowedWorkerTypes: {
      type: "array",
      items: { type: "string" },
      default: [...L.allowedWorkerTypes],
      description: "worker types allowed at all",
    },
  }),
  types: [T.job],
  validate(ctx) {
    const cap = stricterLimit("maxWorkersPerJob", ctx.config.maxWorkersPerJob); // the spec may only tighten it
    const { command } = jobView(ctx.props);
    const workerType = str(ctx.props.workerType);
    const workers = num(ctx.props.numberOfWorkers);
    const maxCapacity = num(ctx.props.maxCapacity);
    if (command === "pythonshell") {
      if (has(ctx.props, "workerType") && ctx.props.workerType !== undefined)
        ctx.report(
          "is a Python shell job with a workerType",
          "remove workerType/numberOfWorkers and set maxCapacity",
        );
      if (
        maxCapacity === undefined ||
        !(PYTHON_SHELL_CAPACITIES as readonly number[]).includes(maxCapacity)
      ) {
        ctx.report(`has maxCapacity ${maxCapacity ?? "(unset)"}`, "set maxCapacity to 0.0625 or 1");
      }
      return;
    }
    if (maxCapacity !== undefined)
      ctx.report(
        "sets maxCapacity on a worker-based job",
        "remove maxCapacity; size the job with workerType and numberOfWorkers",
      );
    if (workerType === undefined || workers === undefined)
      return ctx.report("has no workerType and numberOfWorkers", "set both explicitly");
    const kind = KIND_BY_COMMAND[command];
    const valid = kind
      ? WORKER_TYPES_BY_KIND[kind].filter((w) => ctx.config.allowedWorkerTypes.includes(w))
      : [];
    if (!valid.includes(workerType as never))
      ctx.report(
        `uses worker type ${workerType}, not allowed for ${command} jobs`,
        `use one of ${valid.join(", ") || "(none allowed)"}`,
      );
    if (workers > cap)
      ctx.report(`asks for ${workers} workers, above the cap of ${cap}`, `use at most ${cap} workers`);
    if (workers < 1 || !Number.isInteger(workers))
      ctx.report(`asks for ${workers} workers`, "use a whole number ≥ 1");
  },
});
