import { scheduleProblem } from "../../components/cron";
import { defineResourcePolicy } from "../lib/define";
import { str } from "../lib/values";
import { L, limitSchema } from "../lib/config";
import { T } from "../lib/types";

/** Glue schedules use the AWS six-field cron grammar and run at most every 5 minutes; the platform's
 * floor is configurable (components/cron.ts, docs/aws-facts.md "Schedules"). */
export const glueScheduleAwsCron = defineResourcePolicy<{ minScheduleIntervalMinutes: number }>({
  name: "glue-schedule-aws-cron",
  description:
    "Trigger and crawler schedules are valid AWS cron expressions (six fields, one of day-of-month/day-of-week '?') no faster than the minimum interval.",
  severity: "medium",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Write cron(Minutes Hours Day-of-month Month Day-of-week Year) in UTC, e.g. cron(15 12 * * ? *), running no more often than the minimum interval.",
  config: { minScheduleIntervalMinutes: L.minScheduleIntervalMinutes },
  configSchema: limitSchema({
    minScheduleIntervalMinutes: {
      type: "integer",
      default: L.minScheduleIntervalMinutes,
      description: "shortest allowed gap between two scheduled runs, in minutes (AWS's floor is 5)",
    },
  }),
  types: [T.trigger, T.crawler],
  validate(ctx) {
    const schedule = str(ctx.props.schedule);
    if (schedule === undefined || schedule === "") return;
    const problem = scheduleProblem(schedule, ctx.config.minScheduleIntervalMinutes);
    if (problem) ctx.report(`has schedule ${problem}`, "write a valid AWS cron expression (six fields, UTC)");
  },
});
