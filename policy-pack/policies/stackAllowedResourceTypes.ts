import {
  ALWAYS_ALLOWED_TYPE,
  allowedTypesOf,
  FORBIDDEN_PROJECT_PROVIDER_SETTINGS,
  HOW_TO_REQUEST_A_TYPE,
} from "../../components/resourceTypes";
import { has } from "../lib/values";
import { defineResourcePolicy, ResourceContext } from "../lib/define";
import { stackIdentity } from "../lib/stackIdentity";
import { T } from "../lib/types";

/** Default-deny: a stack registers only the resource types the platform knows and judges. */
export const stackAllowedResourceTypes = defineResourcePolicy({
  name: "stack-allowed-resource-types",
  description:
    "Default-deny: a project stack may register only the resource types on the project allowlist, the platform stack only those on the platform allowlist (components/resourceTypes.ts, listed below); providers, components and the stack itself are always allowed.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: `Remove the resource, or ${HOW_TO_REQUEST_A_TYPE}.`,
  types: "all",
  validate(ctx) {
    if (ctx.type === T.awsProvider || ctx.type === T.stack) return providerSettings(ctx);
    if (ALWAYS_ALLOWED_TYPE.test(ctx.type)) return;
    // The engine gives every custom resource a provider; a component has none and registers
    // nothing itself (its children are judged one by one).
    if (!ctx.provider) return;
    const id = stackIdentity();
    if (id.kind === "unknown") {
      ctx.report(`cannot be allowed because the stack's identity is unknown (${id.problem})`, id.fix);
      return;
    }
    if (!(ctx.type in allowedTypesOf(id.kind)))
      ctx.report(
        `is of type ${ctx.type}, which a ${id.kind} stack may not create (the platform does not judge it)`,
        HOW_TO_REQUEST_A_TYPE,
      );
  },
});

/** A project stack's AWS provider (explicit, or the default one configured by `aws:*` stack config)
 * acts in the platform's account with the deployment's own credentials: no role assumption,
 * credentials, profiles or endpoint overrides. */
function providerSettings(ctx: ResourceContext<Record<string, never>>): void {
  const id = stackIdentity();
  if (id.kind !== "project") return;
  const explicit = ctx.type === T.awsProvider;
  let config: Record<string, unknown> = {};
  try {
    config = JSON.parse(process.env.PULUMI_CONFIG || "{}") as Record<string, unknown>;
  } catch {
    config = {};
  }
  for (const key of FORBIDDEN_PROJECT_PROVIDER_SETTINGS) {
    const set = explicit ? has(ctx.props, key) : `aws:${key}` in config;
    if (set)
      ctx.report(
        explicit
          ? `sets ${key}, which would act with other credentials, accounts or endpoints`
          : `stack config aws:${key} changes the credentials, account or endpoints of the stack's AWS provider`,
        explicit
          ? `remove ${key} from the provider`
          : `remove aws:${key} from projects/Pulumi.${id.stack}.yaml`,
      );
  }
}
