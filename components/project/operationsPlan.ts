/**
 * Pure plan of a project's operations and storage settings: the topic policy, the EventBridge
 * patterns, the dashboard body, the alarms, the dead-letter queue, the job-state table, the budget,
 * the key's deletion window and the buckets' lifecycle. Registration (operations.ts, events.ts,
 * security.ts) only reads these values, so each is tested directly (tests/project/operationsPlan.test.ts).
 */
import { AccountScope, arns } from "../arn";
import { PolicyDocument, policyDocument, queueGuardStatements } from "../iam";
import { PROJECT_BUCKET_PURPOSES, ProjectBucketPurpose, ProjectNames } from "../naming";
import type { LifecycleArgs } from "../secureBucket";

/** An EventBridge rule's name, description and event pattern. */
export interface RulePlan {
  readonly name: string;
  readonly description: string;
  readonly eventPattern: object;
}

export interface AlarmPlan {
  readonly jobName: string;
  readonly name: string;
  readonly description: string;
  readonly dimensions: Record<string, string>;
}

export interface BudgetNotificationPlan {
  readonly notificationType: "ACTUAL" | "FORECASTED";
  readonly threshold: number;
}

export interface OperationsPlan {
  readonly topicPolicy: PolicyDocument;
  readonly jobFailureRule: RulePlan;
  /** Present when the project declares data-quality rulesets. */
  readonly dataQualityResultsRule?: RulePlan;
  readonly deadLetterQueue: {
    readonly kmsDataKeyReusePeriodSeconds: number;
    readonly messageRetentionSeconds: number;
    readonly policy: PolicyDocument;
  };
  readonly jobStateTable: { readonly deletionProtection: boolean };
  readonly failedTaskAlarms: readonly AlarmPlan[];
  readonly alarmPeriodSeconds: number;
  readonly dashboardBody: object;
  readonly budgetNotifications: readonly BudgetNotificationPlan[];
  readonly budgetTagState: string;
}

export interface StoragePlan {
  readonly keyDeletionWindowDays: number;
  readonly lifecycle: Record<ProjectBucketPurpose, LifecycleArgs>;
}

/** The job kinds whose runs publish Spark task metrics. */
const SPARK_KINDS = new Set(["sparkEtl", "streaming"]);
/** Period of the failed-task alarms and the dashboard's widgets (seconds). */
const METRIC_PERIOD_SECONDS = 300;
/** Glue job states that mean a run did not succeed
 * (https://docs.aws.amazon.com/glue/latest/dg/automating-awsglue-with-cloudwatch-events.html). */
const FAILED_JOB_STATES = ["FAILED", "TIMEOUT", "STOPPED", "ERROR"];
/** The maximum SQS retention, 14 days (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html). */
const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;

/** The budget's `CostAllocationTag` tag value (tag values allow letters, digits, spaces and _.:/=+-@). */
export function budgetTagState(active: boolean): string {
  return active
    ? "active"
    : "inactive - reads 0 until the management account activates Project - see billing/index.ts";
}

/** The EventBridge pattern of an event trigger: objects created under its key prefix. */
export function objectCreatedPattern(source: { bucket: string; keyPrefix: string }): object {
  return {
    source: ["aws.s3"],
    "detail-type": ["Object Created"],
    detail: { bucket: { name: [source.bucket] }, object: { key: [{ prefix: source.keyPrefix }] } },
  };
}

/** Glue Data Quality result events of the project's rulesets (names start with `rulesetPrefix`). */
export function dataQualityResultsPattern(rulesetPrefix: string): object {
  return {
    source: ["aws.glue-dataquality", "aws.glue"],
    "detail-type": ["Data Quality Evaluation Results Available"],
    detail: { rulesetNames: [{ prefix: rulesetPrefix }] },
  };
}

/** The project's own sources of notifications, as ARNs a resource policy pins services to with
 * `aws:SourceArn` (aws:SourceAccount alone would admit every project's rules, alarms and budgets in the
 * shared account; docs/aws-facts.md "Service principals"): its job-failure (and data-quality results)
 * rules, its alarms (all named `project-{uuid}-…`) and its budget. */
export function notificationSources(
  scope: AccountScope,
  names: ProjectNames,
  hasDataQuality: boolean,
): { rules: string[]; alarms: string; budget: string } {
  const rules = [arns.eventRule(scope, names.jobFailureRule())];
  // The data-quality results rule (components/project/events.ts) when rulesets exist.
  if (hasDataQuality) rules.push(arns.eventRule(scope, names.dataQualityResultsRule()));
  return {
    rules,
    alarms: arns.alarm(scope, `${names.prefix}-*`),
    budget: arns.budget(scope, names.budget()),
  };
}

