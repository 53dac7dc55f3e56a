/** A project's operations: alerting (encrypted SNS topic with email subscriptions, job-failure
 * EventBridge rule, failed-run alarms, the dead-letter queue), a dashboard, the job-state table and
 * the budget. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { arns } from "../arn";
import { policyDocument, queueGuardStatements, toJson } from "../iam";
import { ProjectPlan } from "./plan";

/** The budget's `CostAllocationTag` tag value (tag values allow letters, digits, spaces and _.:/=+-@). */
export function budgetTagState(active: boolean): string {
  return active
    ? "active"
    : "inactive - reads 0 until the management account activates Project - see billing/index.ts";
}

/**
 * The project's operations resources. The component type token and its logical name in
 * components/project/register.ts keep their first names ("Notifications", "notifications"): they are
 * part of every child's URN, and a changed URN replaces the resource (the job-state table included)
 * unless aliased: https://www.pulumi.com/docs/iac/operations/stack-management/refactoring-with-aliases/
 */
export class ProjectOperations extends pulumi.ComponentResource {
  readonly topicArn: string;
  readonly topic: aws.sns.Topic;

  constructor(
    name: string,
    plan: ProjectPlan,
    deps: { keyArn: pulumi.Output<string> },
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("glue:project:Notifications", name, {}, opts);
    const parent = { parent: this };
    const { names, scope, tags } = plan;
    this.topicArn = arns.snsTopic(scope, names.topic());
    const ruleArn = arns.eventRule(scope, names.jobFailureRule());

    this.topic = new aws.sns.Topic(
      "notifications",
      { name: names.topic(), kmsMasterKeyId: deps.keyArn, tags },
      parent,
    );
    new aws.sns.TopicPolicy(
      "notifications",
      {
        arn: this.topic.name.apply(() => this.topicArn),
        policy: toJson(
          policyDocument(
            {
              Sid: "AllowJobFailureRule",
              Effect: "Allow",
              Principal: { Service: "events.amazonaws.com" },
              Action: "sns:Publish",
              Resource: this.topicArn,
              // Also the data-quality results rule (components/project/events.ts) when rulesets exist.
              Condition: {
                ArnEquals: {
                  "aws:SourceArn":
                    plan.dataQuality.length > 0
                      ? [ruleArn, arns.eventRule(scope, names.dataQualityResultsRule())]
                      : ruleArn,
                },
              },
            },
            {
              Sid: "AllowBudgetsAndAlarms",
              Effect: "Allow",
              Principal: { Service: ["budgets.amazonaws.com", "cloudwatch.amazonaws.com"] },
              Action: "sns:Publish",
              Resource: this.topicArn,
              Condition: { StringEquals: { "aws:SourceAccount": scope.accountId } },
            },
            {
              Sid: "DenyInsecureTransport",
              Effect: "Deny",
              Principal: "*",
              Action: "sns:Publish",
              Resource: this.topicArn,
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
          ),
        ),
      },
      parent,
    );
    for (const [i, email] of plan.loaded.spec.notificationEmails.entries()) {
      new aws.sns.TopicSubscription(
        `email-${i}`,
        { topic: this.topic.name.apply(() => this.topicArn), protocol: "email", endpoint: email },
        parent,
      );
    }

    const deadLetter = new aws.sqs.Queue(
      "dead-letter",
      {
        name: names.deadLetterQueue(),
        kmsMasterKeyId: deps.keyArn,
        kmsDataKeyReusePeriodSeconds: 300,
        messageRetentionSeconds: 14 * 24 * 3600,
        tags,
      },
      parent,
    );
    new aws.sqs.QueuePolicy(
      "dead-letter",
      {
        queueUrl: deadLetter.url,
        policy: toJson(
          policyDocument(...queueGuardStatements(arns.sqsQueue(scope, names.deadLetterQueue()))),
        ),
      },
      parent,
    );
    new aws.dynamodb.Table(
      "job-state",
      {
        name: names.jobStateTable(),
        billingMode: "PAY_PER_REQUEST",
        hashKey: "jobName",
        rangeKey: "runId",
        attributes: [
          { name: "jobName", type: "S" },
          { name: "runId", type: "S" },
        ],
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true, kmsKeyArn: deps.keyArn },
        deletionProtectionEnabled: plan.env === "prod",
        tags,
      },
      parent,
    );

    const rule = new aws.cloudwatch.EventRule(
      "job-failed",
      {
        name: names.jobFailureRule(),
        description: `${names.prefix}: Glue job runs that failed, timed out or were stopped`,
        eventPattern: JSON.stringify({
          source: ["aws.glue"],
          "detail-type": ["Glue Job State Change"],
          detail: {
            jobName: [{ prefix: names.namePrefix("job") }],
            state: ["FAILED", "TIMEOUT", "STOPPED", "ERROR"],
          },
        }),
        tags,
      },
      parent,
    );
    new aws.cloudwatch.EventTarget(
      "job-failed",
      { rule: rule.name, arn: this.topic.name.apply(() => this.topicArn) },
      parent,
    );

    const sparkJobs = plan.jobs.filter((j) => j.spec.kind === "sparkEtl" || j.spec.kind === "streaming");
    for (const job of sparkJobs) {
      new aws.cloudwatch.MetricAlarm(
        `failed-tasks-${job.spec.name}`,
        {
          name: names.failedRunsAlarm(job.spec.name),
          alarmDescription: `${job.args.name}: failed Spark tasks`,
          namespace: "Glue",
          metricName: "glue.driver.aggregate.numFailedTasks",
          dimensions: { JobName: job.args.name, JobRunId: "ALL", Type: "count" },
          statistic: "Sum",
          period: 300,
          evaluationPeriods: 1,
          threshold: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          treatMissingData: "notBreaching",
          alarmActions: [this.topicArn],
          tags,
        },
        { ...parent, dependsOn: [this.topic] },
      );
    }
    new aws.cloudwatch.Dashboard(
      "glue",
      {
        dashboardName: names.dashboard(),
        dashboardBody: JSON.stringify({
          widgets: plan.jobs.map((job, i) => ({
            type: "metric",
            x: (i % 2) * 12,
            y: Math.floor(i / 2) * 6,
            width: 12,
            height: 6,
            properties: {
              title: job.spec.name,
              region: scope.region,
              stat: "Sum",
              period: 300,
              metrics: ["numCompletedTasks", "numFailedTasks"].map((metric) => [
                "Glue",
                `glue.driver.aggregate.${metric}`,
                "JobName",
                job.args.name,
                "JobRunId",
                "ALL",
                "Type",
                "count",
              ]),
            },
          })),
        }),
      },
      parent,
    );

    new aws.budgets.Budget(
      "monthly",
      {
        name: names.budget(),
        budgetType: "COST",
        limitAmount: plan.monthlyBudgetUsd.toFixed(2),
        limitUnit: "USD",
        timeUnit: "MONTHLY",
        // The user: prefix is required, or the budget silently shows $0 (docs/aws-facts.md "Budgets and encrypted topics").
        costFilters: [{ name: "TagKeyValue", values: [`user:Project$${tags.Project}`] }],
        notifications: [
          {
            notificationType: "ACTUAL",
            comparisonOperator: "GREATER_THAN",
            threshold: 80,
            thresholdType: "PERCENTAGE",
            subscriberEmailAddresses: plan.loaded.spec.notificationEmails,
            subscriberSnsTopicArns: [this.topicArn],
          },
          {
            notificationType: "FORECASTED",
            comparisonOperator: "GREATER_THAN",
            threshold: 100,
            thresholdType: "PERCENTAGE",
            subscriberEmailAddresses: plan.loaded.spec.notificationEmails,
            subscriberSnsTopicArns: [this.topicArn],
          },
        ],
        // Until the Project tag is an active cost allocation tag the filter matches nothing and the
        // budget reads $0: the budget carries that state (docs/aws-facts.md "Budgets").
        tags: { ...tags, CostAllocationTag: budgetTagState(plan.platform.costAllocationTagsActive) },
      },
      { ...parent, dependsOn: [this.topic] },
    );
    if (!plan.platform.costAllocationTagsActive)
      void pulumi.log.warn(
        `budget ${names.budget()} filters on the Project tag, which is not yet an active cost allocation tag: ` +
          "it reads $0 until the management account activates it (billing/ stack), then set glue-platform:costAllocationTagsActive",
        this,
      );
    this.registerOutputs({});
  }
}
