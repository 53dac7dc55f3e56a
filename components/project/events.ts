/**
 * Event-triggered workflows: S3 "Object Created" events of the lake buckets (the platform turns on
 * their EventBridge notifications) on the project's prefix go through one EventBridge rule per EVENT
 * trigger to the trigger's workflow, with a role that may only notify this project's event workflows
 * (glue:NotifyEvent). The trigger's batching condition comes from the spec (docs/aws-facts.md
 * "Event triggers").
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { arns } from "../arn";
import { policyDocument, serviceTrust, toJson } from "../iam";
import { objectCreatedPattern } from "./operationsPlan";
import { TriggerPlan } from "./orchestrationPlan";
import { ProjectPlan } from "./plan";

export class ProjectEvents extends pulumi.ComponentResource {
  constructor(
    name: string,
    plan: ProjectPlan,
    deps: { workflows: Record<string, pulumi.Output<string>>; topicArn: pulumi.Output<string> },
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("glue:project:Events", name, {}, opts);
    const parent = { parent: this };
    const { names, scope, tags } = plan;
    const dqRule = plan.operations.dataQualityResultsRule;
    if (dqRule !== undefined) {
      // Glue's own data-quality result events (both sources appear in AWS's docs) → the project topic.
      const rule = new aws.cloudwatch.EventRule(
        "dq-results",
        {
          name: dqRule.name,
          description: dqRule.description,
          eventPattern: JSON.stringify(dqRule.eventPattern),
          tags,
        },
        parent,
      );
      new aws.cloudwatch.EventTarget(
        "dq-results",
        { rule: rule.name, arn: deps.topicArn.apply((a) => a) },
        parent,
      );
    }
    const triggers = plan.triggers.filter((t) => t.eventSource !== undefined);
    if (triggers.length === 0) {
      this.registerOutputs({});
      return;
    }
    const roleArn = arns.role(scope, names.eventsRole());
    const workflowArns = [...new Set(triggers.map((t) => t.eventSource?.workflowArn as string))];
    const role = new aws.iam.Role(
      "events",
      {
        name: names.eventsRole(),
        description: `${names.prefix} EventBridge to event-triggered Glue workflows (${plan.env})`,
        assumeRolePolicy: toJson(serviceTrust("events.amazonaws.com", scope.accountId)),
        tags,
      },
      parent,
    );
    const policy = new aws.iam.RolePolicy(
      "events",
      {
        role: role.name,
        name: names.eventsRolePolicy(),
        policy: toJson(
          policyDocument({
            Sid: "NotifyOwnEventWorkflows",
            Effect: "Allow",
            Action: "glue:NotifyEvent",
            Resource: workflowArns,
          }),
        ),
      },
      parent,
    );
    for (const t of triggers) {
      const source = t.eventSource as NonNullable<TriggerPlan["eventSource"]>;
      const rule = new aws.cloudwatch.EventRule(
        `event-${t.spec.name}`,
        {
          name: source.ruleName,
          description: `${names.prefix} trigger ${t.spec.name}: objects created under s3://${source.bucket}/${source.keyPrefix}`,
          eventPattern: JSON.stringify(objectCreatedPattern(source)),
          tags,
        },
        parent,
      );
      const workflow = deps.workflows[t.spec.workflow as string];
      new aws.cloudwatch.EventTarget(
        `event-${t.spec.name}`,
        {
          rule: rule.name,
          arn: workflow.apply(() => source.workflowArn),
          roleArn: pulumi.all([role.name, policy.name]).apply(() => roleArn),
        },
        parent,
      );
    }
    this.registerOutputs({});
  }
}
