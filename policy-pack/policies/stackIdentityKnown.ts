import { defineResourcePolicy } from "../lib/define";
import { stackIdentity } from "../lib/stackIdentity";
import { T } from "../lib/types";

/** Judged on the stack resource, which the engine analyzes before any other resource: when the
 * stack's identity cannot be learned, nothing of it is deployed (fail closed). */
export const stackIdentityKnown = defineResourcePolicy({
  name: "stack-identity-known",
  description:
    "The pack learns which stack and project it judges from the stack itself (its Pulumi project, stack name and glue-project:spec config); a stack whose identity cannot be learned is refused.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Deploy platform stacks from the repository root and project stacks from projects/ with glue-project:spec set in Pulumi.<stack>.yaml.",
  types: [T.stack],
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind === "unknown") ctx.report(`cannot be judged: ${id.problem}`, id.fix);
  },
});
