/** Resource cases of the policy pack: S3 buckets, KMS keys, tags and prod protection (run by tests/pack/storagePolicies.test.ts). */
import { T } from "../../../policy-pack/lib/types";
import { JOB, json, PROJECT, set, ResourceCase } from "../../support/policyCases";

export const STORAGE_CASES: ResourceCase[] = [
  {
    policy: "s3-bucket-sse-kms",
    type: T.bucketSse,
    from: { stack: PROJECT, env: "dev", type: T.bucketSse, name: "scripts" },
    fails: [
      [
        "AES256",
        set(["rules", 0, "applyServerSideEncryptionByDefault"], { sseAlgorithm: "AES256" }),
        /encrypts with AES256/,
      ],
      [
        "aws/s3 key",
        set(["rules", 0, "applyServerSideEncryptionByDefault", "kmsMasterKeyId"], undefined),
        /uses the AWS managed aws\/s3 key/,
      ],
      ["no bucket key", set(["rules", 0, "bucketKeyEnabled"], false), /does not enable S3 Bucket Keys/],
    ],
    unknown: ["rules"],
  },
  {
    policy: "s3-public-access-block-all",
    type: T.bucketPab,
    from: { stack: PROJECT, env: "dev", type: T.bucketPab, name: "temp" },
    fails: [["policy not blocked", set(["blockPublicPolicy"], false), /leaves blockPublicPolicy off/]],
    unknown: ["blockPublicAcls"],
  },
  {
    policy: "s3-bucket-policy-tls-only",
    type: T.bucketPolicy,
    from: { stack: PROJECT, env: "dev", type: T.bucketPolicy, name: "temp" },
    fails: [
      ["no TLS deny", json((d) => d.Statement.splice(0, 1)), /does not deny non-TLS requests/],
      [
        "public read",
        json((d) =>
          d.Statement.push({
            Effect: "Allow",
            Principal: "*",
            Action: "s3:GetObject",
            Resource: "arn:aws:s3:::x/*",
          }),
        ),
        /allows s3:GetObject to everyone/,
      ],
    ],
    // An unknown document is judged at pulumi up; where it comes from is judged at preview by
    // iam-resource-policy-scope (its unknown case below; tests/fixtures/noncompliant/bucket-policy-from-unrelated-output.ts).
    unknown: [],
  },
  {
    policy: "s3-no-deprecated-bucket-types",
    type: T.bucket,
    from: { stack: PROJECT, env: "dev", type: T.bucket, name: "temp" },
    fails: [["inline ACL", set(["acl"], "public-read"), /sets deprecated inline arguments acl/]],
    unknown: ["acl"],
  },
  {
    policy: "kms-key-rotation-and-deletion-window",
    type: T.kmsKey,
    from: { stack: "customer-360-prod", env: "prod", type: T.kmsKey },
    fails: [
      ["no rotation", set(["enableKeyRotation"], false), /does not rotate/],
      ["short window in prod config", set(["deletionWindowInDays"], 7), /has a 7-day deletion window/],
    ],
    config: { minDeletionWindowDays: 30 },
    unknown: ["enableKeyRotation"],
  },
  {
    policy: "required-tags",
    type: T.job,
    from: JOB,
    // Policies see tagsAll (the provider's Check merges provider defaultTags into it).
    fails: [["no Owner", set(["tagsAll", "Owner"], undefined), /is missing tags Owner/]],
    unknown: ["tagsAll"],
  },
  {
    policy: "prod-data-protected",
    type: T.bucket,
    from: { stack: "customer-360-prod", env: "prod", type: T.bucket, name: "temp" },
    fails: [],
    protect: true,
    unknown: [],
  },
];
