import { defineResourcePolicy, ResourceContext } from "../lib/define";
import { projectIdOfName } from "../lib/project";
import { list, obj, str } from "../lib/values";
import { T } from "./types";

const OPEN = new Set(["0.0.0.0/0", "::/0"]);

function checkRule(
  ctx: ResourceContext<Record<string, never>>,
  where: string,
  rule: Record<string, unknown>,
  projectSg: boolean,
  direction: "ingress" | "egress",
) {
  const cidrs = [...list(rule.cidrBlocks), ...list(rule.ipv6CidrBlocks), rule.cidrIpv4, rule.cidrIpv6].filter(
    (c): c is string => typeof c === "string",
  );
  const open = cidrs.filter((c) => OPEN.has(c));
  if (open.length > 0)
    ctx.report(
      `${where} ${direction === "ingress" ? "accepts traffic from" : "sends traffic to"} ${open.join(", ")}`,
      "allow only the security group itself, prefix lists or the VPC CIDR",
    );
  if (
    projectSg &&
    direction === "ingress" &&
    !(rule.self === true) &&
    (cidrs.length > 0 ||
      list(rule.securityGroups).length > 0 ||
      rule.referencedSecurityGroupId !== undefined ||
      list(rule.prefixListIds).length > 0)
  ) {
    ctx.report(
      `${where} accepts traffic from outside the group`,
      "project security groups take ingress only from themselves (self: true)",
    );
  }
}

export const securityGroupIngress = defineResourcePolicy({
  name: "security-group-no-open-ingress",
  description:
    "No security group rule is open to 0.0.0.0/0 or ::/0; project security groups accept traffic only from themselves.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: "Remove world-open rules; for project groups use a self-referencing ingress rule only.",
  types: [T.securityGroup, T.securityGroupRule, T.sgIngressRule, T.sgEgressRule],
  validate(ctx) {
    if (ctx.type === T.securityGroup) {
      const projectSg = projectIdOfName(str(ctx.props.name)) !== undefined;
      list(ctx.props.ingress).forEach((r, i) =>
        checkRule(ctx, `ingress[${i}]`, obj(r), projectSg, "ingress"),
      );
      list(ctx.props.egress).forEach((r, i) => checkRule(ctx, `egress[${i}]`, obj(r), projectSg, "egress"));
      return;
    }
    const direction = ctx.type === T.sgEgressRule || str(ctx.props.type) === "egress" ? "egress" : "ingress";
    checkRule(ctx, "rule", ctx.props, false, direction);
  },
});
