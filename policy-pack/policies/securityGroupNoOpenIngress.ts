import { coversEverything, parseRange, publicRanges, Range } from "../lib/cidr";
import { defineResourcePolicy, ResourceContext } from "../lib/define";
import { projectOfResource } from "../lib/stackProject";
import { list, obj, str } from "../lib/values";
import { T } from "../lib/types";

function checkRule(
  ctx: ResourceContext<Record<string, never>>,
  where: string,
  rule: Record<string, unknown>,
  projectSg: boolean,
  direction: "ingress" | "egress",
): Range[] {
  const cidrs = [...list(rule.cidrBlocks), ...list(rule.ipv6CidrBlocks), rule.cidrIpv4, rule.cidrIpv6].filter(
    (c): c is string => typeof c === "string",
  );
  const ranges = cidrs.map(parseRange).filter((r): r is Range => r !== undefined);
  const open = publicRanges(ranges);
  if (open.length > 0)
    ctx.report(
      `${where} ${direction === "ingress" ? "accepts traffic from" : "sends traffic to"} public addresses (${open.map((r) => r.text).join(", ")})`,
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
  return ranges;
}

export const securityGroupNoOpenIngress = defineResourcePolicy({
  name: "security-group-no-open-ingress",
  description:
    "No security group rule reaches public addresses (judged by CIDR arithmetic, alone or together); project security groups accept traffic only from themselves.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: "Remove world-open rules; for project groups use a self-referencing ingress rule only.",
  types: [T.securityGroup, T.securityGroupRule, T.sgIngressRule, T.sgEgressRule],
  validate(ctx) {
    if (ctx.type === T.securityGroup) {
      const projectSg = projectOfResource(ctx.props) !== undefined;
      for (const direction of ["ingress", "egress"] as const) {
        const all = list(ctx.props[direction]).flatMap((r, i) =>
          checkRule(ctx, `${direction}[${i}]`, obj(r), projectSg, direction),
        );
        // Several narrow rules can add up to the whole internet (0.0.0.0/1 + 128.0.0.0/1).
        for (const family of coversEverything(all))
          ctx.report(
            `${direction} rules together cover every ${family} address`,
            "allow only the security group itself, prefix lists or the VPC CIDR",
          );
      }
      return;
    }
    const direction = ctx.type === T.sgEgressRule || str(ctx.props.type) === "egress" ? "egress" : "ingress";
    checkRule(ctx, "rule", ctx.props, false, direction);
  },
});
