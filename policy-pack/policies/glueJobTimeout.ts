import { defineResourcePolicy } from "../lib/define";
import { num } from "../lib/values";
import { L, limitSchema } from "../lib/config";
import { stricterLimit } from "../lib/specLimits";
import { T } from "../lib/types";

export const glueJobTimeout = defineResourcePolicy<{ maxTimeoutMinutes: number }>({
  name: "glue-job-timeout",
  description:
    "Every job sets an explicit timeout within the cap (the Glue default is 48 h on ≤4.0, 8 h on ≥5.0).",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Set timeout (minutes) explicitly, at most the platform cap; the project builder defaults to 120.",
  config: { maxTimeoutMinutes: L.maxTimeoutMinutes },
  configSchema: limitSchema({
    maxTimeoutMinutes: {
      type: "integer",
      default: L.maxTimeoutMinutes,
      description: "max job timeout in minutes",
    },
  }),
  types: [T.job],
  validate(ctx) {
    const cap = stricterLimit("maxTimeoutMinutes", ctx.config.maxTimeoutMinutes); // the spec may only tighten it
    const timeout = num(ctx.props.timeout);
    if (timeout === undefined)
      return ctx.report(
        "has no timeout, so Glue's default (up to 2880 minutes) applies",
        `set timeout ≤ ${cap}`,
      );
    if (timeout > cap || timeout < 1)
      ctx.report(`has timeout ${timeout} minutes, outside 1–${cap}`, `set timeout ≤ ${cap}`);
  },
});
