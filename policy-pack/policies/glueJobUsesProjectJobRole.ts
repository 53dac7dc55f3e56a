import { defineResourcePolicy } from "../lib/define";
import { ownerOrReport, projectNamesOf, roleNameOf } from "../lib/project";
import { peek, str, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

export const glueJobUsesProjectJobRole = defineResourcePolicy({
  name: "glue-job-uses-project-job-role",
  description:
    "A job runs as its own project's job role: never the crawler or dev role, never another project's.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: "Set roleArn to the ARN of project-{uuid}-glue-job-role of the job's own project.",
  types: [T.job],
  validate(ctx) {
    const owner = ownerOrReport(ctx.props.name, "job", ctx.report);
    if (!owner) return;
    const expected = projectNamesOf(owner).jobRole();
    const raw = peek(() => ctx.props.roleArn);
    // `roleArn: role.arn` of a Role of this stack is unknown at preview: glue-role-by-dependency judges it.
    if (raw === UNKNOWN) return;
    const role = roleNameOf(str(raw));
    if (role !== expected)
      ctx.report(`runs as role "${role ?? str(raw) ?? "(none)"}"`, `use the role ${expected}`);
  },
});
