import { defineResourcePolicy } from "../lib/define";
import { T } from "../lib/types";

export const prodDataProtected = defineResourcePolicy({
  name: "prod-data-protected",
  description:
    "In prod, buckets and KMS keys are `protect`ed so a stray change cannot delete data. Enabled in prod only.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Create them with { protect: true, retainOnDelete: true } (SecureBucket/ManagedKey do in prod).",
  types: [T.bucket, T.kmsKey],
  validate(ctx) {
    if (!ctx.protect) ctx.report("is not protected", "add the resource option protect: true");
  },
});
