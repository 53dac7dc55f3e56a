import { defineResourcePolicy } from "../lib/define";
import { num } from "../lib/values";
import { limitSchema } from "../lib/config";
import { T } from "../lib/types";

export const kmsKeyRotationAndDeletionWindow = defineResourcePolicy<{ minDeletionWindowDays: number }>({
  name: "kms-key-rotation-and-deletion-window",
  description:
    "Customer keys rotate yearly and keep a deletion window of at least the configured days (30 in prod).",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps: "Set enableKeyRotation: true and deletionWindowInDays ≥ the minimum.",
  config: { minDeletionWindowDays: 7 },
  configSchema: limitSchema({
    minDeletionWindowDays: { type: "integer", default: 7, description: "minimum KMS deletion window" },
  }),
  types: [T.kmsKey],
  validate(ctx) {
    if (ctx.props.enableKeyRotation !== true) ctx.report("does not rotate", "set enableKeyRotation: true");
    const window = num(ctx.props.deletionWindowInDays) ?? 30;
    if (window < ctx.config.minDeletionWindowDays)
      ctx.report(
        `has a ${window}-day deletion window`,
        `use at least ${ctx.config.minDeletionWindowDays} days`,
      );
  },
});
