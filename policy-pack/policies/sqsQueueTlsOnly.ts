import { PolicyResource } from "@pulumi/policy";
import { defineStackPolicy } from "../lib/define";
import {
  actionMatches,
  conditionValues,
  NormalizedStatement,
  parsePolicyDocument,
  PolicyDocumentError,
  statementLabel,
} from "../lib/iamDoc";
import { DocumentState, MAKE_DOCUMENT_JUDGEABLE, policyDocument } from "../lib/ownOutputs";
import { has, str } from "../lib/values";
import { T } from "../lib/types";

/** Actions a TLS deny must cover: sending, receiving and administering the queue. */
const QUEUE_ACTIONS = [
  "sqs:SendMessage",
  "sqs:ReceiveMessage",
  "sqs:DeleteMessage",
  "sqs:GetQueueAttributes",
  "sqs:SetQueueAttributes",
  "sqs:PurgeQueue",
];

const everyone = (s: NormalizedStatement) =>
  s.principals === "*" || (s.principals !== undefined && (s.principals.AWS ?? []).includes("*"));

/** Does a Resource pattern cover the queue (by its name when known)? */
function coversQueue(resource: string, queueName: string | undefined): boolean {
  if (resource === "*") return true;
  if (!/^arn:[^:]+:sqs:/.test(resource)) return false;
  return queueName === undefined || actionMatches(resource.split(":").slice(5).join(":"), queueName);
}

function deniesInsecureTransport(s: NormalizedStatement, queueName: string | undefined): boolean {
  return (
    s.effect === "Deny" &&
    everyone(s) &&
    s.notActions.length === 0 &&
    QUEUE_ACTIONS.every((a) => s.actions.some((p) => actionMatches(p, a))) &&
    s.notResources.length === 0 &&
    s.resources.some((r) => coversQueue(r, queueName)) &&
    conditionValues(s, /^Bool(IfExists)?$/i, "aws:SecureTransport")?.[0] === "false"
  );
}

/** The queue policies that apply to a queue: its inline `policy`, and every QueuePolicy whose
 * queueUrl depends on the queue (known at preview) or, without that dependency, ends with its name. */
function policiesOf(
  queue: PolicyResource,
  all: PolicyResource[],
): { source: PolicyResource; doc: DocumentState }[] {
  const name = str(queue.props.name);
  const found: { source: PolicyResource; doc: DocumentState }[] = [];
  if (has(queue.props, "policy")) found.push({ source: queue, doc: policyDocument(queue, "policy", all) });
  for (const r of all.filter((x) => x.type === T.queuePolicy)) {
    const deps = r.propertyDependencies.queueUrl ?? [];
    const linked =
      deps.length > 0
        ? deps.some((d) => d.urn === queue.urn)
        : name !== undefined && (str(r.props.queueUrl) ?? "").endsWith(`/${name}`);
    if (linked) found.push({ source: r, doc: policyDocument(r, "policy", all) });
  }
  return found;
}

export const sqsQueueTlsOnly = defineStackPolicy({
  name: "sqs-queue-tls-only",
  description:
    "Every SQS queue has a queue policy that denies requests without TLS to everyone, and allows nothing to everyone.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    'Add an aws.sqs.QueuePolicy (queueUrl: queue.url) with {"Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":<queue ARN>,"Condition":{"Bool":{"aws:SecureTransport":"false"}}} (components/iam.ts queueGuardStatements); grant senders through their IAM roles, never to Principal "*" without a condition.',
  validate(ctx) {
    for (const queue of ctx.resources.filter((r) => r.type === T.queue)) {
      const name = str(queue.props.name);
      const docs = policiesOf(queue, ctx.resources);
      let tls = false;
      for (const { source, doc } of docs) {
        // Built from this stack's own queue/roles: judged with known values at `pulumi up`.
        if (doc.kind === "deferred") tls = true;
        if (doc.kind === "refused") ctx.report(source, doc.why, MAKE_DOCUMENT_JUDGEABLE);
        if (doc.kind !== "known") continue;
        let statements: NormalizedStatement[];
        try {
          statements = parsePolicyDocument(doc.value);
        } catch (e) {
          if (!(e instanceof PolicyDocumentError)) throw e;
          ctx.report(source, `queue policy ${e.message}`, "write a valid queue policy");
          continue;
        }
        if (statements.some((s) => deniesInsecureTransport(s, name))) tls = true;
        statements.forEach((s, i) => {
          if (s.effect === "Allow" && everyone(s) && Object.keys(s.conditions).length === 0)
            ctx.report(
              source,
              `${statementLabel(s, i)} allows ${s.actions.join(", ")} to everyone`,
              "grant the project's own roles through their IAM policies, or add a condition that pins the sender",
            );
        });
      }
      if (!tls)
        ctx.report(
          queue,
          docs.length === 0
            ? "has no queue policy, so it accepts requests without TLS"
            : "has no queue policy statement denying every SQS action to everyone without TLS",
          'add a QueuePolicy Deny of "sqs:*" on the queue to Principal "*" with Condition Bool {"aws:SecureTransport": "false"}',
        );
    }
  },
});