/** The project topic's policy: its job-failure (and data-quality results) rules, its alarms and its
 * budget, each by source ARN, and TLS only. */
export function topicPolicy(
  scope: AccountScope,
  names: ProjectNames,
  hasDataQuality: boolean,
): PolicyDocument {
  const topicArn = arns.snsTopic(scope, names.topic());
  const sources = notificationSources(scope, names, hasDataQuality);
  return policyDocument(
    {
      Sid: "AllowJobFailureRule",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: { ArnEquals: { "aws:SourceArn": hasDataQuality ? sources.rules : sources.rules[0] } },
    },
    {
      Sid: "AllowProjectAlarms",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: { ArnLike: { "aws:SourceArn": sources.alarms } },
    },
    {
      Sid: "AllowProjectBudget",
      Effect: "Allow",
      Principal: { Service: "budgets.amazonaws.com" },
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: { ArnEquals: { "aws:SourceArn": sources.budget } },
    },
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  );
}

/** One metric widget per job, two per row (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html). */
export function dashboardBody(
  region: string,
  jobs: readonly { name: string; physicalName: string }[],
): object {
  return {
    widgets: jobs.map((job, i) => ({
      type: "metric",
      x: (i % 2) * 12,
      y: Math.floor(i / 2) * 6,
      width: 12,
      height: 6,
      properties: {
        title: job.name,
        region,
        stat: "Sum",
        period: METRIC_PERIOD_SECONDS,
        metrics: ["numCompletedTasks", "numFailedTasks"].map((metric) => [
          "Glue",
          `glue.driver.aggregate.${metric}`,
          "JobName",
          job.physicalName,
          "JobRunId",
          "ALL",
          "Type",
          "count",
        ]),
      },
    })),
  };
}

export function planOperations(input: {
  names: ProjectNames;
  scope: AccountScope;
  env: string;
  jobs: readonly { name: string; kind: string; physicalName: string }[];
  hasDataQuality: boolean;
  costAllocationTagsActive: boolean;
}): OperationsPlan {
  const { names, scope, env, jobs, hasDataQuality } = input;
  return {
    topicPolicy: topicPolicy(scope, names, hasDataQuality),
    jobFailureRule: {
      name: names.jobFailureRule(),
      description: `${names.prefix}: Glue job runs that failed, timed out or were stopped`,
      eventPattern: {
        source: ["aws.glue"],
        "detail-type": ["Glue Job State Change"],
        detail: { jobName: [{ prefix: names.namePrefix("job") }], state: FAILED_JOB_STATES },
      },
    },
    ...(hasDataQuality
      ? {
          dataQualityResultsRule: {
            name: names.dataQualityResultsRule(),
            description: `${names.prefix} data-quality results of the project's rulesets`,
            eventPattern: dataQualityResultsPattern(names.dataQualityRuleset("")),
          },
        }
      : {}),
    deadLetterQueue: {
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
      policy: policyDocument(...queueGuardStatements(arns.sqsQueue(scope, names.deadLetterQueue()))),
    },
    jobStateTable: { deletionProtection: env === "prod" },
    failedTaskAlarms: jobs
      .filter((j) => SPARK_KINDS.has(j.kind))
      .map((j) => ({
        jobName: j.name,
        name: names.failedRunsAlarm(j.name),
        description: `${j.physicalName}: failed Spark tasks`,
        dimensions: { JobName: j.physicalName, JobRunId: "ALL", Type: "count" },
      })),
    alarmPeriodSeconds: METRIC_PERIOD_SECONDS,
    dashboardBody: dashboardBody(scope.region, jobs),
    budgetNotifications: [
      { notificationType: "ACTUAL", threshold: 80 },
      { notificationType: "FORECASTED", threshold: 100 },
    ],
    budgetTagState: budgetTagState(input.costAllocationTagsActive),
  };
}

/** Key deletion window and bucket lifecycle: longer in prod; temp objects expire. */
export function planStorage(env: string): StoragePlan {
  const prod = env === "prod";
  return {
    keyDeletionWindowDays: prod ? 30 : 7,
    lifecycle: Object.fromEntries(
      PROJECT_BUCKET_PURPOSES.map((purpose) => [
        purpose,
        {
          abortIncompleteUploadDays: 7,
          noncurrentVersionExpirationDays: prod ? 90 : 30,
          expirationDays: purpose === "temp" ? 14 : undefined,
        },
      ]),
    ) as Record<ProjectBucketPurpose, LifecycleArgs>,
  };
}
