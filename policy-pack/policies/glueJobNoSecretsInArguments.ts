import { defineResourcePolicy } from "../lib/define";
import { findSecrets } from "../lib/secretScan";
import { SECRET_FIX } from "../lib/secrets";
import { list, obj, stringMap } from "../lib/values";
import { T } from "../lib/types";

/** Plain values that are logged or readable by anyone who can describe the resource must not carry
 * credentials: job arguments, trigger action arguments, connection properties. */
export const glueJobNoSecretsInArguments = defineResourcePolicy({
  name: "glue-job-no-secrets-in-arguments",
  description:
    "Job arguments, trigger action arguments and connection properties carry no secrets: no secret-named keys with literal values, no credential formats (access keys, private keys, tokens, JWTs, URL passwords), no hex or high-entropy tokens, no secret keys inside JSON values, no password split beside a user name.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Keep secrets in AWS Secrets Manager (`project-{uuid}/…`, readable by the job role) or a Glue connection's SECRET_ID, and pass only the secret's name.",
  types: [T.job, T.trigger, T.connection],
  validate(ctx) {
    const maps: [string, Record<string, string>][] =
      ctx.type === T.job
        ? (["defaultArguments", "nonOverridableArguments"] as const).map((f) => [f, stringMap(ctx.props[f])])
        : ctx.type === T.trigger
          ? list(ctx.props.actions).map((a, i) => [`actions[${i}].arguments`, stringMap(obj(a).arguments)])
          : [["connectionProperties", stringMap(ctx.props.connectionProperties)]];
    for (const [field, args] of maps)
      for (const f of findSecrets(args, field)) ctx.report(`${f.path} ${f.what}`, SECRET_FIX);
  },
});
