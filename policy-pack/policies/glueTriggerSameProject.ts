import { defineResourcePolicy } from "../lib/define";
import { ownerOrReport, projectIdOfName } from "../lib/project";
import { list, obj, str } from "../lib/values";
import { T } from "../lib/types";

export const glueTriggerSameProject = defineResourcePolicy({
  name: "glue-trigger-same-project",
  description: "A trigger starts, watches and belongs only to its own project's jobs, crawlers and workflow.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Reference only jobs/crawlers/workflows named project-{uuid}-… of the trigger's own project.",
  types: [T.trigger],
  validate(ctx) {
    const owner = ownerOrReport(ctx.props.name, "trigger", ctx.report);
    if (!owner) return;
    const check = (where: string, value: unknown) => {
      const name = str(value);
      if (name !== undefined && projectIdOfName(name) !== owner)
        ctx.report(
          `${where} "${name}" belongs to another project (or to none)`,
          "reference only this project's jobs, crawlers and workflows",
        );
    };
    check("workflowName", ctx.props.workflowName);
    list(ctx.props.actions).forEach((a, i) => {
      check(`actions[${i}].jobName`, obj(a).jobName);
      check(`actions[${i}].crawlerName`, obj(a).crawlerName);
      if (
        obj(a).securityConfiguration !== undefined &&
        !String(obj(a).securityConfiguration).startsWith(`project-${owner}-`)
      ) {
        ctx.report(
          `actions[${i}] overrides the security configuration`,
          "remove securityConfiguration from the action",
        );
      }
    });
    list(obj(ctx.props.predicate).conditions).forEach((c, i) => {
      check(`predicate.conditions[${i}].jobName`, obj(c).jobName);
      check(`predicate.conditions[${i}].crawlerName`, obj(c).crawlerName);
    });
  },
});
