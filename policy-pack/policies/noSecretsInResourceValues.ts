import { defineResourcePolicy } from "../lib/define";
import { findSecrets } from "../lib/secretScan";
import { peek, proxyTarget, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";
import { SECRET_FIX } from "../lib/secrets";

/** Fields `glue-job-no-secrets-in-arguments` judges; judged there, with the same scan. */
const JUDGED_ELSEWHERE: Record<string, readonly string[]> = {
  [T.job]: ["defaultArguments", "nonOverridableArguments"],
  [T.trigger]: ["actions"],
  [T.connection]: ["connectionProperties"],
};

/** Every string a resource registers ends up readable by anyone who can describe the resource and in
 * the Pulumi state: tags, descriptions, dashboard bodies, event target inputs, run properties, table
 * parameters, uploaded inline content. None may carry a credential. */
export const noSecretsInResourceValues = defineResourcePolicy({
  name: "no-secrets-in-resource-values",
  description:
    "No value of any resource carries a secret: every string of every field (nested objects, arrays and JSON strings included, map keys such as tag keys too) is free of secret-named keys with literal values, credential formats (access keys, PEM keys, tokens, JWTs, user:password@host, `curl -u user:password`, password=…, a credential named in text followed by its value), hex, mixed-case and single-case (base32, lower-case alphanumeric) random tokens, passwords split beside a user name, and credentials written as text (`pass: …`, `pwd=…`, `login user / password`, the lines of YAML, INI or .env documents inside a string; policy-pack/lib/freeTextSecrets.ts).",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: `Remove the value; ${SECRET_FIX}.`,
  types: "all",
  validate(ctx) {
    const skip = JUDGED_ELSEWHERE[ctx.type] ?? [];
    for (const field of Object.keys(ctx.props)) {
      if (skip.includes(field)) continue;
      // Computed outputs (unknown at preview) are not literals; findSecrets skips nested ones too.
      const value = peek(() => ctx.props[field]);
      if (value === UNKNOWN) continue;
      for (const f of findSecrets({ [field]: proxyTarget(value) }))
        ctx.report(`${f.path.slice(1)} ${f.what}`, SECRET_FIX);
    }
  },
});
