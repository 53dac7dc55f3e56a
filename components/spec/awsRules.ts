/**
 * Cross-field rules AWS itself enforces (or that decide whether a resource works once deployed),
 * checked at spec validation so the author gets a file:line error instead of an AWS API error at
 * `pulumi up`. Each rule names its AWS source in docs/aws-facts.md; the policy pack checks the same
 * rules on the resources (policy-pack/policies/glueScheduleCron.ts, glueCrawlerIncrementalLogOnly.ts).
 */
import {
  AWS_MIN_SCHEDULE_MINUTES,
  AwsCron,
  combinedMinIntervalMinutes,
  parseAwsCron,
  scheduleProblem,
} from "../cron";
import { GovernanceLimits, PLATFORM_LIMITS } from "../limits";
import { DQ_EVALUATOR_JOB, DQ_TRIGGER_PREFIX } from "../project/dataQuality";
import { ProjectSpec } from "./model";
import { AddProblem, PathSegment } from "./problems";

export type { AddProblem } from "./problems";

export function awsRuleProblems(spec: ProjectSpec, limits: GovernanceLimits, add: AddProblem): void {
  const minMinutes = limits.minScheduleIntervalMinutes ?? PLATFORM_LIMITS.minScheduleIntervalMinutes;
  const schedule = (path: PathSegment[], expression: string | undefined) => {
    if (expression === undefined) return;
    const problem = scheduleProblem(expression, minMinutes);
    if (problem) add(path, problem, "write a valid AWS cron expression (six fields, UTC)");
  };
  (spec.triggers ?? []).forEach((t, i) => {
    schedule(["triggers", i, "schedule"], t.schedule);
    if (t.type !== "event" && t.eventSource !== undefined)
      add(["triggers", i, "eventSource"], "only event triggers watch the lake", "remove eventSource");
  });
  const eventWorkflows = new Map<string, number>();
  (spec.triggers ?? []).forEach((t, i) => {
    if (t.type !== "event" || t.workflow === undefined) return;
    // A workflow has exactly one starting trigger (AWS Glue blueprint/workflow restrictions).
    const first = eventWorkflows.get(t.workflow);
    if (first !== undefined)
      add(
        ["triggers", i, "workflow"],
        `workflow "${t.workflow}" already has the event trigger triggers[${first}]; a workflow has one starting trigger`,
        "merge the two triggers or start another workflow",
      );
    else eventWorkflows.set(t.workflow, i);
  });
  (spec.crawlers ?? []).forEach((c, i) => schedule(["crawlers", i, "schedule"], c.schedule));
  sharedTargetProblems(spec, minMinutes, add);
  dataQualityProblems(spec, add);
}

/** Several schedules starting one job, crawler or workflow run it at the union of their times: that
 * union must respect the floor too (each alone is checked above). */
function sharedTargetProblems(spec: ProjectSpec, minMinutes: number, add: AddProblem): void {
  const byTarget = new Map<string, { path: PathSegment[]; cron: AwsCron; expression: string }[]>();
  const note = (target: string, path: PathSegment[], expression: string | undefined) => {
    const cron = expression === undefined ? undefined : parseAwsCron(expression).cron;
    if (cron)
      byTarget.set(target, [
        ...(byTarget.get(target) ?? []),
        { path, cron, expression: expression as string },
      ]);
  };
  (spec.triggers ?? []).forEach((t, i) => {
    const targets = new Set([
      ...(t.workflow !== undefined ? [`workflow "${t.workflow}"`] : []),
      ...t.actions.flatMap((a) => [
        ...(a.job !== undefined ? [`job "${a.job}"`] : []),
        ...(a.crawler !== undefined ? [`crawler "${a.crawler}"`] : []),
      ]),
    ]);
    for (const target of targets) note(target, ["triggers", i, "schedule"], t.schedule);
  });
  (spec.crawlers ?? []).forEach((c, i) =>
    note(`crawler "${c.name}"`, ["crawlers", i, "schedule"], c.schedule),
  );
  for (const [target, schedules] of byTarget) {
    if (schedules.length < 2) continue;
    const gap = combinedMinIntervalMinutes(schedules.map((s) => s.cron));
    if (gap === undefined || gap >= Math.max(minMinutes, AWS_MIN_SCHEDULE_MINUTES)) continue;
    const last = schedules[schedules.length - 1];
    add(
      last.path,
      `${target} is started by ${schedules.length} schedules (${schedules.map((s) => s.expression).join(", ")}) that together run it every ${gap} minutes, below the minimum interval of ${minMinutes} minutes`,
      `start ${target} from one schedule: list its times in one cron expression, at most once per ${minMinutes} minutes`,
    );
  }
}

/** Rulesets run after a job of this project; the evaluator job and its triggers' names are reserved. */
function dataQualityProblems(spec: ProjectSpec, add: AddProblem): void {
  const jobs = new Set((spec.jobs ?? []).map((j) => j.name));
  (spec.dataQuality ?? []).forEach((d, i) => {
    if (d.afterJob !== undefined && !jobs.has(d.afterJob))
      add(
        ["dataQuality", i, "afterJob"],
        `job "${d.afterJob}" is not defined in this project`,
        "name one of this project's jobs, or remove afterJob",
      );
  });
  (spec.jobs ?? []).forEach((j, i) => {
    if (j.name === DQ_EVALUATOR_JOB)
      add(
        ["jobs", i, "name"],
        `"${j.name}" is reserved for the platform's data-quality evaluator`,
        "rename the job",
      );
  });
  (spec.triggers ?? []).forEach((t, i) => {
    if (t.name.startsWith(DQ_TRIGGER_PREFIX))
      add(
        ["triggers", i, "name"],
        `names starting "${DQ_TRIGGER_PREFIX}" are reserved for data-quality triggers`,
        "rename the trigger",
      );
  });
}
