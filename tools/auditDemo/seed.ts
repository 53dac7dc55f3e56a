/**
 * Test-only: creates in moto the live state a deployment would have produced — the platform network
 * and key, then one project's resources from its desired state. Uses write APIs; the audit never does.
 */
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  EC2Client,
  IpPermission,
  RevokeSecurityGroupEgressCommand,
} from "@aws-sdk/client-ec2";
import {
  CreateConnectionCommand,
  CreateCrawlerCommand,
  CreateJobCommand,
  CreateTriggerCommand,
  CreateWorkflowCommand,
  DeleteCrawlerCommand,
  DeleteJobCommand,
  GetJobCommand,
  GlueClient,
} from "@aws-sdk/client-glue";
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  IAMClient,
} from "@aws-sdk/client-iam";
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import {
  CreateBucketCommand,
  DeleteBucketEncryptionCommand,
  PutBucketEncryptionCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { CapturedResource } from "../runner/runStack";
import { MockAccount } from "../runner/mocks";
import { runOfflineCheck } from "../gate/offlineCheck";
import { auditClients } from "../audit/clients";
import { livePlatformContract } from "../audit/liveContract";
import { platformTags } from "../../components/tags";
import { isUnknownValue, PropertyMap } from "../runner/encoding";

/** The stack the demo and the live-audit tests seed (its out-of-band changes name its jobs and
 * crawlers), and the account moto serves. */
export const DEMO_STACK = "customer-360-dev";
export const DEMO_ACCOUNT: MockAccount = { accountId: "123456789012", region: "eu-west-1", partition: "aws" };

export interface Sdk {
  readonly ec2: EC2Client;
  readonly glue: GlueClient;
  readonly iam: IAMClient;
  readonly kms: KMSClient;
  readonly s3: S3Client;
}

export function sdk(endpoint: string, region = "eu-west-1"): Sdk {
  const c = { region, endpoint };
  return {
    ec2: new EC2Client(c),
    glue: new GlueClient(c),
    iam: new IAMClient(c),
    kms: new KMSClient(c),
    s3: new S3Client({ ...c, forcePathStyle: true }),
  };
}

const tags = (i: PropertyMap) => (i.tags ?? {}) as Record<string, string>;
const tagList = (i: PropertyMap) => Object.entries(tags(i)).map(([Key, Value]) => ({ Key, Value }));
const known = <T>(v: T) => (isUnknownValue(v) ? undefined : v);

/** A security group as our stacks declare them: EC2's default allow-all egress removed. */
async function createSecurityGroup(
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
  for (const p of of("aws:iam/policy:Policy"))
    await c.iam.send(
      new CreatePolicyCommand({
        PolicyName: String(p.name),
        PolicyDocument: String(p.policy),
        Tags: tagList(p),
      }),
    );
  for (const r of of("aws:iam/role:Role"))
    await c.iam.send(
      new CreateRoleCommand({
        RoleName: String(r.name),
        AssumeRolePolicyDocument: String(r.assumeRolePolicy),
        Tags: tagList(r),
      }),
    );
  for (const a of of("aws:iam/rolePolicyAttachment:RolePolicyAttachment"))
    await c.iam.send(
      new AttachRolePolicyCommand({ RoleName: String(a.role), PolicyArn: String(a.policyArn) }),
    );
  const [sgIn] = of("aws:ec2/securityGroup:SecurityGroup");
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
  for (const conn of of("aws:glue/connection:Connection")) {
    const p = conn.physicalConnectionRequirements as PropertyMap;
    await c.glue.send(
      new CreateConnectionCommand({
        ConnectionInput: {
          Name: String(conn.name),
          ConnectionType: "NETWORK",
          ConnectionProperties: {},
          PhysicalConnectionRequirements: {
            SubnetId: String(p.subnetId),
            AvailabilityZone: String(p.availabilityZone),
            SecurityGroupIdList: [sg],
          },
        },
      }),
    );
  }
  for (const j of of("aws:glue/job:Job")) {
    const cmd = j.command as PropertyMap;
    await c.glue.send(
      new CreateJobCommand({
        Name: String(j.name),
        Role: String(j.roleArn),
        Command: {
          Name: String(cmd.name),
          ScriptLocation: String(cmd.scriptLocation),
          PythonVersion: cmd.pythonVersion as string | undefined,
        },
        DefaultArguments: j.defaultArguments as Record<string, string>,
        NonOverridableArguments: j.nonOverridableArguments as Record<string, string>,
        Connections: { Connections: j.connections as string[] },
        MaxRetries: j.maxRetries as number,
        Timeout: j.timeout as number,
        WorkerType: j.workerType as never,
        NumberOfWorkers: j.numberOfWorkers as number | undefined,
        MaxCapacity: j.maxCapacity as number | undefined,
        GlueVersion: j.glueVersion as string,
        SecurityConfiguration: j.securityConfiguration as string,
        ExecutionClass: j.executionClass as never,
        ExecutionProperty: j.executionProperty
          ? { MaxConcurrentRuns: (j.executionProperty as PropertyMap).maxConcurrentRuns as number }
          : undefined,
        JobRunQueuingEnabled: j.jobRunQueuingEnabled as boolean,
        Tags: tags(j),
      }),
    );
  }
  for (const cr of of("aws:glue/crawler:Crawler")) {
    await c.glue.send(
      new CreateCrawlerCommand({
        Name: String(cr.name),
        Role: String(cr.role),
        DatabaseName: String(cr.databaseName),
        Targets: {
          S3Targets: (cr.s3Targets as PropertyMap[]).map((t) => ({
            Path: String(t.path),
            ConnectionName: t.connectionName as string,
            Exclusions: (t.exclusions as string[]) ?? [],
          })),
        },
        SchemaChangePolicy: {
          DeleteBehavior: (cr.schemaChangePolicy as PropertyMap).deleteBehavior as never,
          UpdateBehavior: (cr.schemaChangePolicy as PropertyMap).updateBehavior as never,
        },
        CrawlerSecurityConfiguration: cr.securityConfiguration as string,
        Tags: tags(cr),
      }),
    );
  }
  for (const w of of("aws:glue/workflow:Workflow"))
    await c.glue.send(new CreateWorkflowCommand({ Name: String(w.name) }));
  for (const t of of("aws:glue/trigger:Trigger")) {
    const pred = t.predicate as PropertyMap | undefined;
    await c.glue.send(
      new CreateTriggerCommand({
        Name: String(t.name),
        Type: t.type as never,
        WorkflowName: t.workflowName as string | undefined,
        Schedule: t.schedule as string | undefined,
        Actions: (t.actions as PropertyMap[]).map((a) => ({
          JobName: a.jobName as string | undefined,
          CrawlerName: a.crawlerName as string | undefined,
          Arguments: a.arguments as Record<string, string> | undefined,
        })),
        Predicate: pred
          ? {
              Logical: pred.logical as never,
              Conditions: (pred.conditions as PropertyMap[]).map((x) => ({
                JobName: x.jobName as string | undefined,
                CrawlerName: x.crawlerName as string | undefined,
                State: x.state as never,
                CrawlState: x.crawlState as never,
                LogicalOperator: "EQUALS",
              })),
            }
          : undefined,
        Tags: tags(t),
      }),
    );
  }
  for (const b of of("aws:s3/bucket:Bucket")) {
    const Bucket = String(b.bucket);
    await c.s3.send(
      new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }),
    );
    await c.s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: tagList(b) } }));
  }
  const byBucket = (type: string) => of(type).map((x) => [String(x.bucket), x] as const);
  for (const [Bucket, e] of byBucket(
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  )) {
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
  for (const [Bucket, p] of byBucket("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")) {
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
  for (const [Bucket, v] of byBucket("aws:s3/bucketVersioning:BucketVersioning"))
    await c.s3.send(
      new PutBucketVersioningCommand({
        Bucket,
        VersioningConfiguration: { Status: (v.versioningConfiguration as PropertyMap).status as never },
      }),
    );
  for (const [Bucket, p] of byBucket("aws:s3/bucketPolicy:BucketPolicy"))
    await c.s3.send(new PutBucketPolicyCommand({ Bucket, Policy: String(p.policy) }));
  for (const [Bucket, o] of byBucket("aws:s3/bucketOwnershipControls:BucketOwnershipControls"))
    await c.s3.send(
      new PutBucketOwnershipControlsCommand({
        Bucket,
        OwnershipControls: { Rules: [{ ObjectOwnership: (o.rule as PropertyMap).objectOwnership as never }] },
      }),
    );
  return { securityGroupId: sg };
}

/**
 * The live state a deployment of `stack` would have produced: the platform network and key, then
 * the project's resources from its desired state computed against those live platform ids.
 * Returns the project's name prefix (`project-{uuid}`).
 */
export async function seedSampleProject(
  c: Sdk,
  endpoint: string,
  stack: string,
  account: MockAccount,
  env = "dev",
): Promise<string> {
  await seedPlatform(c, env);
  const clients = auditClients({ region: account.region, endpoint, maxRequestsPerSecond: 500 });
  const stacks = await runOfflineCheck({
    envs: [env],
    stacks: [stack],
    account,
    withPolicies: false,
    platformOverrides: async (e) => (await livePlatformContract(clients, e, account)).outputs,
  });
  const desired = stacks.find((s) => s.name === stack);
  if (!desired || desired.error)
    throw new Error(`cannot compute the desired state of ${stack}: ${desired?.error}`);
  await seedProject(c, desired.resources);
  const role = desired.resources.find((r) => r.type === "aws:iam/role:Role");
  return String(role?.inputs.name).replace(/-glue-.*$/, "");
}

/**
 * Out-of-band changes to a seeded project, one per audit category: a job recreated without its
 * connection and with 60 workers (moto has no UpdateJob), a console-style job outside any stack,
 * SSH from 0.0.0.0/0, bucket encryption removed, the data policy widened to s3:* on *, a deleted
 * crawler.
 */
export async function applyOutOfBandChanges(c: Sdk, project: string): Promise<void> {
  const P = project;
  const jobName = `${P}-job-raw-to-silver`;
  const job = (await c.glue.send(new GetJobCommand({ JobName: jobName }))).Job;
  await c.glue.send(new DeleteJobCommand({ JobName: jobName }));
  await c.glue.send(
    new CreateJobCommand({
      Name: jobName,
      Role: job?.Role as string,
      Command: job?.Command,
      GlueVersion: job?.GlueVersion,
      WorkerType: job?.WorkerType,
      NumberOfWorkers: 60,
      Timeout: job?.Timeout,
      MaxRetries: job?.MaxRetries,
      SecurityConfiguration: job?.SecurityConfiguration,
      DefaultArguments: job?.DefaultArguments,
      NonOverridableArguments: job?.NonOverridableArguments,
      Tags: { Project: P },
    }),
  );
  await c.glue.send(
    new CreateJobCommand({
      Name: "console-export",
      Role: job?.Role as string,
      Command: { Name: "glueetl", ScriptLocation: "s3://somewhere/x.py" },
    }),
  );
  const groups = await c.ec2.send(
    new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-name", Values: [`${P}-glue-sg`] }] }),
  );
  await c.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: groups.SecurityGroups?.[0].GroupId,
      IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
    }),
  );
  await c.s3.send(new DeleteBucketEncryptionCommand({ Bucket: `${P}-temp-dev` }));
  await c.iam.send(
    new CreatePolicyVersionCommand({
      PolicyArn: `arn:aws:iam::123456789012:policy/${P}-glue-data-access`,
      SetAsDefault: true,
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
      }),
    }),
  );
  await c.glue.send(new DeleteCrawlerCommand({ Name: `${P}-crawler-raw-customers` }));
}
