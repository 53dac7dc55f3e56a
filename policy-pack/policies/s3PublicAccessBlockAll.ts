import { defineResourcePolicy } from "../lib/define";
import { T } from "../lib/types";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export const s3PublicAccessBlockAll = defineResourcePolicy({
  name: "s3-public-access-block-all",
  description: "Every public access block turns on all four settings.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true.",
  types: [T.bucketPab],
  validate(ctx) {
    const off = FLAGS.filter((f) => ctx.props[f] !== true);
    if (off.length > 0) ctx.report(`leaves ${off.join(", ")} off`, `set ${off.join(", ")} to true`);
  },
});
