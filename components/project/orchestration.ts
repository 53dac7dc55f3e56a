/** Workflows and triggers; triggers can only name this project's jobs and crawlers (the validator
 * guarantees the references, and the resources carry the dependency). */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ProjectPlan } from "./plan";

export class ProjectOrchestration extends pulumi.ComponentResource {
  /** Workflow names by spec name, resolved once each workflow exists. */
  readonly workflowNames: Record<string, pulumi.Output<string>> = {};

  constructor(
    name: string,
    plan: ProjectPlan,
    deps: { jobs: Record<string, aws.glue.Job>; crawlers: Record<string, aws.glue.Crawler> },
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("glue:project:Orchestration", name, {}, opts);
    const parent = { parent: this };
    const workflows: Record<string, aws.glue.Workflow> = {};
    for (const w of plan.workflows) {
      workflows[w.spec.name] = new aws.glue.Workflow(
        w.spec.name,
        {
          name: w.name,
          description: w.spec.description,
          maxConcurrentRuns: w.spec.maxConcurrentRuns ?? 1,
          defaultRunProperties: { ENV: plan.env },
          tags: plan.tags,
        },
        parent,
      );
    }
    for (const [k, w] of Object.entries(workflows)) this.workflowNames[k] = w.name;
    const jobName = (spec?: string) => (spec === undefined ? undefined : deps.jobs[spec].name);
    const crawlerName = (spec?: string) => (spec === undefined ? undefined : deps.crawlers[spec].name);
    for (const t of plan.triggers) {
      const spec = t.spec;
      new aws.glue.Trigger(
        spec.name,
        {
          name: t.name,
          description: spec.description,
          type: t.glueType,
          workflowName: spec.workflow === undefined ? undefined : workflows[spec.workflow].name,
          schedule: spec.schedule,
          enabled: spec.enabled ?? true,
          startOnCreation:
            t.glueType === "SCHEDULED" || t.glueType === "CONDITIONAL" ? (spec.enabled ?? true) : undefined,
          actions: spec.actions.map((a, i) => ({
            jobName: jobName(a.job),
            crawlerName: crawlerName(a.crawler),
            arguments: t.actions[i].arguments,
          })),
          predicate:
            t.conditions.length > 0
              ? {
                  logical: spec.logical ?? "AND",
                  conditions:
                    spec.conditions?.map((c, i) => ({
                      ...t.conditions[i],
                      jobName: jobName(c.job),
                      crawlerName: crawlerName(c.crawler),
                    })) ?? [],
                }
              : undefined,
          eventBatchingConditions: spec.eventBatching
            ? [{ batchSize: spec.eventBatching.size, batchWindow: spec.eventBatching.windowSeconds }]
            : undefined,
          tags: plan.tags,
        },
        parent,
      );
    }
    this.registerOutputs({});
  }
}
