import { defineResourcePolicy } from "../lib/define";
import { T } from "../lib/types";
import { has, peek, UNKNOWN } from "../lib/values";

/** A multi-Region primary key can be replicated into other Regions (ReplicateKey), where its
 * replicas share its key material under their own key policies
 * (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html): project data
 * encrypted with it could be decrypted outside the platform's Region. */
export const kmsKeySingleRegion = defineResourcePolicy<{ allowMultiRegionKeys: boolean }>({
  name: "kms-key-single-region",
  description:
    "KMS keys are single-Region (multiRegion unset or false) unless the platform allows multi-Region keys in this policy's config: a multi-Region key's replicas decrypt the same data in other Regions.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Remove multiRegion (or set it to false); ask the platform team if a key must span Regions.",
  config: { allowMultiRegionKeys: false },
  configSchema: {
    properties: {
      allowMultiRegionKeys: {
        type: "boolean",
        default: false,
        description: "whether the platform allows multi-Region KMS keys",
      },
    },
  },
  types: [T.kmsKey],
  validate(ctx) {
    if (ctx.config.allowMultiRegionKeys || !has(ctx.props, "multiRegion")) return;
    const v = peek(() => ctx.props.multiRegion);
    if (v === UNKNOWN)
      ctx.report("multiRegion is unknown at preview", "leave multiRegion unset, or write false literally");
    else if (v === true || v === "true")
      ctx.report(
        "is a multi-Region key, whose replicas decrypt the same data in other Regions",
        "remove multiRegion",
      );
  },
});
