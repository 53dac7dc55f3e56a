import { defineResourcePolicy } from "../lib/define";
import { ownerOrReport, projectNamesOf } from "../lib/project";
import { list, str } from "../lib/values";
import { T } from "../lib/types";

export const glueJobRequiresProjectConnection = defineResourcePolicy({
  name: "glue-job-requires-project-connection",
  description: "Every Glue job runs through its own project's NETWORK connection (private subnets only).",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Set connections: [project-{uuid}-glue-network] (the project's NETWORK connection), e.g. via the project job builder.",
  types: [T.job],
  validate(ctx) {
    const owner = ownerOrReport(ctx.props.name, "job", ctx.report);
    if (!owner) return;
    const names = projectNamesOf(owner);
    const expected = names.connection();
    const connections = list(ctx.props.connections).map(str);
    if (connections.length === 0)
      return ctx.report(
        "has no connection, so it would run outside the platform VPC",
        `set connections: ["${expected}"]`,
      );
    const foreign = connections.filter((c) => !names.isConnection(c));
    if (foreign.length > 0)
      ctx.report(
        `uses connection(s) ${foreign.map((c) => `"${c}"`).join(", ")} instead of its project's`,
        `use only the project's connections ("${expected}", "${expected}-2", …)`,
      );
  },
});
