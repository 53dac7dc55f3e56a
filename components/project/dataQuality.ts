/**
 * Data-quality rulesets are evaluated after the job that writes their table: a conditional trigger
 * (in that job's workflow, since jobs started inside a workflow only fire that workflow's triggers)
 * starts the platform's small Python shell job, which runs StartDataQualityRulesetEvaluationRun as the
 * project's job role, waits, publishes the outcome to the project topic and fails on a failed rule.
 * Glue's own "Data Quality Evaluation Results Available" events are routed to the topic as well
 * (components/project/events.ts). docs/aws-facts.md "Data quality".
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { JobSpec, ProjectSpec, ScriptFile, TriggerSpec } from "../spec/model";
import { ProjectIdNames } from "../naming";
import { PYTHON_SHELL_DEFAULT_CAPACITY } from "../limits";

export const DQ_EVALUATOR_JOB = "dq-evaluate";
export const DQ_TRIGGER_PREFIX = "dq-after-";
/** Key of the evaluator script among the plan's scripts (never a path inside a project). */
export const DQ_EVALUATOR_SCRIPT = "platform:dq/evaluate_rulesets.py";
const SCRIPT_FILE = path.join(__dirname, "dq", "evaluate_rulesets.py");
const EVALUATION_TIMEOUT_MINUTES = 30;
/** The arguments the evaluator reads (components/project/dq/evaluate_rulesets.py `ARGUMENTS`), each
 * given as `--NAME` by its trigger action; the policy pack judges each by its meaning
 * (glue-dq-evaluator-arguments). */
export const DQ_EVALUATOR_ARGUMENTS = [
  "RULESETS",
  "DATABASE",
  "TABLE",
  "ROLE_ARN",
  "TOPIC_ARN",
  "TIMEOUT_MINUTES",
] as const;
export type DqEvaluatorArgument = (typeof DQ_EVALUATOR_ARGUMENTS)[number];

export function evaluatorScript(): ScriptFile {
  return {
    relativePath: DQ_EVALUATOR_SCRIPT,
    absolutePath: SCRIPT_FILE,
    sha256: createHash("sha256").update(fs.readFileSync(SCRIPT_FILE)).digest("hex"),
  };
}

export interface DataQualityEvaluation {
  readonly jobs: JobSpec[];
  readonly triggers: TriggerSpec[];
}

/** The evaluator job and one conditional trigger per job that rulesets run after. */
export function planDataQualityEvaluation(
  spec: ProjectSpec,
  names: ProjectIdNames,
  ctx: { jobRoleArn: string; topicArn: string },
): DataQualityEvaluation {
  const byJob = new Map<string, NonNullable<ProjectSpec["dataQuality"]>>();
  for (const d of spec.dataQuality ?? [])
    if (d.afterJob !== undefined) byJob.set(d.afterJob, [...(byJob.get(d.afterJob) ?? []), d]);
  if (byJob.size === 0) return { jobs: [], triggers: [] };
  const evaluator: JobSpec = {
    name: DQ_EVALUATOR_JOB,
    kind: "pythonShell",
    description: "Evaluates the project's data-quality rulesets after their jobs (platform-provided)",
    script: DQ_EVALUATOR_SCRIPT,
    maxCapacity: PYTHON_SHELL_DEFAULT_CAPACITY,
    timeoutMinutes: EVALUATION_TIMEOUT_MINUTES + 10,
    maxConcurrentRuns: Math.min(byJob.size, 3),
  };
  const triggers = [...byJob].map(([job, rulesets]): TriggerSpec => {
    const workflow = (spec.triggers ?? []).find(
      (t) => t.workflow !== undefined && t.actions.some((a) => a.job === job),
    )?.workflow;
    const tables = new Map<string, typeof rulesets>();
    for (const d of rulesets)
      tables.set(`${d.database}.${d.table}`, [...(tables.get(`${d.database}.${d.table}`) ?? []), d]);
    return {
      name: `${DQ_TRIGGER_PREFIX}${job}`,
      description: `Evaluate data quality after ${job}`,
      type: "conditional",
      ...(workflow !== undefined ? { workflow } : {}),
      conditions: [{ job, state: "SUCCEEDED" }],
      actions: [...tables.values()].map((group) => ({
        job: DQ_EVALUATOR_JOB,
        arguments: {
          RULESETS: group.map((d) => names.dataQualityRuleset(d.name)).join(","),
          DATABASE: names.catalogDatabase(group[0].database),
          TABLE: group[0].table,
          ROLE_ARN: ctx.jobRoleArn,
          TOPIC_ARN: ctx.topicArn,
          TIMEOUT_MINUTES: String(EVALUATION_TIMEOUT_MINUTES),
        } satisfies Record<DqEvaluatorArgument, string>,
      })),
    };
  });
  return { jobs: [evaluator], triggers };
}
