import { PLATFORM_LIMITS } from "../../components/limits";
import { defineStackPolicy } from "../lib/define";
import { combinedInterval, parseSchedule } from "../lib/schedule";
import { EVENT_TARGET, startedBy, Scheduled, scheduleField } from "../lib/scheduleTargets";
import { peek } from "../lib/values";
import { limitSchema } from "../lib/config";

export const scheduleMinimumInterval = defineStackPolicy<{ minIntervalMinutes: number }>({
  name: "schedule-minimum-interval",
  description:
    "Glue trigger, crawler and EventBridge schedules fire at most once per configured interval (cost and concurrency), each alone and all the schedules that start the same job, crawler or workflow together; an unreadable schedule is refused.",
  severity: "medium",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Schedule less often (e.g. cron(0 * * * ? *) for hourly); start a job, crawler or workflow from one schedule (list its times in one cron expression), or ask the platform team to lower the floor.",
  config: { minIntervalMinutes: PLATFORM_LIMITS.minScheduleIntervalMinutes },
  configSchema: limitSchema({
    minIntervalMinutes: {
      type: "integer",
      default: PLATFORM_LIMITS.minScheduleIntervalMinutes,
      description: "the shortest allowed time between two firings of a schedule, in minutes",
    },
  }),
  validate(ctx) {
    const floor = ctx.config.minIntervalMinutes;
    const targets = ctx.resources.filter((r) => r.type === EVENT_TARGET);
    const byTarget = new Map<string, Scheduled[]>();
    for (const r of ctx.resources) {
      const field = scheduleField(r.type);
      if (!field || !(field in r.props)) continue;
      const expression = peek(() => r.props[field]);
      if (expression === undefined || expression === null || expression === "") continue;
      if (typeof expression !== "string") {
        ctx.report(r, `${field} can't be known during preview`, "write the schedule as a literal");
        continue;
      }
      const firing = parseSchedule(expression);
      if ("problem" in firing) {
        ctx.report(
          r,
          `${field} ${firing.problem}`,
          "write rate(N minutes|hours|days) or cron(min hour dom month dow year)",
        );
        continue;
      }
      const interval = combinedInterval([firing]);
      if (interval < floor) {
        ctx.report(
          r,
          `${field} "${expression}" can fire every ${interval} minutes, more often than once per ${floor} minutes`,
          `schedule at most once per ${floor} minutes`,
        );
        continue;
      }
      const started = startedBy(r, targets);
      for (const target of new Set(started))
        byTarget.set(target, [...(byTarget.get(target) ?? []), { resource: r, expression, firing }]);
    }
    for (const [target, schedules] of byTarget) {
      if (schedules.length < 2) continue;
      const interval = combinedInterval(schedules.map((s) => s.firing));
      if (interval >= floor) continue;
      const all = schedules.map((s) => `${s.resource.name} "${s.expression}"`).join(", ");
      ctx.report(
        schedules[0].resource,
        `${target} is started by ${schedules.length} schedules (${all}) that together can fire it every ${interval} minutes, more often than once per ${floor} minutes`,
        `start ${target} from one schedule (list its times in one cron expression) at most once per ${floor} minutes`,
      );
    }
  },
});
