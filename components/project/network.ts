/** Project network: the project security group and the NETWORK Glue connection every job and
 * crawler runs through, in a platform private subnet (docs/aws-facts.md "Connections (one per subnet, failover)"). */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ProjectPlan } from "./plan";

export class ProjectNetwork extends pulumi.ComponentResource {
  readonly securityGroup: aws.ec2.SecurityGroup;
  /** The first connection of the failover order (crawler targets take one connection each). */
  readonly connection: aws.glue.Connection;
  /** One per platform subnet, in failover order. */
  readonly connections: aws.glue.Connection[];

  constructor(name: string, plan: ProjectPlan, opts?: pulumi.ComponentResourceOptions) {
    super("glue:project:Network", name, {}, opts);
    const { platform } = plan;
    const sgName = plan.names.securityGroup();
    // Glue needs a self-referencing all-TCP ingress and an open egress within the group; beyond that
    // workers only reach S3/DynamoDB (gateway prefix lists) and the interface endpoints on 443.
    this.securityGroup = new aws.ec2.SecurityGroup(
      "glue",
      {
        name: sgName,
        description: `${plan.names.prefix} Glue workers: self only, plus AWS endpoints`,
        vpcId: platform.vpcId,
        ingress: [
          {
            description: "Glue workers to each other",
            protocol: "tcp",
            fromPort: 0,
            toPort: 65535,
            self: true,
          },
        ],
        egress: [
          {
            description: "Glue workers to each other",
            protocol: "tcp",
            fromPort: 0,
            toPort: 65535,
            self: true,
          },
          {
            description: "S3 gateway endpoint",
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            prefixListIds: [platform.s3PrefixListId],
          },
          {
            description: "DynamoDB gateway endpoint",
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            prefixListIds: [platform.dynamodbPrefixListId],
          },
          {
            description: "Interface endpoints",
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            securityGroups: [platform.endpointSecurityGroupId],
          },
        ],
        tags: { ...plan.tags, Name: sgName },
      },
      { parent: this },
    );
    this.connections = plan.subnets.map(
      (subnet) =>
        new aws.glue.Connection(
          subnet.connectionName === plan.names.connection()
            ? "network"
            : `network-${subnet.availabilityZone}`,
          {
            name: subnet.connectionName,
            description: `${plan.names.prefix} private network connection (${subnet.availabilityZone})`,
            connectionType: "NETWORK",
            physicalConnectionRequirements: {
              availabilityZone: subnet.availabilityZone,
              subnetId: subnet.id,
              securityGroupIdLists: [this.securityGroup.id],
            },
            tags: plan.tags,
          },
          { parent: this },
        ),
    );
    this.connection = this.connections[0];
    this.registerOutputs({});
  }
}
