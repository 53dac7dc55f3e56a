/** Seeds moto with what the platform stack of an environment creates: its VPC, subnets, endpoint
 * security group, gateway endpoints and KMS key alias. */
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  RevokeSecurityGroupEgressCommand,
} from "@aws-sdk/client-ec2";
import { CreateAliasCommand, CreateKeyCommand } from "@aws-sdk/client-kms";
import { platformTags } from "../../components/tags";
import { Sdk } from "./sdk";

/** A security group as our stacks declare them: EC2's default allow-all egress removed. */
export async function createSecurityGroup(
  c: Sdk,
  name: string,
  description: string,
  vpcId: string,
  tags: { Key: string; Value: string }[],
): Promise<string> {
  const sg = (
    await c.ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: name,
        Description: description,
        VpcId: vpcId,
        TagSpecifications: [{ ResourceType: "security-group", Tags: tags }],
      }),
    )
  ).GroupId as string;
  await c.ec2.send(
    new RevokeSecurityGroupEgressCommand({
      GroupId: sg,
      IpPermissions: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
    }),
  );
  return sg;
}

export async function seedPlatform(c: Sdk, env: string): Promise<void> {
  const vpc = (
    await c.ec2.send(
      new CreateVpcCommand({
        CidrBlock: "10.40.0.0/16",
        TagSpecifications: [{ ResourceType: "vpc", Tags: [{ Key: "Name", Value: `glue-platform-${env}` }] }],
      }),
    )
  ).Vpc?.VpcId as string;
  for (const [i, az] of ["eu-west-1a", "eu-west-1b"].entries())
    await c.ec2.send(
      new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.40.${i * 16}.0/20`, AvailabilityZone: az }),
    );
  // As the platform stack creates it: HTTPS from the VPC only, no egress, platform tags.
  const tags = Object.entries(platformTags(env)).map(([Key, Value]) => ({ Key, Value }));
  const sg = await createSecurityGroup(c, `glue-platform-${env}-endpoints`, "endpoints", vpc, tags);
  await c.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: sg,
      IpPermissions: [
        { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.40.0.0/16" }] },
      ],
    }),
  );
  for (const svc of ["s3", "dynamodb"])
    await c.ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: vpc,
        ServiceName: `com.amazonaws.eu-west-1.${svc}`,
        VpcEndpointType: "Gateway",
      }),
    );
  const key = (await c.kms.send(new CreateKeyCommand({}))).KeyMetadata?.KeyId as string;
  await c.kms.send(new CreateAliasCommand({ AliasName: `alias/glue-platform-${env}`, TargetKeyId: key }));
}
