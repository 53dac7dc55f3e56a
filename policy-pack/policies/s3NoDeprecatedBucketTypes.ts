import { defineResourcePolicy } from "../lib/define";
import { has } from "../lib/values";
import { DEPRECATED_S3_TYPES, T } from "../lib/types";

const INLINE = [
  "acl",
  "policy",
  "serverSideEncryptionConfiguration",
  "versioning",
  "lifecycleRules",
  "logging",
  "grants",
  "website",
  "corsRules",
  "replicationConfiguration",
];

export const s3NoDeprecatedBucketTypes = defineResourcePolicy({
  name: "s3-no-deprecated-bucket-types",
  description:
    "No deprecated S3 V2 resource types or inline bucket arguments: rules keyed on the v7 types would never see them.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps: "Use aws.s3.Bucket plus the separate configuration resources (SecureBucket does).",
  types: [...DEPRECATED_S3_TYPES, T.bucket],
  validate(ctx) {
    if (ctx.type !== T.bucket)
      return ctx.report("uses a deprecated S3 V2 resource type", `use ${ctx.type.replace(/V2/g, "")}`);
    const inline = INLINE.filter((k) => has(ctx.props, k) && ctx.props[k] !== undefined);
    if (inline.length > 0)
      ctx.report(
        `sets deprecated inline arguments ${inline.join(", ")}`,
        "use the separate Bucket* configuration resources",
      );
  },
});
