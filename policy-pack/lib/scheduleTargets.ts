/**
 * What a schedule starts: a Glue trigger's actions and workflow, a crawler itself, an EventBridge
 * rule's workflow (or other) targets. Shared by the schedule floors (`schedule-minimum-interval`,
 * `schedule-floor-same-work`).
 */
import { PolicyResource } from "@pulumi/policy";
import { Firing } from "./schedule";
import { list, obj, peek } from "./values";
import { T } from "./types";

export const EVENT_RULE = T.eventRule;
export const EVENT_TARGET = T.eventTarget;

export interface Scheduled {
  readonly resource: PolicyResource;
  readonly expression: string;
  readonly firing: Firing;
}

/** The known name of a property, else the names of the same-stack resources of `type` it depends on. */
export function namesOf(r: PolicyResource, value: unknown, property: string, type: string): string[] {
  if (typeof value === "string") return [value];
  return (r.propertyDependencies[property] ?? [])
    .filter((d) => d.type === type)
    .flatMap((d) => {
      const name = peek(() => d.props.name);
      return typeof name === "string" ? [name] : [];
    });
}

/** What a Glue trigger starts: its actions' jobs and crawlers, and its workflow. */
export function triggerTargets(t: PolicyResource): string[] {
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
export function ruleTargets(rule: PolicyResource, targets: readonly PolicyResource[]): string[] {
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

/** What a scheduled resource starts: a trigger its actions and workflow, a crawler itself, an
 * EventBridge rule its targets. */
export function startedBy(r: PolicyResource, targets: readonly PolicyResource[]): string[] {
  if (r.type === T.trigger) return triggerTargets(r);
  if (r.type === T.crawler)
    return namesOf(
      r,
      peek(() => r.props.name),
      "name",
      T.crawler,
    ).map((n) => `crawler ${n}`);
  return ruleTargets(r, targets);
}

/** The property that holds a resource's schedule: an EventBridge rule's scheduleExpression, a Glue
 * trigger's or crawler's schedule; undefined for any other type. */
export function scheduleField(type: string): "scheduleExpression" | "schedule" | undefined {
  if (type === EVENT_RULE) return "scheduleExpression";
  return type === T.trigger || type === T.crawler ? "schedule" : undefined;
}
