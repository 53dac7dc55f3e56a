import { defineResourcePolicy } from "../lib/define";
import { isAccessLogBucket } from "../lib/project";
import { has, list, obj, str } from "../lib/values";
import { T } from "../lib/types";

export const s3BucketSseKms = defineResourcePolicy({
  name: "s3-bucket-sse-kms",
  description:
    "Bucket default encryption is SSE-KMS with a customer key and S3 Bucket Keys (server-access-log buckets: SSE-S3, the only kind S3 log delivery supports).",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Use the SecureBucket component, or a BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms, kmsMasterKeyId and bucketKeyEnabled true.",
  types: [T.bucketSse],
  validate(ctx) {
    const bucket = str(ctx.props.bucket);
    const rules = list(ctx.props.rules);
    if (rules.length === 0)
      return ctx.report("has no encryption rule", "add a rule with sseAlgorithm aws:kms");
    for (const r of rules) {
      const d = obj(obj(r).applyServerSideEncryptionByDefault);
      const alg = str(d.sseAlgorithm);
      if (isAccessLogBucket(bucket) && alg === "AES256") continue;
      if (alg !== "aws:kms" && alg !== "aws:kms:dsse")
        ctx.report(
          `encrypts with ${alg ?? "(none)"}`,
          "use sseAlgorithm aws:kms with the platform or project key",
        );
      else if (!has(d, "kmsMasterKeyId"))
        ctx.report("uses the AWS managed aws/s3 key", "set kmsMasterKeyId to the platform or project key");
      if (obj(r).bucketKeyEnabled !== true)
        ctx.report(
          "does not enable S3 Bucket Keys",
          "set bucketKeyEnabled: true (cuts KMS requests and cost)",
        );
    }
  },
});
