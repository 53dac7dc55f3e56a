import { defineResourcePolicy } from "../lib/define";
import { has, peek, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

/**
 * Default-deny on what a project's EventBridge rule delivers to: the kinds the platform judges (its
 * SNS topic, a Glue workflow, an SQS queue — components/resourceTypes.ts `refs.arn`), with no
 * kind-specific target block. An API destination posts events to any HTTPS endpoint; ECS, Batch,
 * Kinesis, Redshift, SageMaker, SSM Run Command and AppSync targets run or send things the platform
 * does not judge (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html).
 * Whether the topic/workflow/queue is the project's own is judged by project-scoped-references and
 * destinations-in-project; an arn unknown at preview is judged there by its property dependencies.
 */
const ALLOWED_ARN =
  /^arn:aws[a-z-]*:(?:sns:[^:]+:\d{12}:[^:/]+|sqs:[^:]+:\d{12}:[^:/]+|glue:[^:]+:\d{12}:workflow\/[^/]+)$/;
const KIND_BLOCKS = [
  "appsyncTarget",
  "batchTarget",
  "ecsTarget",
  "httpTarget",
  "kinesisTarget",
  "redshiftTarget",
  "runCommandTargets",
  "sagemakerPipelineTarget",
];
export const eventTargetKinds = defineResourcePolicy({
  name: "event-target-kinds",
  description:
    "An EventBridge target delivers only to an SNS topic, an SQS queue or a Glue workflow (literal ARN, or the output of one of this stack's), without kind-specific target blocks (ECS, HTTP/API destination, Batch, Kinesis, Redshift, SageMaker, Run Command, AppSync).",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Target the project's notification topic, its queue or its workflow (arn: topic.arn / workflow.arn, or the literal ARN); remove the other target blocks.",
  types: [T.eventTarget],
  validate(ctx) {
    for (const k of KIND_BLOCKS)
      if (has(ctx.props, k)) {
        const v = peek(() => ctx.props[k]);
        if (v !== undefined && v !== null)
          ctx.report(`sets ${k}, a target kind the platform does not allow`, `remove ${k}`);
      }
    const arn = peek(() => ctx.props.arn);
    if (arn === UNKNOWN) return; // judged by its property dependencies in project-scoped-references
    if (typeof arn !== "string" || !ALLOWED_ARN.test(arn))
      ctx.report(
        `targets ${JSON.stringify(arn)}, which is not an SNS topic, SQS queue or Glue workflow ARN`,
        "target the project's topic, queue or workflow",
      );
  },
});
