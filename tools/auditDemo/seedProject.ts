/** Seeds moto with one project's resources from its desired state (what the offline runner captured):
 * IAM, its security group, Glue (seedGlue.ts) and its buckets with their configuration. */
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  IpPermission,
} from "@aws-sdk/client-ec2";
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { CreateKeyCommand } from "@aws-sdk/client-kms";
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
} from "@aws-sdk/client-s3";
import { CapturedResource } from "../runner/runStack";
import { PropertyMap } from "../runner/encoding";
import { seedGlue } from "./seedGlue";
import { createSecurityGroup } from "./seedPlatform";
import { known, Sdk, tagList } from "./sdk";
import { TYPE } from "../../components/typeTokens";

function permission(rule: PropertyMap, self: string): IpPermission {
  return {
    IpProtocol: String(rule.protocol),
    FromPort: rule.fromPort as number,
    ToPort: rule.toPort as number,
    IpRanges: ((rule.cidrBlocks as string[]) ?? []).map((CidrIp) => ({ CidrIp })),
    PrefixListIds: ((rule.prefixListIds as string[]) ?? []).map((PrefixListId) => ({ PrefixListId })),
    UserIdGroupPairs: [
      ...(rule.self === true ? [self] : []),
      ...((rule.securityGroups as string[]) ?? []),
    ].map((GroupId) => ({ GroupId })),
  };
}

/** Creates one project's resources from its desired state; returns ids the seed had to choose. */
export async function seedProject(
  c: Sdk,
  resources: CapturedResource[],
): Promise<{ securityGroupId: string }> {
  const of = (type: string) => resources.filter((r) => r.type === type && !r.read).map((r) => r.inputs);
  const key = (await c.kms.send(new CreateKeyCommand({}))).KeyMetadata?.Arn as string;
  for (const p of of(TYPE.policy))
    await c.iam.send(
      new CreatePolicyCommand({
        PolicyName: String(p.name),
        PolicyDocument: String(p.policy),
        Tags: tagList(p),
      }),
    );
  for (const r of of(TYPE.role))
    await c.iam.send(
      new CreateRoleCommand({
        RoleName: String(r.name),
        AssumeRolePolicyDocument: String(r.assumeRolePolicy),
        Tags: tagList(r),
      }),
    );
  for (const a of of(TYPE.rolePolicyAttachment))
    await c.iam.send(
      new AttachRolePolicyCommand({ RoleName: String(a.role), PolicyArn: String(a.policyArn) }),
    );
  // Inline policies (the events and table-optimizer roles).
  for (const p of of(TYPE.rolePolicy))
    await c.iam.send(
      new PutRolePolicyCommand({
        RoleName: String(p.role),
        PolicyName: String(p.name),
        PolicyDocument: String(p.policy),
      }),
    );
  const [sgIn] = of(TYPE.securityGroup);
  const sg = await createSecurityGroup(
    c,
    String(sgIn.name),
    String(sgIn.description),
    String(sgIn.vpcId),
    tagList(sgIn),
  );
  await c.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: sg,
      IpPermissions: (sgIn.ingress as PropertyMap[]).map((r) => permission(r, sg)),
    }),
  );
  await c.ec2.send(
    new AuthorizeSecurityGroupEgressCommand({
      GroupId: sg,
      IpPermissions: (sgIn.egress as PropertyMap[]).map((r) => permission(r, sg)),
    }),
  );
  await seedGlue(c, of, sg);
  for (const b of of(TYPE.bucket)) {
    const Bucket = String(b.bucket);
    await c.s3.send(
      new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }),
    );
    await c.s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: tagList(b) } }));
  }
  const byBucket = (type: string) => of(type).map((x) => [String(x.bucket), x] as const);
  for (const [Bucket, e] of byBucket(TYPE.bucketSse)) {
    const rule = (e.rules as PropertyMap[])[0];
    const d = rule.applyServerSideEncryptionByDefault as PropertyMap;
    await c.s3.send(
      new PutBucketEncryptionCommand({
        Bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: {
                SSEAlgorithm: d.sseAlgorithm as never,
                KMSMasterKeyID:
                  d.sseAlgorithm === "aws:kms"
                    ? ((known(d.kmsMasterKeyId) as string | undefined) ?? key)
                    : undefined,
              },
              BucketKeyEnabled: rule.bucketKeyEnabled as boolean,
            },
          ],
        },
      }),
    );
  }
  for (const [Bucket, p] of byBucket(TYPE.bucketPab)) {
    await c.s3.send(
      new PutPublicAccessBlockCommand({
        Bucket,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: p.blockPublicAcls as boolean,
          BlockPublicPolicy: p.blockPublicPolicy as boolean,
          IgnorePublicAcls: p.ignorePublicAcls as boolean,
          RestrictPublicBuckets: p.restrictPublicBuckets as boolean,
        },
      }),
    );
  }
  for (const [Bucket, v] of byBucket(TYPE.bucketVersioning))
    await c.s3.send(
      new PutBucketVersioningCommand({
        Bucket,
        VersioningConfiguration: { Status: (v.versioningConfiguration as PropertyMap).status as never },
      }),
    );
  for (const [Bucket, p] of byBucket(TYPE.bucketPolicy))
    await c.s3.send(new PutBucketPolicyCommand({ Bucket, Policy: String(p.policy) }));
  for (const [Bucket, o] of byBucket(TYPE.bucketOwnership))
    await c.s3.send(
      new PutBucketOwnershipControlsCommand({
        Bucket,
        OwnershipControls: { Rules: [{ ObjectOwnership: (o.rule as PropertyMap).objectOwnership as never }] },
      }),
    );
  return { securityGroupId: sg };
}
