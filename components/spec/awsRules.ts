/**
 * Cross-field rules AWS itself enforces (or that decide whether a resource works once deployed),
 * checked at spec validation so the author gets a file:line error instead of an AWS API error at
 * `pulumi up`. Each rule names its AWS source in docs/aws-facts.md; the policy pack checks the same
 * rules on the resources (policy-pack/policies/glueScheduleCron.ts, glueCrawlerIncrementalLogOnly.ts).
 */
import { scheduleProblem } from "../cron";
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
  dataQualityProblems(spec, add);
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
