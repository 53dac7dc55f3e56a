import { PolicyResource } from "@pulumi/policy";
import { defineStackPolicy } from "../lib/define";
import { projectIdOfName, projectNamesOf } from "../lib/project";
import { list, obj, str } from "../lib/values";
import { FACTS_FIX, factConfig, missingFacts } from "../lib/platformFacts";
import { T } from "../lib/types";

const FACTS = factConfig("privateSubnetIds");

/** Relationship checks resolved through property dependencies (values such as a new SG's id are
 * unknown at preview; the dependency on the SG resource and its name are not). */
export const glueConnectionProjectSgAndPlatformSubnet = defineStackPolicy<{ privateSubnetIds: string[] }>({
  name: "glue-connection-project-sg-and-platform-subnet",
  description:
    "A project connection uses exactly its project's security group and a private subnet of the platform.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Pass the project SecurityGroup resource's id (not a literal id) and a subnet id from the platform contract.",
  config: FACTS.config,
  configSchema: { properties: FACTS.schema },
  validate(ctx) {
    // The platform's subnets are a platform fact from the policy config: the engine never hands the
    // glue-platform StackReference (a read) to stack policies. Without the fact, fail closed.
    const platformSubnets = new Set<string>(ctx.config.privateSubnetIds);
    const missing = missingFacts(ctx.config, ["privateSubnetIds"]).length > 0;
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
      if (missing)
        ctx.report(
          conn,
          "cannot be placed: the platform's private subnet ids are missing from the policy config",
          FACTS_FIX,
        );
      else if (typeof subnet === "string" && !platformSubnets.has(subnet))
        ctx.report(
          conn,
          `uses subnet ${subnet}, not a platform private subnet`,
          `use one of ${[...platformSubnets].join(", ")}`,
        );
    }
  },
});
