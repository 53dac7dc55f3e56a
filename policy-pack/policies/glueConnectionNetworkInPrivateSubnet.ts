import { defineResourcePolicy } from "../lib/define";
import { ownProjectId, projectNamesOf } from "../lib/project";
import { list, obj, str } from "../lib/values";
import { T } from "../lib/types";

export const glueConnectionNetworkInPrivateSubnet = defineResourcePolicy({
  name: "glue-connection-network-in-private-subnet",
  description:
    "Project connections are NETWORK connections with a subnet, its AZ and the project security group.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Create project-{uuid}-glue-network with connectionType NETWORK, a platform private subnet, its AZ and securityGroupIdLists [project SG].",
  types: [T.connection],
  validate(ctx) {
    const owner = ownProjectId(str(ctx.props.name));
    if (!owner)
      return ctx.report(
        "is not a project connection (project-{uuid}-glue-network)",
        "create connections only through the project stack",
      );
    if (!projectNamesOf(owner).isConnection(str(ctx.props.name)))
      ctx.report(
        `is an extra connection "${str(ctx.props.name)}"`,
        `use the project connections ${projectNamesOf(owner).connection()}[-<n>], one per platform subnet`,
      );
    const type = str(ctx.props.connectionType) ?? "JDBC";
    if (type !== "NETWORK")
      ctx.report(`is a ${type} connection`, "use connectionType NETWORK; reach data sources through the VPC");
    const pcr = obj(ctx.props.physicalConnectionRequirements);
    if (pcr.subnetId === undefined)
      ctx.report("has no subnetId", "place it in a platform private subnet from the platform contract");
    if (pcr.availabilityZone === undefined)
      ctx.report("has no availabilityZone", "set the AZ of its subnet (Glue requires it)");
    if (list(pcr.securityGroupIdLists).length === 0)
      ctx.report("has no security group", "set securityGroupIdLists to the project security group");
  },
});
