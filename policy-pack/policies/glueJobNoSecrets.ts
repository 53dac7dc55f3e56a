import { defineResourcePolicy } from "../lib/define";
import { SECRET_ARGUMENT_PATTERN } from "../../components/limits";
import { stringMap } from "../lib/values";
import { T } from "./types";

/** Values that look like credentials: AWS access keys, private keys, `password=...` pairs. */
const SECRET_VALUE =
  /(AKIA|ASIA)[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----|(password|passwd|secret|token)\s*[=:]\s*\S+/i;

export const glueJobNoSecrets = defineResourcePolicy({
  name: "glue-job-no-secrets-in-arguments",
  description: "Job arguments are logged: they must not carry secrets.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: "Keep secrets in Secrets Manager or a Glue connection and pass only the secret's name.",
  types: [T.job],
  validate(ctx) {
    for (const field of ["defaultArguments", "nonOverridableArguments"] as const) {
      for (const [k, v] of Object.entries(stringMap(ctx.props[field]))) {
        if (SECRET_ARGUMENT_PATTERN.test(k) && !/-id$|_ID$|secret-name|SECRET_NAME|secret_id/i.test(k))
          ctx.report(
            `${field} "${k}" looks like a secret`,
            "pass the name of a Secrets Manager secret instead",
          );
        else if (SECRET_VALUE.test(v))
          ctx.report(
            `${field} "${k}" has a value that looks like a credential`,
            "remove it and read it from Secrets Manager",
          );
      }
    }
  },
});
