import { defineStackPolicy } from "../lib/define";
import { GATEWAY_SERVICES, INTERFACE_SERVICES } from "../lib/platform";
import { str } from "../lib/values";
import { T } from "../lib/types";

export const networkRequiredEndpointsAndFlowLogs = defineStackPolicy({
  name: "network-required-endpoints-and-flow-logs",
  description:
    "Every VPC has S3/DynamoDB gateway endpoints, the Glue interface endpoints with private DNS, and flow logs.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps: `Add the missing endpoints (gateway: ${GATEWAY_SERVICES.join(", ")}; interface: ${INTERFACE_SERVICES.join(", ")}) and an aws.ec2.FlowLog.`,
  validate(ctx) {
    for (const vpc of ctx.resources.filter((r) => r.type === T.vpc)) {
      const inVpc = (r: { propertyDependencies: Record<string, { urn: string }[]> }) =>
        (r.propertyDependencies.vpcId ?? []).some((d) => d.urn === vpc.urn);
      const endpoints = ctx.resources.filter((r) => r.type === T.vpcEndpoint && inVpc(r));
      const service = (r: { props: Record<string, unknown> }) =>
        (str(r.props.serviceName) ?? "").split(".").pop();
      for (const svc of GATEWAY_SERVICES) {
        if (
          !endpoints.some(
            (e) => service(e) === svc && (str(e.props.vpcEndpointType) ?? "Gateway") === "Gateway",
          )
        )
          ctx.report(
            vpc,
            `has no ${svc} gateway endpoint`,
            `add a Gateway endpoint com.amazonaws.<region>.${svc} on every private route table`,
          );
      }
      for (const svc of INTERFACE_SERVICES) {
        const ep = endpoints.find((e) => service(e) === svc && str(e.props.vpcEndpointType) === "Interface");
        if (!ep)
          ctx.report(
            vpc,
            `has no ${svc} interface endpoint`,
            `add an Interface endpoint com.amazonaws.<region>.${svc} with private DNS`,
          );
        else if (ep.props.privateDnsEnabled !== true)
          ctx.report(
            ep,
            "has private DNS off, so clients would resolve the public endpoint",
            "set privateDnsEnabled: true",
          );
      }
      if (!ctx.resources.some((r) => r.type === T.flowLog && inVpc(r)))
        ctx.report(vpc, "has no flow logs", "add an aws.ec2.FlowLog to a KMS-encrypted log group");
    }
  },
});
