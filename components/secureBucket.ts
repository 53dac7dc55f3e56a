/**
 * A hardened S3 bucket: one component used for the lake buckets, the access-log and trail buckets
 * and every project bucket, so the hardening is written once.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bucketGuardStatements, policyDocument, Statement, toJson } from "./iam";

export interface LifecycleArgs {
  /** Days after which incomplete multipart uploads are aborted. */
  readonly abortIncompleteUploadDays: number;
  /** Days after which noncurrent object versions expire. */
  readonly noncurrentVersionExpirationDays: number;
  /** Optional storage-class transitions of current versions. */
  readonly transitions?: readonly { days: number; storageClass: string }[];
  /** Optional expiry of current objects (temp buckets). */
  readonly expirationDays?: number;
}

export interface SecureBucketArgs {
  /** Physical bucket name from the naming module. */
  readonly bucketName: string;
  /** ARN built from the partition and the name, so it is known at preview. */
  readonly bucketArn: string;
  /** SSE-KMS key; absent only for server-access-log buckets, which S3 allows SSE-S3 only. */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** Deny PutObject requests that do not ask for SSE-KMS (default true with a KMS key). Off only for
   * buckets written by AWS services that rely on default encryption (CloudTrail). */
  readonly requireSseKmsHeader?: boolean;
  readonly lifecycle: LifecycleArgs;
  /** Where server access logs go; absent for the access-log bucket itself. */
  readonly accessLogs?: { readonly bucketName: pulumi.Input<string>; readonly prefix: string };
  /** Extra statements appended to the guard statements (service principals, project grants). */
  readonly extraStatements?: readonly Statement[];
  readonly tags: Record<string, string>;
  /** Prod data buckets are protected and retained (docs/decisions.md "Storage and encryption"). */
  readonly protect: boolean;
}

export class SecureBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: string;

  constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("glue:components:SecureBucket", name, {}, opts);
    const keep = { protect: args.protect, retainOnDelete: args.protect };
    const child = { parent: this };
    this.bucketArn = args.bucketArn;
    this.bucket = new aws.s3.Bucket(
      name,
      { bucket: args.bucketName, forceDestroy: false, objectLockEnabled: false, tags: args.tags },
      { ...child, ...keep },
    );
    // Children reference the bucket by its (known) name so that every input is known at preview,
    // while the Output still records the dependency for stack policies.
    const bucket = this.bucket.bucket;
    this.bucketName = bucket;

    new aws.s3.BucketOwnershipControls(
      name,
      { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } },
      { ...child, ...keep },
    );
    new aws.s3.BucketPublicAccessBlock(
      name,
      {
        bucket,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      { ...child, ...keep },
    );
    new aws.s3.BucketVersioning(
      name,
      { bucket, versioningConfiguration: { status: "Enabled" } },
      { ...child, ...keep },
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      name,
      {
        bucket,
        rules: [
          args.kmsKeyArn === undefined
            ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
            : {
                applyServerSideEncryptionByDefault: {
                  sseAlgorithm: "aws:kms",
                  kmsMasterKeyId: args.kmsKeyArn,
                },
                bucketKeyEnabled: true,
              },
        ],
      },
      { ...child, ...keep },
    );
    const statements = [
      ...bucketGuardStatements(args.bucketArn, {
        requireKms: args.kmsKeyArn !== undefined && (args.requireSseKmsHeader ?? true),
      }),
      ...(args.extraStatements ?? []),
    ];
    new aws.s3.BucketPolicy(
      name,
      { bucket, policy: toJson(policyDocument(...statements)) },
      { ...child, ...keep },
    );
    const lc = args.lifecycle;
    new aws.s3.BucketLifecycleConfiguration(
      name,
      {
        bucket,
        rules: [
          {
            id: "abort-incomplete-uploads",
            status: "Enabled",
            filter: {},
            abortIncompleteMultipartUpload: { daysAfterInitiation: lc.abortIncompleteUploadDays },
          },
          {
            id: "expire-noncurrent-versions",
            status: "Enabled",
            filter: {},
            noncurrentVersionExpiration: { noncurrentDays: lc.noncurrentVersionExpirationDays },
          },
          ...(lc.transitions && lc.transitions.length > 0
            ? [
                {
                  id: "transition-current-versions",
                  status: "Enabled",
                  filter: {},
                  transitions: lc.transitions.map((t) => ({ days: t.days, storageClass: t.storageClass })),
                },
              ]
            : []),
          ...(lc.expirationDays !== undefined
            ? [
                {
                  id: "expire-current-objects",
                  status: "Enabled",
                  filter: {},
                  expiration: { days: lc.expirationDays },
                },
              ]
            : []),
        ],
      },
      { ...child, ...keep },
    );
    if (args.accessLogs) {
      new aws.s3.BucketLogging(
        name,
        { bucket, targetBucket: args.accessLogs.bucketName, targetPrefix: args.accessLogs.prefix },
        { ...child, ...keep },
      );
    }
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
  }
}
