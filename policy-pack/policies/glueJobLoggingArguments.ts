import { defineResourcePolicy } from "../lib/define";
import { REQUIRED_NON_OVERRIDABLE_ARGUMENTS } from "../../components/limits";
import { stringMap } from "../lib/values";
import { T } from "../lib/types";

export const glueJobLoggingArguments = defineResourcePolicy({
  name: "glue-job-logging-arguments",
  description:
    "Logging and metrics arguments are locked in nonOverridableArguments so a run cannot turn them off.",
  severity: "medium",
  enforcementLevel: "mandatory",
  remediationSteps: `Put ${REQUIRED_NON_OVERRIDABLE_ARGUMENTS.join(", ")} = "true" in nonOverridableArguments.`,
  types: [T.job],
  validate(ctx) {
    const locked = stringMap(ctx.props.nonOverridableArguments);
    const missing = REQUIRED_NON_OVERRIDABLE_ARGUMENTS.filter((a) => locked[a] !== "true");
    if (missing.length > 0)
      ctx.report(
        `does not lock ${missing.join(", ")}`,
        `add ${missing.map((m) => `"${m}": "true"`).join(", ")} to nonOverridableArguments`,
      );
  },
});
