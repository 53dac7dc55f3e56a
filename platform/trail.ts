/** CloudTrail for management events and S3 data events on the lake buckets, KMS-encrypted. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountScope, arns } from "../components/arn";
import { Statement } from "../components/iam";
import { PlatformNames } from "../components/naming";
import { SecureBucket } from "../components/secureBucket";

export interface CloudTrailLogArgs {
  readonly names: PlatformNames;
  readonly scope: AccountScope;
  readonly keyArn: pulumi.Input<string>;
  readonly lakeBucketArns: string[];
  readonly accessLogBucket: pulumi.Input<string>;
  readonly noncurrentVersionExpirationDays: number;
  readonly tags: Record<string, string>;
  readonly protect: boolean;
}

/** Key-policy statement that lets CloudTrail encrypt this account's trail logs. */
export function cloudTrailKeyStatement(scope: AccountScope, trailName: string): Statement {
  return {
    Sid: "AllowCloudTrailToEncryptLogs",
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: ["kms:GenerateDataKey*", "kms:DescribeKey"],
    Resource: "*",
    Condition: {
      StringEquals: { "aws:SourceArn": arns.trail(scope, trailName) },
      StringLike: {
        "kms:EncryptionContext:aws:cloudtrail:arn": arns.trail({ ...scope, region: "*" }, "*"),
      },
    },
  };
}

/**
 * The platform's CloudTrail trail and its bucket ("trail", never "audit": the live audit is
 * tools/audit). The component type token and its logical name in platform/index.ts keep their first
 * names ("AuditTrail", "audit"): they are part of every child's URN, and a changed URN replaces the
 * trail and its bucket unless aliased:
 * https://www.pulumi.com/docs/iac/operations/stack-management/refactoring-with-aliases/
 */
export class CloudTrailLog extends pulumi.ComponentResource {
  readonly trail: aws.cloudtrail.Trail;

  constructor(name: string, args: CloudTrailLogArgs, opts?: pulumi.ComponentResourceOptions) {
    super("glue:platform:AuditTrail", name, {}, opts);
    const { names, scope } = args;
    const bucketName = names.trailBucket();
    const bucketArn = arns.bucket(scope, bucketName);
    const trailArn = arns.trail(scope, names.trail());
    const bucket = new SecureBucket(
      "trail",
      {
        bucketName,
        bucketArn,
        kmsKeyArn: args.keyArn,
        // CloudTrail relies on the bucket's default encryption rather than sending SSE headers.
        requireSseKmsHeader: false,
        lifecycle: {
          abortIncompleteUploadDays: 7,
          noncurrentVersionExpirationDays: args.noncurrentVersionExpirationDays,
        },
        accessLogs: { bucketName: args.accessLogBucket, prefix: names.accessLogPrefix("trail") },
        extraStatements: [
          {
            Sid: "AllowCloudTrailAclCheck",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: bucketArn,
            Condition: { StringEquals: { "aws:SourceArn": trailArn } },
          },
          {
            Sid: "AllowCloudTrailWrite",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${bucketArn}/AWSLogs/${scope.accountId}/*`,
            Condition: { StringEquals: { "aws:SourceArn": trailArn } },
          },
        ],
        tags: args.tags,
        protect: args.protect,
      },
      { parent: this },
    );
    this.trail = new aws.cloudtrail.Trail(
      "trail",
      {
        name: names.trail(),
        s3BucketName: bucket.bucketName,
        kmsKeyId: args.keyArn,
        enableLogFileValidation: true,
        includeGlobalServiceEvents: true,
        isMultiRegionTrail: false,
        advancedEventSelectors: [
          { name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
          {
            name: "S3 data events on the lake buckets",
            fieldSelectors: [
              { field: "eventCategory", equals: ["Data"] },
              { field: "resources.type", equals: ["AWS::S3::Object"] },
              { field: "resources.ARN", startsWiths: args.lakeBucketArns.map((a) => `${a}/`) },
            ],
          },
        ],
        tags: args.tags,
      },
      { parent: this, dependsOn: [bucket] },
    );
    this.registerOutputs({});
  }
}
