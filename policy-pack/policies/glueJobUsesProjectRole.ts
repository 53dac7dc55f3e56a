import { defineResourcePolicy } from "../lib/define";
import { ownerOrReport, projectNamesOf, roleNameOf } from "../lib/project";
import { str } from "../lib/values";
import { T } from "./types";

export const glueJobUsesProjectRole = defineResourcePolicy({
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
    const role = roleNameOf(str(ctx.props.roleArn));
    if (role !== expected)
      ctx.report(`runs as role "${role ?? str(ctx.props.roleArn) ?? "(none)"}"`, `use the role ${expected}`);
  },
});
