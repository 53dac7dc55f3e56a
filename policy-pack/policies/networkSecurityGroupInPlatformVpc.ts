import { defineResourcePolicy } from "../lib/define";
import { FactsConfig, factSettings, missingFact, missingFacts } from "../lib/platformFacts";
import { stackIdentity } from "../lib/stackIdentity";
import { has, str } from "../lib/values";
import { T } from "../lib/types";

/**
 * A project's security group lives in the platform VPC. A group without vpcId is created in the
 * region's default VPC (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html),
 * one with another vpcId in a network the platform's endpoints, flow logs and routes do not cover.
 */
export const networkSecurityGroupInPlatformVpc = defineResourcePolicy<FactsConfig>({
  name: "network-security-group-in-platform-vpc",
  description:
    "A project's security group names the platform VPC (platform fact vpcId) as its vpcId; no default-VPC or other-VPC groups. Fails closed when the fact is missing.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps: "Set vpcId to the platform contract's vpcId.",
  ...factSettings("vpcId"),
  types: [T.securityGroup],
  validate(ctx) {
    if (stackIdentity().kind !== "project") return;
    if (missingFacts(ctx.config, ["vpcId"]).length > 0) {
      const m = missingFact("vpcId");
      ctx.report(m.what, m.how);
      return;
    }
    const vpc = has(ctx.props, "vpcId") ? str(ctx.props.vpcId) : undefined;
    if (vpc !== ctx.config.vpcId)
      ctx.report(
        vpc === undefined
          ? "has no vpcId, so it is created in the default VPC"
          : `is in VPC ${vpc}, not the platform VPC ${ctx.config.vpcId}`,
        `set vpcId to the platform VPC ${ctx.config.vpcId} (platform contract)`,
      );
  },
});
