import { PolicyResource } from "@pulumi/policy";
import { defineStackPolicy } from "../lib/define";
import { peek, str, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

const EVENT_TARGET = T.eventTarget;

/** The one resource of `type` a property's value comes from, when the value is unknown at preview
 * and its property dependencies name exactly one such resource of this stack (as other policies
 * judge same-stack references, docs/decisions.md "Cross-project"). */
function sameStackSource(r: PolicyResource, field: string, type: string): PolicyResource | undefined {
  const deps = (r.propertyDependencies[field] ?? []).filter((d) => d.type === type);
  return deps.length === 1 ? deps[0] : undefined;
}

/** A workflow name as known at preview: the literal, or the name of the stack's Workflow it comes from. */
function workflowNameOf(r: PolicyResource, field: string): string | undefined {
  const v = peek(() => r.props[field]);
  if (typeof v === "string") return v;
  if (v !== UNKNOWN) return undefined;
  const wf = sameStackSource(r, field, T.workflow);
  return wf ? str(peek(() => wf.props.name)) : undefined;
}

/** Whether a target's arn is the workflow's: a literal ARN ending in `:workflow/<name>`, or an
 * unknown value (e.g. `workflow.arn`) that comes from this stack's Workflow of that name. */
function targetsWorkflow(t: PolicyResource, workflow: string): boolean {
  const arn = peek(() => t.props.arn);
  if (typeof arn === "string") return arn.endsWith(`:workflow/${workflow}`);
  if (arn !== UNKNOWN) return false;
  const wf = sameStackSource(t, "arn", T.workflow);
  return wf !== undefined && peek(() => wf.props.name) === workflow;
}

/** A role is set: a literal, or an unknown value from one of this stack's roles (`role.arn`). */
function hasRole(t: PolicyResource): boolean {
  const role = peek(() => t.props.roleArn);
  if (typeof role === "string") return role !== "";
  return role === UNKNOWN && sameStackSource(t, "roleArn", T.role) !== undefined;
}

/** An EVENT trigger fires only when EventBridge notifies its workflow: a rule target with the
 * workflow's ARN and a role (allowed glue:NotifyEvent). Without one it never starts
 * (docs/aws-facts.md "Event triggers"). Whether the target and role are the project's own is judged
 * by destinations-in-project and project-scoped-references. */
export const glueEventTriggerWired = defineStackPolicy({
  name: "glue-event-trigger-wired",
  description:
    "Every EVENT trigger's workflow is the target of an EventBridge rule with a role, so events can start it (the target's arn literal, or the arn output of this stack's workflow).",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Add an aws.cloudwatch.EventRule on the project's lake prefix and an EventTarget with arn = the workflow ARN (or workflow.arn) and roleArn = a role allowed glue:NotifyEvent on it (the project component does).",
  validate(ctx) {
    const targets = ctx.resources.filter((r) => r.type === EVENT_TARGET);
    for (const trigger of ctx.resources.filter((r) => r.type === T.trigger)) {
      if (str(trigger.props.type) !== "EVENT") continue;
      const workflow = workflowNameOf(trigger, "workflowName");
      if (workflow === undefined) {
        ctx.report(
          trigger,
          "is an EVENT trigger without a workflow known at preview",
          "set workflowName to the workflow's name (literal, or workflow.name of this stack's workflow)",
        );
        continue;
      }
      const target = targets.find((t) => targetsWorkflow(t, workflow));
      if (!target)
        ctx.report(
          trigger,
          `starts workflow "${workflow}" on events, but no EventBridge rule targets that workflow, so it never fires`,
          "add an EventRule and an EventTarget whose arn is the workflow ARN (or workflow.arn)",
        );
      else if (!hasRole(target))
        ctx.report(
          target,
          `targets workflow "${workflow}" without a role`,
          "set roleArn to a role allowed glue:NotifyEvent on the workflow (literal ARN, or role.arn of this stack's role)",
        );
    }
  },
});
