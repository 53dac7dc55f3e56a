import { defineStackPolicy } from "../lib/define";
import { peakDpu } from "../../components/limits";
import { projectIdOfName } from "../lib/project";
import { num, obj, str } from "../lib/values";
import { L, limitSchema } from "../lib/config";
import { stricterLimit } from "../lib/specLimits";
import { T } from "../lib/types";

export const glueProjectDpuCap = defineStackPolicy<{ maxProjectDpu: number }>({
  name: "glue-project-dpu-cap",
  description:
    "The DPU a project can hold at once (Σ workers × DPU per worker × maxConcurrentRuns) stays within the project cap.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps: "Lower numberOfWorkers or executionProperty.maxConcurrentRuns of the project's jobs.",
  config: { maxProjectDpu: L.maxProjectDpu },
  configSchema: limitSchema({
    maxProjectDpu: {
      type: "number",
      default: L.maxProjectDpu,
      description: "max concurrent DPU per project",
    },
  }),
  validate(ctx) {
    const cap = stricterLimit("maxProjectDpu", ctx.config.maxProjectDpu); // the spec may only tighten it
    const totals = new Map<string, { dpu: number; jobs: string[] }>();
    for (const r of ctx.resources) {
      if (r.type !== T.job) continue;
      const project = projectIdOfName(str(r.props.name)) ?? "(unnamed jobs)";
      const dpu = peakDpu({
        workerType: str(r.props.workerType),
        numberOfWorkers: num(r.props.numberOfWorkers),
        maxCapacity: num(r.props.maxCapacity),
        maxConcurrentRuns: num(obj(r.props.executionProperty).maxConcurrentRuns),
      });
      if (dpu === undefined) {
        ctx.report(
          r,
          "has no computable capacity (unknown worker type or missing numberOfWorkers/maxCapacity)",
          "size the job with an allowed workerType and numberOfWorkers",
        );
        continue;
      }
      const t = totals.get(project) ?? { dpu: 0, jobs: [] };
      t.dpu += dpu;
      t.jobs.push(`${str(r.props.name) ?? r.name}=${dpu}`);
      totals.set(project, t);
    }
    for (const [project, t] of totals) {
      if (t.dpu > cap) {
        ctx.report(
          undefined,
          `project ${project} can hold ${t.dpu} DPU at once (${t.jobs.join(", ")}), above the cap of ${cap}`,
          "lower workers or maxConcurrentRuns",
        );
      }
    }
  },
});
