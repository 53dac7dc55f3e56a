import { defineStackPolicy } from "../lib/define";
import { str } from "../lib/values";
import { T } from "../lib/types";

const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";

/** An EVENT trigger fires only when EventBridge notifies its workflow: a rule target with the
 * workflow's ARN and a role (allowed glue:NotifyEvent). Without one it never starts
 * (docs/aws-facts.md "Event triggers"). */
export const glueEventTriggerWired = defineStackPolicy({
  name: "glue-event-trigger-wired",
  description:
    "Every EVENT trigger's workflow is the target of an EventBridge rule with a role, so events can start it.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Add an aws.cloudwatch.EventRule on the project's lake prefix and an EventTarget with arn = the workflow ARN and roleArn = a role allowed glue:NotifyEvent on it (the project component does).",
  validate(ctx) {
    const targets = ctx.resources.filter((r) => r.type === EVENT_TARGET);
    for (const trigger of ctx.resources.filter((r) => r.type === T.trigger)) {
      if (str(trigger.props.type) !== "EVENT") continue;
      const workflow = str(trigger.props.workflowName);
      if (workflow === undefined) {
        ctx.report(
          trigger,
          "is an EVENT trigger without a workflow",
          "set workflowName: event triggers start workflows",
        );
        continue;
      }
      const target = targets.find((t) => (str(t.props.arn) ?? "").endsWith(`:workflow/${workflow}`));
      if (!target)
        ctx.report(
          trigger,
          `starts workflow "${workflow}" on events, but no EventBridge rule targets that workflow, so it never fires`,
          "add an EventRule and an EventTarget whose arn is the workflow ARN",
        );
      else if (str(target.props.roleArn) === undefined)
        ctx.report(
          target,
          `targets workflow "${workflow}" without a role`,
          "set roleArn to a role allowed glue:NotifyEvent on the workflow",
        );
    }
  },
});
