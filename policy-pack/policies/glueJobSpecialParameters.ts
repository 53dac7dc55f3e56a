import { defineResourcePolicy } from "../lib/define";
import { argumentProblems } from "../lib/jobArguments";
import { jobContext } from "../lib/jobHelpers";
import { readKnown } from "../lib/walk";
import { str } from "../lib/values";
import { T } from "../lib/types";

export const glueJobSpecialParameters = defineResourcePolicy({
  name: "glue-job-special-parameters",
  description:
    "Glue special job parameters are allowlisted in defaultArguments and nonOverridableArguments: platform-locked ones (temp dir, Spark UI path, logging, metrics, extra Python files, Iceberg) only in nonOverridableArguments with exactly the platform's value; code, log and network redirections (--scriptLocation, --extra-jars, --conf other than Iceberg's, --python-modules-installer-option, …) nowhere.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Set only the job's own --NAME parameters (the spec's parameters) and the allowed Glue parameters; leave locked ones to the platform's job builder.",
  types: [T.job],
  validate(ctx) {
    const job = jobContext(str(ctx.props.name));
    for (const place of ["nonOverridableArguments", "defaultArguments"] as const) {
      const args = readKnown(ctx.props, place);
      if (!args.known) {
        ctx.report(
          `${place} is not known at preview, so its Glue parameters cannot be judged`,
          "write the arguments as known values",
        );
        continue;
      }
      if (args.value === undefined || args.value === null || typeof args.value !== "object") continue;
      for (const key of Object.keys(args.value)) {
        const v = readKnown(args.value, key);
        const value = v.known && typeof v.value === "string" ? v.value : undefined;
        if (value === undefined) {
          ctx.report(
            `${place} ${key} is not a known string at preview, so it cannot be judged`,
            `give ${key} a literal value`,
          );
          continue;
        }
        for (const [what, how] of argumentProblems(key, value, place, job)) ctx.report(what, how);
      }
    }
  },
});
