import { ALWAYS_ALLOWED_TYPE, allowedTypesOf, HOW_TO_REQUEST_A_TYPE } from "../../components/resourceTypes";
import { defineResourcePolicy } from "../lib/define";
import { stackIdentity } from "../lib/stackIdentity";

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
