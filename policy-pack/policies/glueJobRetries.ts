import { defineResourcePolicy } from "../lib/define";
import { num } from "../lib/values";
import { L, limitSchema } from "../lib/config";
import { stricterLimit } from "../lib/specLimits";
import { T } from "../lib/types";

export const glueJobRetries = defineResourcePolicy<{ maxRetries: number }>({
  name: "glue-job-retries",
  description:
    "Retries are at most the cap, and zero when run queuing is on (each retry is a full-timeout run).",
  severity: "medium",
  enforcementLevel: "mandatory",
  remediationSteps: "Set maxRetries to 0 (or ≤ the cap with jobRunQueuingEnabled false).",
  config: { maxRetries: L.maxRetries },
  configSchema: limitSchema({
    maxRetries: { type: "integer", default: L.maxRetries, description: "max retries per job" },
  }),
  types: [T.job],
  validate(ctx) {
    const cap = stricterLimit("maxRetries", ctx.config.maxRetries); // the spec may only tighten it
    const retries = num(ctx.props.maxRetries) ?? 0;
    if (retries > cap)
      ctx.report(`has maxRetries ${retries}, above the cap of ${cap}`, `set maxRetries ≤ ${cap}`);
    if (ctx.props.jobRunQueuingEnabled === true && retries > 0)
      ctx.report(
        `queues runs and retries ${retries} times`,
        "set maxRetries: 0 or jobRunQueuingEnabled: false",
      );
  },
});
