/**
 * Network permissions of the project's Glue roles: describe the VPC, create Glue's interfaces in the
 * platform subnets with the project's security group, delete and tag only Glue's interfaces of the
 * platform VPC (never another project's or the platform's), read the project's connections
 * (docs/aws-facts.md "Least privilege of the project roles").
 */
import { DESCRIBE_NETWORK } from "./iamActions";
import { arn, arns } from "../arn";
import { Statement } from "../iam";
import type { ProjectIamContext } from "./iamContext";

/** The tag key Glue puts on the network interfaces it creates (AWSGlueServiceRole managed policy). */
export const GLUE_ENI_TAG = "aws-glue-service-resource";

export function networkStatements(ctx: ProjectIamContext): Statement[] {
  const { scope, platform } = ctx;
  const vpcArn = arn(scope, "ec2", `vpc/${platform.vpcId}`);
  const eni = arn(scope, "ec2", "network-interface/*");
  return [
    {
      Sid: "DescribeNetworkForGlue",
      Effect: "Allow",
      Action: [...DESCRIBE_NETWORK],
      // EC2 Describe actions support no resource-level permissions.
      Resource: "*",
    },
    {
      Sid: "CreateEnisInPlatformSubnets",
      Effect: "Allow",
      Action: "ec2:CreateNetworkInterface",
      Resource: platform.privateSubnetIds.map((id) => arn(scope, "ec2", `subnet/${id}`)),
    },
    {
      Sid: "CreateEnisWithProjectSecurityGroup",
      Effect: "Allow",
      Action: "ec2:CreateNetworkInterface",
      Resource: arn(scope, "ec2", "security-group/*"),
      Condition: { StringEquals: { "aws:ResourceTag/Project": ctx.projectTag } },
    },
    {
      Sid: "CreateEnisInPlatformVpc",
      Effect: "Allow",
      Action: "ec2:CreateNetworkInterface",
      Resource: eni,
      Condition: { ArnEquals: { "ec2:Vpc": vpcArn } },
    },
    {
      // Only interfaces Glue made (tagged aws-glue-service-resource) in the platform VPC, and none
      // tagged for another project: never the platform's endpoint interfaces.
      Sid: "DeleteGlueEnisInPlatformVpc",
      Effect: "Allow",
      Action: "ec2:DeleteNetworkInterface",
      Resource: eni,
      Condition: {
        ArnEquals: { "ec2:Vpc": vpcArn },
        Null: { [`aws:ResourceTag/${GLUE_ENI_TAG}`]: "false" },
        StringEqualsIfExists: { "aws:ResourceTag/Project": ctx.projectTag },
      },
    },
    {
      Sid: "UseProjectConnection",
      Effect: "Allow",
      Action: "glue:GetConnection",
      Resource: [arns.glueCatalog(scope), ...connectionArns(ctx)],
    },
    // Glue tags the interfaces it creates with aws-glue-service-resource. ForAllValues passes when a
    // request sends no tag keys at all, so the keys must also be present (Null false).
    {
      Sid: "TagGlueEnisInPlatformVpc",
      Effect: "Allow",
      Action: ["ec2:CreateTags", "ec2:DeleteTags"],
      Resource: eni,
      Condition: {
        ArnEquals: { "ec2:Vpc": vpcArn },
        "ForAllValues:StringEquals": { "aws:TagKeys": [GLUE_ENI_TAG] },
        Null: { "aws:TagKeys": "false" },
        StringEqualsIfExists: { "aws:ResourceTag/Project": ctx.projectTag },
      },
    },
    {
      Sid: "TagOwnSecurityGroupForGlue",
      Effect: "Allow",
      Action: ["ec2:CreateTags", "ec2:DeleteTags"],
      Resource: arn(scope, "ec2", "security-group/*"),
      Condition: {
        StringEquals: { "aws:ResourceTag/Project": ctx.projectTag },
        "ForAllValues:StringEquals": { "aws:TagKeys": [GLUE_ENI_TAG] },
        Null: { "aws:TagKeys": "false" },
      },
    },
  ];
}

/** The project's NETWORK connections, one per platform subnet. */
export function connectionArns(ctx: ProjectIamContext): string[] {
  return ctx.platform.privateSubnetIds.map((_, i) =>
    arns.glueConnection(ctx.scope, ctx.names.subnetConnection(i)),
  );
}
