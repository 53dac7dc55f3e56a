/** Reads the relevant EC2 security groups with their ingress and egress rules. */
import { TYPE as T } from "../../../components/typeTokens";
import { IpPermission, paginateDescribeSecurityGroups, SecurityGroup } from "@aws-sdk/client-ec2";
import { compact, LiveReader, tagMap } from "./liveReader";

/** One permission as a Pulumi rule: `self` for the group itself, other groups by id. */
function ruleInputs(g: SecurityGroup, p: IpPermission) {
  const others = (p.UserIdGroupPairs ?? []).filter((x) => x.GroupId !== g.GroupId).map((x) => x.GroupId);
  return compact({
    protocol: p.IpProtocol === "-1" ? "-1" : p.IpProtocol,
    fromPort: p.FromPort,
    toPort: p.ToPort,
    cidrBlocks: p.IpRanges?.length ? p.IpRanges.map((x) => x.CidrIp) : undefined,
    ipv6CidrBlocks: p.Ipv6Ranges?.length ? p.Ipv6Ranges.map((x) => x.CidrIpv6) : undefined,
    prefixListIds: p.PrefixListIds?.length ? p.PrefixListIds.map((x) => x.PrefixListId) : undefined,
    self: p.UserIdGroupPairs?.some((x) => x.GroupId === g.GroupId) ? true : undefined,
    securityGroups: others.length ? others : undefined,
  });
}

export async function readSecurityGroups(r: LiveReader): Promise<void> {
  await r.pages(
    "ec2:DescribeSecurityGroups",
    undefined,
    () => paginateDescribeSecurityGroups({ client: r.c.ec2 }, {}),
    (page) => {
      for (const g of (page.SecurityGroups ?? []).filter((x) => r.scope.isRelevantName(x.GroupName ?? ""))) {
        r.add(
          T.securityGroup,
          g.GroupName as string,
          {
            name: g.GroupName,
            vpcId: g.VpcId,
            ingress: (g.IpPermissions ?? []).map((p) => ruleInputs(g, p)),
            egress: (g.IpPermissionsEgress ?? []).map((p) => ruleInputs(g, p)),
            tags: tagMap(g.Tags),
          },
          true,
        );
      }
    },
    [`${T.securityGroup}|*`],
  );
}
