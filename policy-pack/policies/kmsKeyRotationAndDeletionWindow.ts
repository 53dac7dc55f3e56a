import { defineResourcePolicy } from "../lib/define";
import { num, peek, UNKNOWN } from "../lib/values";
import { limitSchema } from "../lib/config";
import { T } from "../lib/types";

/** Yearly: AWS KMS's default rotation period. */
const MAX_ROTATION_DAYS = 365;

export const kmsKeyRotationAndDeletionWindow = defineResourcePolicy<{ minDeletionWindowDays: number }>({
  name: "kms-key-rotation-and-deletion-window",
  description:
    "Customer keys rotate at least yearly (rotationPeriodInDays ≤ 365 when set) and keep a deletion window of at least the configured days (30 in prod).",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Set enableKeyRotation: true (rotationPeriodInDays left out or ≤ 365) and deletionWindowInDays ≥ the minimum.",
  config: { minDeletionWindowDays: 7 },
  configSchema: limitSchema({
    minDeletionWindowDays: { type: "integer", default: 7, description: "minimum KMS deletion window" },
  }),
  types: [T.kmsKey],
  validate(ctx) {
    if (ctx.props.enableKeyRotation !== true) ctx.report("does not rotate", "set enableKeyRotation: true");
    // Automatic rotation runs every rotationPeriodInDays (90–2560, default 365):
    // https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
    const period = peek(() => ctx.props.rotationPeriodInDays);
    if (period === UNKNOWN || (period !== undefined && !((num(period) ?? Infinity) <= MAX_ROTATION_DAYS)))
      ctx.report(
        `rotates every ${period === UNKNOWN ? "(a period unknown at preview)" : String(period)} days, less often than yearly`,
        `leave rotationPeriodInDays out or set at most ${MAX_ROTATION_DAYS}`,
      );
    const window = num(ctx.props.deletionWindowInDays) ?? 30;
    if (window < ctx.config.minDeletionWindowDays)
      ctx.report(
        `has a ${window}-day deletion window`,
        `use at least ${ctx.config.minDeletionWindowDays} days`,
      );
  },
});
