import { PLATFORM_LIMITS } from "../../components/limits";
import { defineResourcePolicy } from "../lib/define";
import { argumentProblems } from "../lib/jobArguments";
import { readKnown } from "../lib/walk";
import { limitSchema } from "../lib/config";
import { jobContext } from "../lib/jobHelpers";
import { T } from "../lib/types";

/** A trigger action's arguments and timeout replace the job's for that run (Glue `Action`). */
export const glueTriggerRunOverrides = defineResourcePolicy<{ maxTimeoutMinutes: number }>({
  name: "glue-trigger-run-overrides",
  description:
    "A trigger action's arguments and timeout override the job's for the run: arguments may carry only the job's own parameters (and allowed Glue parameters within their values), never locked or forbidden ones; a timeout stays within the platform maximum.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Pass only the job's own --NAME parameters in actions[].arguments and leave actions[].timeout unset (the job's timeout applies).",
  config: { maxTimeoutMinutes: PLATFORM_LIMITS.maxTimeoutMinutes },
  configSchema: limitSchema({
    maxTimeoutMinutes: {
      type: "integer",
      default: PLATFORM_LIMITS.maxTimeoutMinutes,
      description: "the longest timeout a trigger action may give a run, in minutes",
    },
  }),
  types: [T.trigger],
  validate(ctx) {
    const actions = readKnown(ctx.props, "actions");
    if (!actions.known) {
      ctx.report(
        "actions are not known at preview, so their overrides cannot be judged",
        "write the actions as known values",
      );
      return;
    }
    if (!Array.isArray(actions.value)) return;
    actions.value.forEach((_, i) => {
      const a = readKnown(actions.value as unknown[], i);
      const action = a.known && a.value && typeof a.value === "object" ? (a.value as object) : undefined;
      if (!action)
        return ctx.report(`actions[${i}] is not known at preview`, "write the action as a known value");
      const job = readKnown(action, "jobName");
      const context = job.known && typeof job.value === "string" ? jobContext(job.value) : undefined;
      const timeout = readKnown(action, "timeout");
      if (!timeout.known)
        ctx.report(`actions[${i}].timeout is not known at preview`, "remove it; the job's timeout applies");
      else if (timeout.value !== undefined) {
        const t = Number(timeout.value);
        if (!Number.isInteger(t) || t < 1 || t > ctx.config.maxTimeoutMinutes)
          ctx.report(
            `actions[${i}].timeout ${String(timeout.value)} overrides the job's timeout beyond the platform's ${ctx.config.maxTimeoutMinutes} minutes`,
            "remove it; the job's timeout applies",
          );
      }
      const args = readKnown(action, "arguments");
      if (!args.known)
        return ctx.report(`actions[${i}].arguments are not known at preview`, "write them as known values");
      if (!args.value || typeof args.value !== "object") return;
      for (const key of Object.keys(args.value)) {
        const v = readKnown(args.value, key);
        if (!v.known || typeof v.value !== "string") {
          ctx.report(
            `actions[${i}].arguments ${key} is not a known string at preview`,
            `give ${key} a literal value`,
          );
          continue;
        }
        for (const [what, how] of argumentProblems(key, v.value, "run", context))
          ctx.report(`actions[${i}]: ${what}`, how);
      }
    });
  },
});
