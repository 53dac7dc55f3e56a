import { PolicyResource } from "@pulumi/policy";
import { defineStackPolicy } from "../lib/define";
import { obj, str } from "../lib/values";
import { T } from "../lib/types";

/** Each companion resource refers to its bucket through the `bucket` property: matched by the
 * property dependency (known at preview), else by the bucket name. Never by ARN. */
const REQUIRED: { type: string; what: string; ok: (r: PolicyResource) => boolean; fix: string }[] = [
  {
    type: T.bucketSse,
    what: "default encryption",
    ok: () => true,
    fix: "add a BucketServerSideEncryptionConfiguration (SecureBucket does)",
  },
  {
    type: T.bucketPab,
    what: "a public access block",
    ok: () => true,
    fix: "add a BucketPublicAccessBlock with all four settings",
  },
  {
    type: T.bucketVersioning,
    what: "versioning enabled",
    ok: (r) => str(obj(r.props.versioningConfiguration).status) === "Enabled",
    fix: "add a BucketVersioning with status Enabled",
  },
  {
    type: T.bucketOwnership,
    what: "BucketOwnerEnforced ownership",
    ok: (r) => str(obj(r.props.rule).objectOwnership) === "BucketOwnerEnforced",
    fix: "add BucketOwnershipControls with objectOwnership BucketOwnerEnforced (ACLs off)",
  },
  {
    type: T.bucketPolicy,
    what: "a bucket policy",
    ok: () => true,
    fix: "add a BucketPolicy that denies non-TLS requests",
  },
];

export const s3BucketHardening = defineStackPolicy({
  name: "s3-bucket-hardening",
  description:
    "Every bucket has SSE, a public access block, versioning, BucketOwnerEnforced and a bucket policy in the same stack.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: "Create buckets with the SecureBucket component, which adds every companion resource.",
  validate(ctx) {
    const buckets = ctx.resources.filter((r) => r.type === T.bucket);
    const companions = new Map<PolicyResource, PolicyResource[]>(buckets.map((b) => [b, []]));
    const byName = new Map(buckets.map((b) => [str(b.props.bucket), b] as const));
    for (const r of ctx.resources) {
      if (!REQUIRED.some((q) => q.type === r.type)) continue;
      const viaDep = (r.propertyDependencies.bucket ?? []).filter((d) => d.type === T.bucket);
      const targets =
        viaDep.length > 0
          ? viaDep
          : [byName.get(str(r.props.bucket))].filter((b): b is PolicyResource => b !== undefined);
      for (const b of targets) companions.get(b)?.push(r);
    }
    for (const [bucket, list] of companions) {
      for (const q of REQUIRED) {
        if (!list.some((r) => r.type === q.type && q.ok(r))) ctx.report(bucket, `has no ${q.what}`, q.fix);
      }
    }
  },
});
