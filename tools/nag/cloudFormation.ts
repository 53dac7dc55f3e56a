/**
 * Captured Pulumi resources as CloudFormation L1 constructs, for the cdk-nag peer check: the bucket,
 * queue and IAM types, with Pulumi's companion resources (encryption, public access block,
 * versioning, ownership, logging, lifecycle) folded into the bucket they configure, as a CloudFormation
 * template would declare them. Dev-only (aws-cdk-lib is a devDependency).
 */
import { App, Stack } from "aws-cdk-lib";
import { CfnManagedPolicy, CfnPolicy, CfnRole } from "aws-cdk-lib/aws-iam";
import { CfnBucket, CfnBucketPolicy } from "aws-cdk-lib/aws-s3";
import { CfnQueue, CfnQueuePolicy } from "aws-cdk-lib/aws-sqs";
import { CapturedResource } from "../runner/runStack";
import { TYPE } from "../../components/typeTokens";

type Props = Record<string, unknown>;
const inputsOf = (r: CapturedResource) => r.inputs as Props;
const obj = (v: unknown): Props =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Props) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const json = (v: unknown): unknown => (typeof v === "string" ? (JSON.parse(v) as unknown) : v);

const T = {
  bucket: TYPE.bucket,
  sse: TYPE.bucketSse,
  pab: TYPE.bucketPab,
  versioning: TYPE.bucketVersioning,
  ownership: TYPE.bucketOwnership,
  logging: TYPE.bucketLogging,
  bucketPolicy: TYPE.bucketPolicy,
  queue: TYPE.queue,
  queuePolicy: TYPE.queuePolicy,
  role: TYPE.role,
  rolePolicy: TYPE.rolePolicy,
  policy: TYPE.policy,
  attachment: TYPE.rolePolicyAttachment,
} as const;

/** Mapped types (companions included): what the peer check covers. */
export const MAPPED_TYPES: readonly string[] = Object.values(T);

const constructId = (r: CapturedResource) =>
  `${r.type.split(":").pop()}-${r.name}`.replace(/[^A-Za-z0-9-]/g, "-");

/** The bucket a companion configures, by property dependency, else by name. */
function companionsOf(bucket: CapturedResource, all: CapturedResource[], type: string): CapturedResource[] {
  const name = inputsOf(bucket).bucket;
  return all.filter(
    (r) =>
      r.type === type &&
      ((r.propertyDependencies.bucket ?? []).includes(bucket.urn) || inputsOf(r).bucket === name),
  );
}

function bucketProps(
  b: CapturedResource,
  all: CapturedResource[],
): ConstructorParameters<typeof CfnBucket>[2] {
  const one = (type: string) => companionsOf(b, all, type)[0];
  const sse = one(T.sse);
  const pab = one(T.pab);
  const versioning = one(T.versioning);
  const ownership = one(T.ownership);
  const logging = one(T.logging);
  return {
    bucketName: str(inputsOf(b).bucket),
    bucketEncryption: sse && {
      serverSideEncryptionConfiguration: list(inputsOf(sse).rules).map((rule) => {
        const d = obj(obj(rule).applyServerSideEncryptionByDefault);
        return {
          serverSideEncryptionByDefault: {
            sseAlgorithm: String(d.sseAlgorithm),
            kmsMasterKeyId: str(d.kmsMasterKeyId),
          },
          bucketKeyEnabled: obj(rule).bucketKeyEnabled === true,
        };
      }),
    },
    publicAccessBlockConfiguration: pab && {
      blockPublicAcls: inputsOf(pab).blockPublicAcls === true,
      blockPublicPolicy: inputsOf(pab).blockPublicPolicy === true,
      ignorePublicAcls: inputsOf(pab).ignorePublicAcls === true,
      restrictPublicBuckets: inputsOf(pab).restrictPublicBuckets === true,
    },
    versioningConfiguration: versioning && {
      status: String(obj(inputsOf(versioning).versioningConfiguration).status),
    },
    ownershipControls: ownership && {
      rules: [{ objectOwnership: str(obj(inputsOf(ownership).rule).objectOwnership) }],
    },
    loggingConfiguration: logging && {
      destinationBucketName: str(inputsOf(logging).targetBucket),
      logFilePrefix: str(inputsOf(logging).targetPrefix),
    },
  };
}

/** One CDK stack holding the mapped resources of one captured stack. */
export function toCloudFormation(name: string, resources: readonly CapturedResource[]): Stack {
  const all = [...resources];
  const stack = new Stack(new App(), name.replace(/[^A-Za-z0-9-]/g, "-"));
  const queues = new Map<string, CfnQueue>();
  for (const r of all) {
    const i = inputsOf(r);
    const id = constructId(r);
    if (r.type === T.bucket) new CfnBucket(stack, id, bucketProps(r, all));
    else if (r.type === T.bucketPolicy)
      new CfnBucketPolicy(stack, id, { bucket: String(i.bucket), policyDocument: json(i.policy) });
    else if (r.type === T.queue)
      queues.set(
        r.urn,
        new CfnQueue(stack, id, {
          queueName: str(i.name),
          kmsMasterKeyId: str(i.kmsMasterKeyId),
          messageRetentionPeriod:
            typeof i.messageRetentionSeconds === "number" ? i.messageRetentionSeconds : undefined,
          redrivePolicy: i.redrivePolicy === undefined ? undefined : json(i.redrivePolicy),
        }),
      );
    else if (r.type === T.role)
      new CfnRole(stack, id, {
        roleName: str(i.name),
        assumeRolePolicyDocument: json(i.assumeRolePolicy),
        managedPolicyArns: all
          .filter((a) => a.type === T.attachment && inputsOf(a).role === i.name)
          .map((a) => String(inputsOf(a).policyArn)),
      });
    else if (r.type === T.policy)
      new CfnManagedPolicy(stack, id, { managedPolicyName: str(i.name), policyDocument: json(i.policy) });
    else if (r.type === T.rolePolicy)
      new CfnPolicy(stack, id, {
        policyName: String(i.name ?? r.name),
        roles: [String(i.role)],
        policyDocument: json(i.policy),
      });
  }
  // Queue policies after the queues, so they can reference them the way a template would.
  for (const r of all.filter((x) => x.type === T.queuePolicy)) {
    const i = inputsOf(r);
    const queue = (r.propertyDependencies.queueUrl ?? []).map((u) => queues.get(u)).find((q) => q);
    new CfnQueuePolicy(stack, constructId(r), {
      queues: [queue ? queue.ref : String(i.queueUrl)],
      policyDocument: json(i.policy),
    });
  }
  return stack;
}
