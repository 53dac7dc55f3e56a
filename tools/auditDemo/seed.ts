/**
 * Demo and test only: creates in moto the live state a deployment would have produced — the platform
 * network and key (seedPlatform.ts), then one project's resources from its desired state
 * (seedProject.ts) — and the out-of-band changes the live audit must find. Uses write APIs; the audit
 * never does.
 */
import { AuthorizeSecurityGroupIngressCommand, DescribeSecurityGroupsCommand } from "@aws-sdk/client-ec2";
import {
  CreateJobCommand,
  DeleteCrawlerCommand,
  DeleteJobCommand,
  GetJobCommand,
} from "@aws-sdk/client-glue";
import { CreatePolicyVersionCommand } from "@aws-sdk/client-iam";
import { DeleteBucketEncryptionCommand } from "@aws-sdk/client-s3";
import { MockAccount } from "../runner/mocks";
import { runOfflineCheck } from "../gate/offlineCheck";
import { auditClients } from "../audit/clients";
import { livePlatformContract } from "../audit/liveContract";
import { seedPlatform } from "./seedPlatform";
import { seedProject } from "./seedProject";
import { Sdk } from "./sdk";
import { TYPE } from "../../components/typeTokens";

export { sdk } from "./sdk";
export type { Sdk } from "./sdk";

/** The stack the demo and the live-audit tests seed (its out-of-band changes name its jobs and
 * crawlers), and the account moto serves. */
export const DEMO_STACK = "customer-360-dev";
export const DEMO_ACCOUNT: MockAccount = { accountId: "123456789012", region: "eu-west-1", partition: "aws" };

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
  const role = desired.resources.find((r) => r.type === TYPE.role);
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
