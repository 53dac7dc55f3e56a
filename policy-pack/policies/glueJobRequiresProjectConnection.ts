import { defineResourcePolicy } from "../lib/define";
import { projectNamesOf } from "../lib/project";
import { list, str } from "../lib/values";
import { jobView, NAME_IT, NOT_PROJECT_JOB } from "./jobHelpers";
import { T } from "./types";

export const glueJobRequiresProjectConnection = defineResourcePolicy({
  name: "glue-job-requires-project-connection",
  description: "Every Glue job runs through its own project's NETWORK connection (private subnets only).",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Set connections: [project-{uuid}-glue-network] (the project's NETWORK connection), e.g. via the project job builder.",
  types: [T.job],
  validate(ctx) {
    const job = jobView(ctx.props);
    if (!job.projectId) return ctx.report(`${NOT_PROJECT_JOB}`, NAME_IT);
    const expected = projectNamesOf(job.projectId).connection();
    const connections = list(ctx.props.connections).map(str);
    if (connections.length === 0)
      return ctx.report(
        "has no connection, so it would run outside the platform VPC",
        `set connections: ["${expected}"]`,
      );
    const foreign = connections.filter((c) => c !== expected);
    if (foreign.length > 0)
      ctx.report(
        `uses connection(s) ${foreign.map((c) => `"${c}"`).join(", ")} instead of its project's`,
        `use only "${expected}"`,
      );
  },
});
