import { defineStackPolicy } from "../lib/define";
import { findSecrets } from "../lib/secretScan";
import { SECRET_FIX } from "../lib/secrets";
import { peek, UNKNOWN } from "../lib/values";

/**
 * A stack's outputs (`export const …` of the program, the root `pulumi:pulumi:Stack` resource's
 * outputs) and a component's registered outputs are stored in the state and handed to every
 * StackReference consumer. Resource policies never see them — the engine analyses a resource's inputs
 * when it is registered, and the stack resource registers its outputs only at the end — but stack
 * policies do: the engine finalises the stack's outputs before `AnalyzeStack`, which is called on each
 * resource's final outputs (pulumi/pulumi pkg/resource/deploy/deployment_executor.go,
 * step_generator.go `AnalyzeResources`; docs/pulumi-facts.md). So they are scanned here like resource
 * values (lib/secretScan.ts). A resource without a provider is the stack or a component: its outputs
 * are the program's, not a provider's.
 */
export const noSecretsInStackOutputs = defineStackPolicy({
  name: "no-secrets-in-stack-outputs",
  description:
    "No stack output (the program's exports, the root stack resource's outputs) and no component's registered output carries a secret, judged with the same scan as resource values (credential formats, user:password@host, random tokens, secret-named keys with literal values): outputs are stored in the state and readable by every StackReference consumer. Checked at pulumi preview for known outputs and at pulumi up for all.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: `Do not export the value; ${SECRET_FIX}.`,
  validate(ctx) {
    for (const r of ctx.resources) {
      if (r.provider || r.type.startsWith("pulumi:providers:")) continue; // a provider's or custom resource's
      for (const key of Object.keys(r.props)) {
        const value = peek(() => r.props[key]);
        if (value === UNKNOWN) continue; // computed: judged at pulumi up, when it is known
        for (const f of findSecrets({ [key]: value }))
          ctx.report(r, `output ${f.path.slice(1)} ${f.what}`, `do not export it; ${SECRET_FIX}`);
      }
    }
  },
});
