import { PolicyResource } from "@pulumi/policy";
import { defineStackPolicy } from "../lib/define";
import { projectIdOfName, projectNamesOf } from "../lib/project";
import { list, obj, str } from "../lib/values";
import { limitSchema } from "./config";
import { T } from "./types";

/** Relationship checks resolved through property dependencies (values such as a new SG's id are
 * unknown at preview; the dependency on the SG resource and its name are not). */
export const glueConnectionPlacement = defineStackPolicy<{ platformSubnetIds: string[] }>({
  name: "glue-connection-project-sg-and-platform-subnet",
  description:
    "A project connection uses exactly its project's security group and a private subnet of the platform.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Pass the project SecurityGroup resource's id (not a literal id) and a subnet id from the platform contract.",
  config: { platformSubnetIds: [] },
  configSchema: limitSchema({
    platformSubnetIds: {
      type: "array",
      items: { type: "string" },
      default: [],
      description:
        "the platform's private subnet ids; when empty they are read from the glue-platform StackReference",
    },
  }),
  validate(ctx) {
    // The platform's subnets come from config when the platform team pins them, else from the
    // glue-platform StackReference. Whether the engine hands read resources (StackReferences) to
    // AnalyzeStack is not confirmed (docs/decisions.md); with neither source the subnet is not judged.
    const platformSubnets = new Set<string>(ctx.config.platformSubnetIds);
    for (const r of ctx.resources) {
      if (r.type === T.stackReference && /(^|\/)glue-platform\/[^/]+$/.test(str(r.props.name) ?? r.name)) {
        for (const s of list(obj(r.props.outputs).privateSubnetIds))
          if (typeof s === "string") platformSubnets.add(s);
      }
    }
    for (const conn of ctx.resources) {
      if (conn.type !== T.connection) continue;
      const owner = projectIdOfName(str(conn.props.name));
      if (!owner) continue;
      const expectedSg = projectNamesOf(owner).securityGroup();
      const deps: PolicyResource[] = conn.propertyDependencies.physicalConnectionRequirements ?? [];
      const sgs = deps.filter((d) => d.type === T.securityGroup);
      const groups = list(obj(conn.props.physicalConnectionRequirements).securityGroupIdLists);
      if (sgs.length === 0)
        ctx.report(
          conn,
          "does not take its security group from a SecurityGroup resource of this stack",
          `pass the id of ${expectedSg}`,
        );
      for (const sg of sgs) {
        if (str(sg.props.name) !== expectedSg)
          ctx.report(
            conn,
            `uses security group "${str(sg.props.name) ?? sg.name}"`,
            `use only ${expectedSg}`,
          );
      }
      if (groups.length > sgs.length)
        ctx.report(
          conn,
          `lists ${groups.length} security groups but only ${sgs.length} come from this stack`,
          `use only ${expectedSg}`,
        );
      const subnet = obj(conn.props.physicalConnectionRequirements).subnetId;
      if (platformSubnets.size > 0 && typeof subnet === "string" && !platformSubnets.has(subnet))
        ctx.report(
          conn,
          `uses subnet ${subnet}, not a platform private subnet`,
          `use one of ${[...platformSubnets].join(", ")}`,
        );
    }
  },
});
