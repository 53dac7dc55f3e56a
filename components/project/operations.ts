/** A project's operations: alerting (encrypted SNS topic with email subscriptions, job-failure
 * EventBridge rule, failed-run alarms, the dead-letter queue), a dashboard, the job-state table and
 * the budget. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { arns } from "../arn";
import { toJson } from "../iam";
import { ProjectPlan } from "./plan";

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
    const ops = plan.operations;
    this.topicArn = arns.snsTopic(scope, names.topic());

    this.topic = new aws.sns.Topic(
      "notifications",
      { name: names.topic(), kmsMasterKeyId: deps.keyArn, tags },
      parent,
    );
    new aws.sns.TopicPolicy(
      "notifications",
      {
        arn: this.topic.name.apply(() => this.topicArn),
        policy: toJson(ops.topicPolicy),
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
        kmsDataKeyReusePeriodSeconds: ops.deadLetterQueue.kmsDataKeyReusePeriodSeconds,
        messageRetentionSeconds: ops.deadLetterQueue.messageRetentionSeconds,
        tags,
      },
      parent,
    );
    new aws.sqs.QueuePolicy(
      "dead-letter",
      {
        queueUrl: deadLetter.url,
        policy: toJson(ops.deadLetterQueue.policy),
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
        deletionProtectionEnabled: ops.jobStateTable.deletionProtection,
        tags,
      },
      parent,
    );

    const rule = new aws.cloudwatch.EventRule(
      "job-failed",
      {
        name: ops.jobFailureRule.name,
        description: ops.jobFailureRule.description,
        eventPattern: JSON.stringify(ops.jobFailureRule.eventPattern),
        tags,
      },
      parent,
    );
    new aws.cloudwatch.EventTarget(
      "job-failed",
      { rule: rule.name, arn: this.topic.name.apply(() => this.topicArn) },
      parent,
    );

    for (const alarm of ops.failedTaskAlarms) {
      new aws.cloudwatch.MetricAlarm(
        `failed-tasks-${alarm.jobName}`,
        {
          name: alarm.name,
          alarmDescription: alarm.description,
          namespace: "Glue",
          metricName: "glue.driver.aggregate.numFailedTasks",
          dimensions: alarm.dimensions,
          statistic: "Sum",
          period: ops.alarmPeriodSeconds,
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
        dashboardBody: JSON.stringify(ops.dashboardBody),
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
        notifications: ops.budgetNotifications.map((n) => ({
          notificationType: n.notificationType,
          comparisonOperator: "GREATER_THAN",
          threshold: n.threshold,
          thresholdType: "PERCENTAGE",
          subscriberEmailAddresses: plan.loaded.spec.notificationEmails,
          subscriberSnsTopicArns: [this.topicArn],
        })),
        // Until the Project tag is an active cost allocation tag the filter matches nothing and the
        // budget reads $0: the budget carries that state (docs/aws-facts.md "Budgets").
        tags: { ...tags, CostAllocationTag: ops.budgetTagState },
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
