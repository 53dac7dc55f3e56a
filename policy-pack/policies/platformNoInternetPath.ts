import { defineResourcePolicy } from "../lib/define";
import { list, obj, str } from "../lib/values";
import { T } from "./types";

const DEFAULT_ROUTES = new Set(["0.0.0.0/0", "::/0"]);

export const platformNoInternetPath = defineResourcePolicy({
  name: "network-no-internet-path",
  description: "The data platform is private-only: no internet or NAT gateways and no default routes.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: "Remove the gateway or route; reach AWS services through the platform's VPC endpoints.",
  types: [T.internetGateway, T.egressOnlyInternetGateway, T.natGateway, T.route, T.routeTable],
  validate(ctx) {
    if (ctx.type === T.route) {
      const dest = str(ctx.props.destinationCidrBlock) ?? str(ctx.props.destinationIpv6CidrBlock);
      if (dest && DEFAULT_ROUTES.has(dest))
        ctx.report(`adds a default route ${dest}`, "remove it; use VPC endpoints");
      return;
    }
    if (ctx.type === T.routeTable) {
      for (const r of list(ctx.props.routes)) {
        const dest = str(obj(r).cidrBlock) ?? str(obj(r).ipv6CidrBlock);
        if (dest && DEFAULT_ROUTES.has(dest))
          ctx.report(`has an inline default route ${dest}`, "remove it; use VPC endpoints");
      }
      return;
    }
    ctx.report(
      "would give the private data network a path to the internet",
      "remove it; the platform reaches AWS through VPC endpoints",
    );
  },
});
