/** Project encryption and storage: the project key, the scripts/temp/artifacts buckets (access logs
 * to the platform access-log bucket) and the Glue
 * security configuration (S3 SSE-KMS, CloudWatch SSE-KMS, bookmarks CSE-KMS). */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ManagedKey } from "../managedKey";
import { PROJECT_BUCKET_PURPOSES, ProjectBucketPurpose } from "../naming";
import { SecureBucket } from "../secureBucket";
import { ProjectPlan } from "./plan";

export class ProjectSecurity extends pulumi.ComponentResource {
  readonly key: ManagedKey;
  readonly buckets: Record<ProjectBucketPurpose, SecureBucket>;
  readonly securityConfiguration: aws.glue.SecurityConfiguration;

  constructor(name: string, plan: ProjectPlan, opts?: pulumi.ComponentResourceOptions) {
    super("glue:project:Security", name, {}, opts);
    const prod = plan.env === "prod";
    this.key = new ManagedKey(
      "project",
      {
        scope: plan.scope,
        description: `${plan.names.prefix} (${plan.loaded.spec.displayName}) ${plan.env}: Glue logs, bookmarks, buckets, queues`,
        alias: plan.names.keyAlias(),
        deletionWindowInDays: plan.storage.keyDeletionWindowDays,
        policy: plan.keyPolicy,
        tags: plan.tags,
        protect: prod,
      },
      { parent: this },
    );
    this.buckets = Object.fromEntries(
      PROJECT_BUCKET_PURPOSES.map((purpose) => {
        const b = plan.buckets[purpose];
        return [
          purpose,
          new SecureBucket(
            purpose,
            {
              bucketName: b.name,
              bucketArn: b.arn,
              kmsKeyArn: this.key.arn,
              lifecycle: plan.storage.lifecycle[purpose],
              // Server access logs go to the platform's SSE-S3 access-log bucket (contract), under
              // this project's own folder, which the platform bucket policy allows (platform/lake.ts).
              accessLogs: {
                bucketName: plan.platform.accessLogBucket,
                prefix: plan.names.accessLogPrefix(purpose),
              },
              tags: { ...plan.tags, BucketPurpose: purpose },
              protect: prod,
            },
            { parent: this },
          ),
        ];
      }),
    ) as Record<ProjectBucketPurpose, SecureBucket>;
    this.securityConfiguration = new aws.glue.SecurityConfiguration(
      "project",
      {
        name: plan.names.securityConfiguration(),
        encryptionConfiguration: {
          s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: this.key.arn },
          cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: this.key.arn },
          jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: this.key.arn },
        },
      },
      // No UpdateSecurityConfiguration API exists: a change replaces it, and jobs refer to it by name.
      { parent: this, deleteBeforeReplace: true },
    );
    this.registerOutputs({});
  }
}
