import { defineResourcePolicy } from "../lib/define";
import {
  PYTHON_SHELL_GLUE_VERSION,
  PYTHON_SHELL_PYTHON_VERSION,
  RAY_GLUE_VERSION,
} from "../../components/limits";
import { obj, str } from "../lib/values";
import { L, limitSchema } from "../lib/config";
import { jobView } from "../lib/jobHelpers";
import { T } from "../lib/types";

export const glueJobVersionAllowlist = defineResourcePolicy<{
  allowedGlueVersions: string[];
  rayEnabled: boolean;
}>({
  name: "glue-job-version-allowlist",
  description:
    "Glue versions are set explicitly from the allowlist (≤2.0 is end-of-life); Python shell is 3.0/3.9; Ray only where enabled.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Set glueVersion to an allowed version (Spark/streaming), 3.0 with pythonVersion 3.9 (Python shell); use Spark instead of Ray unless Ray is enabled.",
  config: { allowedGlueVersions: [...L.allowedGlueVersions], rayEnabled: L.rayEnabled },
  configSchema: limitSchema({
    allowedGlueVersions: {
      type: "array",
      items: { type: "string" },
      default: [...L.allowedGlueVersions],
      description: "Spark Glue versions allowed",
    },
    rayEnabled: {
      type: "boolean",
      default: L.rayEnabled,
      description: "Glue for Ray is closed to new AWS customers",
    },
  }),
  types: [T.job],
  validate(ctx) {
    const { command } = jobView(ctx.props);
    const version = str(ctx.props.glueVersion);
    if (command === "pythonshell") {
      const py = str(obj(ctx.props.command).pythonVersion);
      if (version !== PYTHON_SHELL_GLUE_VERSION || py !== PYTHON_SHELL_PYTHON_VERSION) {
        ctx.report(
          `is a Python shell job on Glue ${version ?? "(unset)"} / Python ${py ?? "(unset)"}`,
          `use glueVersion ${PYTHON_SHELL_GLUE_VERSION} with pythonVersion ${PYTHON_SHELL_PYTHON_VERSION}`,
        );
      }
      return;
    }
    if (command === "glueray") {
      if (!ctx.config.rayEnabled)
        ctx.report(
          "is a Ray job, but Glue for Ray is closed to new customers and not enabled here",
          "use a Spark (glueetl) job",
        );
      else if (version !== RAY_GLUE_VERSION)
        ctx.report(`is a Ray job on Glue ${version ?? "(unset)"}`, `use glueVersion ${RAY_GLUE_VERSION}`);
      return;
    }
    if (version === undefined)
      return ctx.report(
        "has no glueVersion, so the service default applies",
        `set glueVersion to one of ${ctx.config.allowedGlueVersions.join(", ")}`,
      );
    if (!ctx.config.allowedGlueVersions.includes(version))
      ctx.report(`uses Glue ${version}`, `use one of ${ctx.config.allowedGlueVersions.join(", ")}`);
  },
});
