import { defineResourcePolicy, ResourceContext } from "../lib/define";
import { coversEverything, parseRange, publicRanges, Range } from "../lib/cidr";
import { has, list, obj, peek, str, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

/** Route targets that lead out of the VPC (aws.ec2.Route / RouteTable `routes[]` fields). Only the
 * `local` route stays inside; gateway endpoints add their own routes through the endpoint's
 * routeTableIds, never through a route resource
 * (https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html). */
const TARGET_FIELDS = [
  "gatewayId",
  "natGatewayId",
  "transitGatewayId",
  "vpcPeeringConnectionId",
  "networkInterfaceId",
  "egressOnlyGatewayId",
  "carrierGatewayId",
  "localGatewayId",
  "coreNetworkArn",
  "vpcEndpointId",
  "instanceId",
];
const DESTINATION_FIELDS = [
  "destinationCidrBlock",
  "destinationIpv6CidrBlock",
  "destinationPrefixListId",
  "cidrBlock",
  "ipv6CidrBlock",
];

/** Types that only exist to connect a VPC to something outside it. */
const GATEWAY_TYPES = [
  T.internetGateway,
  T.egressOnlyInternetGateway,
  T.natGateway,
  T.internetGatewayAttachment,
  T.vpcPeeringConnection,
  T.vpcPeeringConnectionAccepter,
  T.vpnGateway,
  T.vpnGatewayAttachment,
  T.vpnConnection,
  T.customerGateway,
  T.carrierGateway,
  T.transitGatewayVpcAttachment,
  T.transitGatewayVpcAttachmentAccepter,
];
const DEFAULT_ROUTE_TABLE = T.defaultRouteTable;

function judgeRoute(
  ctx: ResourceContext<Record<string, never>>,
  where: string,
  route: Record<string, unknown>,
) {
  const show = (f: string) => {
    const v = peek(() => route[f]);
    return v === UNKNOWN ? "(unknown at preview)" : String(v);
  };
  const targets = TARGET_FIELDS.filter((f) => has(route, f) && peek(() => route[f]) !== "");
  const dest = DESTINATION_FIELDS.filter((f) => has(route, f)).map((f) => `${f} ${show(f)}`);
  const local = targets.length === 1 && targets[0] === "gatewayId" && peek(() => route.gatewayId) === "local";
  if (!local)
    ctx.report(
      `${where} sends ${dest.join(", ") || "traffic"} to ${targets.join(", ") || "an unspecified target"} instead of the VPC's local route`,
      "remove the route: the network is private, and gateway endpoints add their own routes (VpcEndpoint routeTableIds)",
    );
  const ranges = ["destinationCidrBlock", "destinationIpv6CidrBlock", "cidrBlock", "ipv6CidrBlock"]
    .map((f) => str(peek(() => route[f])))
    .filter((c): c is string => c !== undefined)
    .map(parseRange)
    .filter((r): r is Range => r !== undefined);
  if (local && publicRanges(ranges).length > 0)
    ctx.report(`${where} has a local route to public addresses`, "a local route covers only the VPC CIDR");
  return ranges;
}

export const networkNoInternetPath = defineResourcePolicy({
  name: "network-no-internet-path",
  description:
    "The data platform is private-only: no internet, NAT, VPN, peering or transit gateways, and no route other than the VPC's local route.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: "Remove the gateway or route; reach AWS services through the platform's VPC endpoints.",
  types: [...GATEWAY_TYPES, T.route, T.routeTable, DEFAULT_ROUTE_TABLE],
  validate(ctx) {
    if (ctx.type === T.route) {
      judgeRoute(ctx, "route", ctx.props);
      return;
    }
    if (ctx.type === T.routeTable || ctx.type === DEFAULT_ROUTE_TABLE) {
      const all = list(ctx.props.routes).flatMap((r, i) => judgeRoute(ctx, `routes[${i}]`, obj(r)));
      for (const family of coversEverything(all))
        ctx.report(`routes together cover every ${family} address`, "remove them; use VPC endpoints");
      return;
    }
    ctx.report(
      "would give the private data network a path out of the VPC",
      "remove it; the platform reaches AWS through VPC endpoints",
    );
  },
});
