import { defineResourcePolicy } from "../lib/define";
import { num } from "../lib/values";
import { L, limitSchema } from "../lib/config";
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
    const timeout = num(ctx.props.timeout);
    if (timeout === undefined)
      return ctx.report(
        "has no timeout, so Glue's default (up to 2880 minutes) applies",
        `set timeout ≤ ${ctx.config.maxTimeoutMinutes}`,
      );
    if (timeout > ctx.config.maxTimeoutMinutes || timeout < 1)
      ctx.report(
        `has timeout ${timeout} minutes, outside 1–${ctx.config.maxTimeoutMinutes}`,
        `set timeout ≤ ${ctx.config.maxTimeoutMinutes}`,
      );
  },
});
