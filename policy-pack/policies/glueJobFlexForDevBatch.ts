import { defineResourcePolicy } from "../lib/define";
import { FLEX_WORKER_TYPES } from "../../components/limits";
import { str } from "../lib/values";
import { jobView } from "../lib/jobHelpers";
import { T } from "../lib/types";

export const glueJobFlexForDevBatch = defineResourcePolicy({
  name: "glue-job-flex-for-dev-batch",
  description:
    "Dev batch Spark jobs on G.1X/G.2X run on FLEX capacity (about a third cheaper). Enabled in dev only.",
  severity: "low",
  enforcementLevel: "advisory",
  remediationSteps:
    "Set executionClass: FLEX (executionClass: FLEX in the spec) for dev batch jobs that can wait for capacity.",
  types: [T.job],
  validate(ctx) {
    if (jobView(ctx.props).command !== "glueetl") return;
    const worker = str(ctx.props.workerType);
    if (worker && FLEX_WORKER_TYPES.includes(worker as never) && str(ctx.props.executionClass) !== "FLEX") {
      ctx.report("is a batch Spark job on STANDARD capacity", "set executionClass: FLEX");
    }
  },
});
