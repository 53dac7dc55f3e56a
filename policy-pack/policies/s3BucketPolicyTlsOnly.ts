import { defineResourcePolicy } from "../lib/define";
import { conditionValues, isEveryone, parsePolicyDocument, PolicyDocumentError } from "../lib/iamDoc";
import { T } from "../lib/types";
import { peek, UNKNOWN } from "../lib/values";

/**
 * A resource policy, so that at `pulumi up` it judges the known document immediately before the
 * bucket policy is created (docs/pulumi-facts.md "Policies run again at pulumi up"). A document
 * unknown at preview is left to then: where it comes from is judged at preview by
 * iam-resource-policy-scope, which accepts it only when built from this project stack's own
 * resources (policy-pack/lib/ownOutputs.ts) and refuses anything else.
 */
export const s3BucketPolicyTlsOnly = defineResourcePolicy({
  name: "s3-bucket-policy-tls-only",
  description:
    "Every bucket policy denies requests that do not use TLS, and allows nothing to everyone (a document unknown at preview is judged at pulumi up; iam-resource-policy-scope refuses it unless built from this stack's own resources).",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    'Add {"Effect":"Deny","Principal":"*","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}; never Allow Principal "*" without a condition.',
  types: [T.bucketPolicy],
  validate(ctx) {
    const policy = peek(() => ctx.props.policy);
    if (policy === UNKNOWN) return;
    let statements;
    try {
      statements = parsePolicyDocument(policy);
    } catch (e) {
      if (e instanceof PolicyDocumentError)
        return ctx.report(`policy ${e.message}`, "write a valid bucket policy");
      throw e;
    }
    const tls = statements.some(
      (s) =>
        s.effect === "Deny" &&
        isEveryone(s.principals) &&
        conditionValues(s, /^Bool$/i, "aws:SecureTransport")?.[0] === "false",
    );
    if (!tls)
      ctx.report(
        "does not deny non-TLS requests",
        'add a Deny with Condition Bool {"aws:SecureTransport": "false"}',
      );
    for (const s of statements) {
      const everyone = isEveryone(s.principals);
      if (s.effect === "Allow" && everyone && Object.keys(s.conditions).length === 0)
        ctx.report(`allows ${s.actions.join(", ")} to everyone`, "grant named principals only");
    }
  },
});
