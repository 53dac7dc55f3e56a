import { AWS_MIN_SCHEDULE_MINUTES, scheduleProblem } from "../../components/cron";
import { defineResourcePolicy } from "../lib/define";
import { str } from "../lib/values";
import { T } from "../lib/types";

/** Glue schedules use the AWS six-field cron grammar and run at most every 5 minutes, or AWS rejects
 * them (components/cron.ts, docs/aws-facts.md "Schedules"). The platform's own, larger floor — per
 * schedule and per job, crawler or workflow — is `schedule-minimum-interval`. */
export const glueScheduleAwsCron = defineResourcePolicy({
  name: "glue-schedule-aws-cron",
  description:
    "Trigger and crawler schedules are valid AWS cron expressions (six fields, one of day-of-month/day-of-week '?') no faster than AWS's 5-minute floor.",
  severity: "medium",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Write cron(Minutes Hours Day-of-month Month Day-of-week Year) in UTC, e.g. cron(15 12 * * ? *).",
  types: [T.trigger, T.crawler],
  validate(ctx) {
    const schedule = str(ctx.props.schedule);
    if (schedule === undefined || schedule === "") return;
    const problem = scheduleProblem(schedule, AWS_MIN_SCHEDULE_MINUTES);
    if (problem) ctx.report(`has schedule ${problem}`, "write a valid AWS cron expression (six fields, UTC)");
  },
});
