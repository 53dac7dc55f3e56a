import { MIN_SCHEDULE_INTERVAL_MINUTES } from "../../components/limits";
import { defineResourcePolicy } from "../lib/define";
import { minIntervalMinutes } from "../lib/schedule";
import { str } from "../lib/values";
import { limitSchema } from "../lib/config";
import { T } from "../lib/types";

const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";

export const scheduleMinimumInterval = defineResourcePolicy<{ minIntervalMinutes: number }>({
  name: "schedule-minimum-interval",
  description:
    "Glue trigger, crawler and EventBridge schedules fire at most once per configured interval (cost and concurrency); an unreadable schedule is refused.",
  severity: "medium",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Schedule less often (e.g. cron(0 * * * ? *) for hourly), or ask the platform team to lower the floor.",
  config: { minIntervalMinutes: MIN_SCHEDULE_INTERVAL_MINUTES },
  configSchema: limitSchema({
    minIntervalMinutes: {
      type: "integer",
      default: MIN_SCHEDULE_INTERVAL_MINUTES,
      description: "the shortest allowed time between two firings of a schedule, in minutes",
    },
  }),
  types: [T.trigger, T.crawler, EVENT_RULE],
  validate(ctx) {
    const field = ctx.type === EVENT_RULE ? "scheduleExpression" : "schedule";
    const expression = str(ctx.props[field]);
    if (expression === undefined) return;
    const interval = minIntervalMinutes(expression);
    const floor = ctx.config.minIntervalMinutes;
    if (typeof interval !== "number")
      ctx.report(
        `${field} ${interval.problem}`,
        "write rate(N minutes|hours|days) or cron(min hour dom month dow year)",
      );
    else if (interval < floor)
      ctx.report(
        `${field} "${expression}" can fire every ${interval} minutes, more often than once per ${floor} minutes`,
        `schedule at most once per ${floor} minutes`,
      );
  },
});
