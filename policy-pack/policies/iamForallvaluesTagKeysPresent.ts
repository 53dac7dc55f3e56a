import { defineResourcePolicy } from "../lib/define";
import { conditionValues } from "../lib/iamDoc";
import { identityDocuments, IDENTITY_POLICY_TYPES } from "../lib/iamHelpers";

/** A `ForAllValues:` condition is true when the request carries no value for the key at all, so an
 * Allow that limits tagging with `ForAllValues:… aws:TagKeys` also allows requests sending no tag
 * keys unless `Null {"aws:TagKeys": "false"}` requires them (docs/aws-facts.md "Least privilege of
 * the project roles"; IAM User Guide, single- vs multivalued context keys). */
export const iamForallvaluesTagKeysPresent = defineResourcePolicy({
  name: "iam-forallvalues-tag-keys-present",
  description:
    "An Allow limited by ForAllValues on aws:TagKeys also requires the keys to be present (Null aws:TagKeys false); otherwise a request with no tag keys passes.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps: 'Add Condition Null {"aws:TagKeys": "false"} to the statement.',
  types: IDENTITY_POLICY_TYPES,
  validate(ctx) {
    for (const { where, statements } of identityDocuments(ctx)) {
      for (const [i, s] of statements.entries()) {
        if (s.effect !== "Allow") continue;
        if (!conditionValues(s, /^ForAllValues:/i, "aws:TagKeys")) continue;
        const present = conditionValues(s, /^Null$/i, "aws:TagKeys");
        if (!present || present[0] !== "false")
          ctx.report(
            `${where} statement ${s.sid ?? i} limits aws:TagKeys with ForAllValues but does not require tag keys, so a request without tags passes`,
            'add Null {"aws:TagKeys": "false"}',
          );
      }
    }
  },
});
