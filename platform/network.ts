/**
 * Private-only network: VPC, one private subnet and route table per AZ (no default route, no IGW,
 * no NAT), flow logs, and the VPC endpoints Glue jobs need (docs/aws-facts.md "Endpoints").
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountScope, arns } from "../components/arn";
import { policyDocument, serviceTrust, toJson } from "../components/iam";
import { PlatformNames } from "../components/naming";
import { planSubnets } from "./cidr";

import { GATEWAY_ENDPOINT_SERVICES, INTERFACE_ENDPOINT_SERVICES } from "../components/endpoints";

export interface PlatformNetworkArgs {
  readonly names: PlatformNames;
  readonly scope: AccountScope;
  readonly cidr: string;
  readonly availabilityZones: string[];
  readonly keyArn: pulumi.Input<string>;
  readonly logRetentionDays: number;
  readonly tags: Record<string, string>;
}

/** Endpoint policy: any action, but only by principals of the platform account. */
export function endpointPolicy(accountId: string): string {
  return toJson(
    policyDocument({
      Sid: "OnlyPlatformAccountPrincipals",
      Effect: "Allow",
      Principal: "*",
      Action: "*",
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalAccount": accountId } },
    }),
  );
}

export class PlatformNetwork extends pulumi.ComponentResource {
  readonly vpc: aws.ec2.Vpc;
  readonly subnets: aws.ec2.Subnet[];
  readonly routeTables: aws.ec2.RouteTable[];
  readonly endpointSecurityGroup: aws.ec2.SecurityGroup;
  readonly gatewayEndpoints: Record<(typeof GATEWAY_ENDPOINT_SERVICES)[number], aws.ec2.VpcEndpoint>;
  readonly interfaceEndpoints: Record<(typeof INTERFACE_ENDPOINT_SERVICES)[number], aws.ec2.VpcEndpoint>;
  readonly flowLogGroup: aws.cloudwatch.LogGroup;

  constructor(name: string, args: PlatformNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("glue:platform:Network", name, {}, opts);
    const parent = { parent: this };
    const { names, scope, tags } = args;
    const tagged = (extra: Record<string, string>) => ({ ...tags, ...extra });

    this.vpc = new aws.ec2.Vpc(
      "vpc",
      {
        cidrBlock: args.cidr,
        enableDnsHostnames: true,
        enableDnsSupport: true,
        tags: tagged({ Name: names.vpc() }),
      },
      parent,
    );
    const cidrs = planSubnets(args.cidr, args.availabilityZones.length);
    this.subnets = [];
    this.routeTables = [];
    args.availabilityZones.forEach((az, i) => {
      const subnet = new aws.ec2.Subnet(
        `private-${az}`,
        {
          vpcId: this.vpc.id,
          cidrBlock: cidrs[i],
          availabilityZone: az,
          mapPublicIpOnLaunch: false,
          tags: tagged({ Name: `${names.vpc()}-private-${az}`, Tier: "private" }),
        },
        parent,
      );
      // A route table with no routes beyond the implicit local one: the gateway endpoints add
      // their prefix-list routes, nothing adds 0.0.0.0/0.
      const routeTable = new aws.ec2.RouteTable(
        `private-${az}`,
        { vpcId: this.vpc.id, tags: tagged({ Name: `${names.vpc()}-private-${az}` }) },
        parent,
      );
      new aws.ec2.RouteTableAssociation(
        `private-${az}`,
        { subnetId: subnet.id, routeTableId: routeTable.id },
        parent,
      );
      this.subnets.push(subnet);
      this.routeTables.push(routeTable);
    });

    this.flowLogGroup = new aws.cloudwatch.LogGroup(
      "flow-logs",
      {
        name: names.flowLogGroup(),
        kmsKeyId: args.keyArn,
        retentionInDays: args.logRetentionDays,
        tags,
      },
      parent,
    );
    const flowLogGroupArn = arns.logGroup(scope, names.flowLogGroup());
    const flowLogRole = new aws.iam.Role(
      "flow-logs",
      {
        name: names.flowLogRole(),
        assumeRolePolicy: toJson(serviceTrust("vpc-flow-logs.amazonaws.com", scope.accountId)),
        tags,
      },
      parent,
    );
    const flowLogPolicy = new aws.iam.RolePolicy(
      "flow-logs",
      {
        role: flowLogRole.name,
        name: "deliver-flow-logs",
        policy: toJson(
          policyDocument({
            Effect: "Allow",
            Action: [
              "logs:CreateLogStream",
              "logs:PutLogEvents",
              "logs:DescribeLogGroups",
              "logs:DescribeLogStreams",
            ],
            Resource: [flowLogGroupArn, `${flowLogGroupArn}:*`],
          }),
        ),
      },
      parent,
    );
    new aws.ec2.FlowLog(
      "vpc",
      {
        vpcId: this.vpc.id,
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: flowLogGroupArn,
        iamRoleArn: arns.role(scope, names.flowLogRole()),
        maxAggregationInterval: 60,
        tags,
      },
      { ...parent, dependsOn: [this.flowLogGroup, flowLogPolicy] },
    );

    this.endpointSecurityGroup = new aws.ec2.SecurityGroup(
      "endpoints",
      {
        name: names.endpointSecurityGroup(),
        description: "Interface VPC endpoints: HTTPS from inside the VPC only",
        vpcId: this.vpc.id,
        ingress: [
          {
            description: "HTTPS from the VPC",
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrBlocks: [args.cidr],
          },
        ],
        egress: [],
        tags: tagged({ Name: names.endpointSecurityGroup() }),
      },
      parent,
    );

    const policy = endpointPolicy(scope.accountId);
    const serviceName = (svc: string) => `com.amazonaws.${scope.region}.${svc}`;
    const routeTableIds = this.routeTables.map((rt) => rt.id);
    const subnetIds = this.subnets.map((s) => s.id);
    this.gatewayEndpoints = Object.fromEntries(
      GATEWAY_ENDPOINT_SERVICES.map((svc) => [
        svc,
        new aws.ec2.VpcEndpoint(
          `gateway-${svc}`,
          {
            vpcId: this.vpc.id,
            serviceName: serviceName(svc),
            vpcEndpointType: "Gateway",
            routeTableIds,
            policy,
            tags: tagged({ Name: `${names.vpc()}-${svc}` }),
          },
          parent,
        ),
      ]),
    ) as PlatformNetwork["gatewayEndpoints"];
    this.interfaceEndpoints = Object.fromEntries(
      INTERFACE_ENDPOINT_SERVICES.map((svc) => [
        svc,
        new aws.ec2.VpcEndpoint(
          `interface-${svc}`,
          {
            vpcId: this.vpc.id,
            serviceName: serviceName(svc),
            vpcEndpointType: "Interface",
            privateDnsEnabled: true,
            subnetIds,
            securityGroupIds: [this.endpointSecurityGroup.id],
            policy,
            tags: tagged({ Name: `${names.vpc()}-${svc}` }),
          },
          parent,
        ),
      ]),
    ) as PlatformNetwork["interfaceEndpoints"];
    this.registerOutputs({ vpcId: this.vpc.id });
  }
}
