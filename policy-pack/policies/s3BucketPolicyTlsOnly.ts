import { defineResourcePolicy } from "../lib/define";
import { conditionValues, isEveryone, parsePolicyDocument, PolicyDocumentError } from "../lib/iamDoc";
import { T } from "../lib/types";

export const s3BucketPolicyTlsOnly = defineResourcePolicy({
  name: "s3-bucket-policy-tls-only",
  description: "Every bucket policy denies requests that do not use TLS, and allows nothing to everyone.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    'Add {"Effect":"Deny","Principal":"*","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}; never Allow Principal "*" without a condition.',
  types: [T.bucketPolicy],
  validate(ctx) {
    let statements;
    try {
      statements = parsePolicyDocument(ctx.props.policy);
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
