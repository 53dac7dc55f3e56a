import { PolicyResource } from "@pulumi/policy";
import { PLATFORM_LIMITS } from "../../components/limits";
import { defineStackPolicy } from "../lib/define";
import { combinedInterval, Firing, parseSchedule } from "../lib/schedule";
import { list, obj, peek } from "../lib/values";
import { limitSchema } from "../lib/config";
import { T } from "../lib/types";

const EVENT_RULE = T.eventRule;
const EVENT_TARGET = T.eventTarget;

interface Scheduled {
  readonly resource: PolicyResource;
  readonly expression: string;
  readonly firing: Firing;
}

/** The known name of a property, else the names of the same-stack resources of `type` it depends on. */
function namesOf(r: PolicyResource, value: unknown, property: string, type: string): string[] {
  if (typeof value === "string") return [value];
  return (r.propertyDependencies[property] ?? [])
    .filter((d) => d.type === type)
    .flatMap((d) => {
      const name = peek(() => d.props.name);
      return typeof name === "string" ? [name] : [];
    });
}

/** What a Glue trigger starts: its actions' jobs and crawlers, and its workflow. */
function triggerTargets(t: PolicyResource): string[] {
  const out: string[] = [];
  for (const action of list(peek(() => t.props.actions))) {
    const a = obj(action);
    out.push(
      ...namesOf(
        t,
        peek(() => a.jobName),
        "actions",
        T.job,
      ).map((n) => `job ${n}`),
    );
    out.push(
      ...namesOf(
        t,
        peek(() => a.crawlerName),
        "actions",
        T.crawler,
      ).map((n) => `crawler ${n}`),
    );
  }
  out.push(
    ...namesOf(
      t,
      peek(() => t.props.workflowName),
      "workflowName",
      T.workflow,
    ).map((n) => `workflow ${n}`),
  );
  return out;
}

/** What an EventBridge rule's targets start: a Glue workflow by name, anything else by ARN. */
function ruleTargets(rule: PolicyResource, targets: readonly PolicyResource[]): string[] {
  const ruleName = peek(() => rule.props.name);
  return targets
    .filter((t) => {
      const named = peek(() => t.props.rule);
      return (
        (typeof named === "string" && named === ruleName) ||
        (t.propertyDependencies.rule ?? []).includes(rule)
      );
    })
    .flatMap((t) => {
      const arn = peek(() => t.props.arn);
      const workflow = typeof arn === "string" ? /:workflow\/(.+)$/.exec(arn)?.[1] : undefined;
      if (workflow) return [`workflow ${workflow}`];
      if (typeof arn === "string") return [`target ${arn}`];
      return namesOf(t, arn, "arn", T.workflow).map((n) => `workflow ${n}`);
    });
}

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
      const field =
        r.type === EVENT_RULE
          ? "scheduleExpression"
          : r.type === T.trigger || r.type === T.crawler
            ? "schedule"
            : undefined;
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
      const started =
        r.type === T.trigger
          ? triggerTargets(r)
          : r.type === T.crawler
            ? namesOf(
                r,
                peek(() => r.props.name),
                "name",
                T.crawler,
              ).map((n) => `crawler ${n}`)
            : ruleTargets(r, targets);
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
