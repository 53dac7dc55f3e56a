/** The shared data lake: bronze/silver/gold buckets plus the access-log bucket they log to. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountScope, arns } from "../components/arn";
import { Statement } from "../components/iam";
import { LAKE_LAYERS, LakeLayer, PlatformNames, PROJECT_NAME_WILDCARD } from "../components/naming";
import { SecureBucket } from "../components/secureBucket";
import { PlatformConfig } from "./config";

export interface LakeArgs {
  readonly names: PlatformNames;
  readonly scope: AccountScope;
  readonly config: PlatformConfig;
  readonly keyArn: pulumi.Input<string>;
  readonly tags: Record<string, string>;
}

/**
 * Who may deliver server access logs into the access-log bucket: the S3 logging service principal,
 * for source buckets of this account only (aws:SourceAccount), each kind of source into its own
 * folders (aws:SourceArn): the lake and trail buckets into theirs, project buckets (`project-*`,
 * deployed by project stacks) into `project-*` folders. Source: "Permissions for log delivery",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 * (docs/aws-facts.md).
 */
export function accessLogDeliveryStatements(names: PlatformNames, scope: AccountScope): Statement[] {
  const target = arns.bucket(scope, names.accessLogBucket());
  const platformSources = [...LAKE_LAYERS, "trail" as const];
  const delivery = (sid: string, resources: string[], sourceArns: string[]): Statement => ({
    Sid: sid,
    Effect: "Allow",
    Principal: { Service: "logging.s3.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: resources,
    Condition: {
      ArnLike: { "aws:SourceArn": sourceArns },
      StringEquals: { "aws:SourceAccount": scope.accountId },
    },
  });
  return [
    delivery(
      "AllowPlatformBucketAccessLogs",
      platformSources.map((s) => `${target}/${names.accessLogPrefix(s)}*`),
      platformSources.map((s) =>
        arns.bucket(scope, s === "trail" ? names.trailBucket() : names.lakeBucket(s)),
      ),
    ),
    delivery(
      "AllowProjectBucketAccessLogs",
      [`${target}/${PROJECT_NAME_WILDCARD}`],
      [arns.bucket(scope, PROJECT_NAME_WILDCARD)],
    ),
  ];
}

export class DataLake extends pulumi.ComponentResource {
  readonly buckets: Record<LakeLayer, SecureBucket>;
  readonly accessLogs: SecureBucket;

  constructor(name: string, args: LakeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("glue:platform:DataLake", name, {}, opts);
    const { names, scope, config, tags } = args;
    const accessLogName = names.accessLogBucket();
    // S3 server access logging only delivers to SSE-S3 buckets, so this one bucket is AES256.
    this.accessLogs = new SecureBucket(
      "access-logs",
      {
        bucketName: accessLogName,
        bucketArn: arns.bucket(scope, accessLogName),
        lifecycle: {
          abortIncompleteUploadDays: 7,
          noncurrentVersionExpirationDays: config.noncurrentVersionExpirationDays,
          expirationDays: config.accessLogRetentionDays,
        },
        extraStatements: accessLogDeliveryStatements(names, scope),
        tags: { ...tags, DataClassification: "access-logs" },
        protect: config.protectData,
      },
      { parent: this },
    );
    this.buckets = Object.fromEntries(
      LAKE_LAYERS.map((layer) => {
        const bucketName = names.lakeBucket(layer);
        return [
          layer,
          new SecureBucket(
            layer,
            {
              bucketName,
              bucketArn: arns.bucket(scope, bucketName),
              kmsKeyArn: args.keyArn,
              lifecycle: {
                abortIncompleteUploadDays: 7,
                noncurrentVersionExpirationDays: config.noncurrentVersionExpirationDays,
                transitions: layer === "bronze" ? config.bronzeTransitions : [],
              },
              accessLogs: { bucketName: this.accessLogs.bucketName, prefix: names.accessLogPrefix(layer) },
              tags: { ...tags, DataLayer: layer },
              protect: config.protectData,
            },
            { parent: this },
          ),
        ];
      }),
    ) as Record<LakeLayer, SecureBucket>;
    // Object events go to EventBridge, where project rules start event-triggered workflows on their
    // own prefix. One BucketNotification per bucket: it owns the bucket's whole notification
    // configuration (docs/aws-facts.md "Event triggers").
    for (const layer of LAKE_LAYERS) {
      new aws.s3.BucketNotification(
        `${layer}-eventbridge`,
        { bucket: this.buckets[layer].bucketName, eventbridge: true },
        { parent: this },
      );
    }
    this.registerOutputs({});
  }
}
