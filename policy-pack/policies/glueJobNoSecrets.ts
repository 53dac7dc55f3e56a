import { defineResourcePolicy } from "../lib/define";
import { SECRET_ARGUMENT_PATTERN } from "../../components/limits";
import { secretIn } from "../lib/secrets";
import { list, obj, stringMap } from "../lib/values";
import { T } from "./types";

const NAMES_A_SECRET = /-id$|_ID$|secret-name|SECRET_NAME|secret_id|SECRET_ID/i;
const FIX = "keep it in AWS Secrets Manager and pass only the secret's name (the job reads it at run time)";

/** Plain values that are logged or readable by anyone who can describe the resource must not carry
 * credentials: job arguments, trigger action arguments, connection properties. */
export const glueJobNoSecrets = defineResourcePolicy({
  name: "glue-job-no-secrets-in-arguments",
  description:
    "Job arguments, trigger action arguments and connection properties carry no secrets: no secret-named keys, no credential formats (access keys, private keys, tokens, JWTs, URL passwords), no high-entropy values.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Keep secrets in AWS Secrets Manager (or a Glue connection's SECRET_ID) and pass only the secret's name.",
  types: [T.job, T.trigger, T.connection],
  validate(ctx) {
    const maps: [string, Record<string, string>][] =
      ctx.type === T.job
        ? (["defaultArguments", "nonOverridableArguments"] as const).map((f) => [f, stringMap(ctx.props[f])])
        : ctx.type === T.trigger
          ? list(ctx.props.actions).map((a, i) => [`actions[${i}].arguments`, stringMap(obj(a).arguments)])
          : [["connectionProperties", stringMap(ctx.props.connectionProperties)]];
    for (const [field, args] of maps) {
      for (const [k, v] of Object.entries(args)) {
        const kind = secretIn(v);
        if (SECRET_ARGUMENT_PATTERN.test(k) && !NAMES_A_SECRET.test(k))
          ctx.report(`${field} "${k}" looks like a secret`, FIX);
        else if (kind) ctx.report(`${field} "${k}" holds ${kind}`, FIX);
      }
    }
  },
});
