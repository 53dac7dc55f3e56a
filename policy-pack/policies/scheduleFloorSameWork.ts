import { PLATFORM_LIMITS } from "../../components/limits";
import { defineStackPolicy } from "../lib/define";
import { combinedInterval, Firing, parseSchedule } from "../lib/schedule";
import { EVENT_TARGET, startedBy, Scheduled, triggerTargets, scheduleField } from "../lib/scheduleTargets";
import { workUnits } from "../lib/workUnits";
import { peek } from "../lib/values";
import { limitSchema } from "../lib/config";
import { T } from "../lib/types";

/** Identical cron expressions fire at the same times: one of them stands for all (jobs of one script
 * may run side by side for different inputs). A rate's start is AWS's choice, so each rate counts. */
function distinctFirings(schedules: readonly Scheduled[]): Firing[] {
  const seen = new Set<string>();
  return schedules.flatMap((s): Firing[] => {
    if ("rateMinutes" in s.firing) return [s.firing];
    const key = s.expression.replace(/\s+/g, " ").trim();
    if (seen.has(key)) return [];
    seen.add(key);
    return [s.firing];
  });
}

export const scheduleFloorSameWork = defineStackPolicy<{ minIntervalMinutes: number }>({
  name: "schedule-floor-same-work",
  description:
    "The schedule floor holds per unit of work, not per name: jobs that run the same script and crawlers whose targets overlap (one S3 path under another, the same catalog table or JDBC/DynamoDB/MongoDB path) are one unit, and all the schedules that start any of them (their own, their triggers', their workflows') together fire at most once per configured interval; identical cron expressions count once (one script may run for several inputs at the same time).",
  severity: "medium",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Give jobs of one script, and crawlers of the same data, the same schedule (or one job/crawler), at most once per floor; ask the platform team to lower the floor.",
  config: { minIntervalMinutes: PLATFORM_LIMITS.minScheduleIntervalMinutes },
  configSchema: limitSchema({
    minIntervalMinutes: {
      type: "integer",
      default: PLATFORM_LIMITS.minScheduleIntervalMinutes,
      description: "the shortest allowed time between two runs of one unit of work, in minutes",
    },
  }),
  validate(ctx) {
    const units = workUnits(ctx.resources);
    if (units.length === 0) return;
    const floor = ctx.config.minIntervalMinutes;
    const targets = ctx.resources.filter((r) => r.type === EVENT_TARGET);
    const schedulesOf = new Map<string, Scheduled[]>();
    // Which jobs/crawlers each workflow runs (its triggers' actions).
    const members = new Map<string, string[]>();
    for (const t of ctx.resources.filter((r) => r.type === T.trigger)) {
      const started = triggerTargets(t);
      for (const w of started.filter((s) => s.startsWith("workflow ")))
        members.set(w, [...(members.get(w) ?? []), ...started.filter((s) => !s.startsWith("workflow "))]);
    }
    for (const r of ctx.resources) {
      const field = scheduleField(r.type);
      const expression = field ? peek(() => r.props[field]) : undefined;
      if (typeof expression !== "string" || expression === "") continue; // unreadable: schedule-minimum-interval
      const firing = parseSchedule(expression);
      if ("problem" in firing) continue;
      const started = startedBy(r, targets);
      const nodes = new Set(
        started.flatMap((s) => (s.startsWith("workflow ") ? (members.get(s) ?? []) : [s])),
      );
      for (const n of nodes)
        schedulesOf.set(n, [...(schedulesOf.get(n) ?? []), { resource: r, expression, firing }]);
    }
    for (const unit of units) {
      const schedules = [...new Set(unit.flatMap((n) => schedulesOf.get(n) ?? []))];
      const runBy = new Set(unit.filter((n) => (schedulesOf.get(n) ?? []).length > 0));
      if (runBy.size < 2) continue; // one member alone: schedule-minimum-interval judges it
      const interval = combinedInterval(distinctFirings(schedules));
      if (interval >= floor) continue;
      const all = schedules.map((s) => `${s.resource.name} "${s.expression}"`).join(", ");
      ctx.report(
        schedules[0].resource,
        `${[...runBy].join(", ")} do the same work (the same script, or overlapping crawler targets), and their schedules (${all}) together can run it every ${interval} minutes, more often than once per ${floor} minutes`,
        `give them one schedule at most once per ${floor} minutes, or run the work as one job/crawler`,
      );
    }
  },
});
