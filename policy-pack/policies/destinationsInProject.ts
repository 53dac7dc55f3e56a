import { PolicyResource } from "@pulumi/policy";
import { defineStackPolicy } from "../lib/define";
import { DestinationKind, judgeDestination, Owner, stackIdentities, valuesAt } from "../lib/destinations";
import { factConfig, FactsConfig, platformFacts } from "../lib/platformFacts";
import { stackIdentity } from "../lib/stackIdentity";
import { peek, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

/** A property that names where data, events, notifications or code go: its path (`[]` = every
 * element) and what it may name. Sources: the Pulumi AWS registry pages of each resource. */
interface Destination {
  readonly path: readonly string[];
  readonly kind: DestinationKind;
}

/** Properties whose mere presence moves data or code out of the project (no allowed value). */
interface Forbidden {
  readonly prop: string;
  readonly why: string;
  readonly fix: string;
}

const DESTINATIONS: Readonly<Record<string, readonly Destination[]>> = {
  [T.topicSubscription]: [
    { path: ["topic"], kind: "sns" },
    { path: ["subscriptionRoleArn"], kind: "role" },
  ],
  [T.eventRule]: [{ path: ["eventBusName"], kind: "bus" }],
  [T.eventTarget]: [
    { path: ["eventBusName"], kind: "bus" },
    { path: ["roleArn"], kind: "role" },
    { path: ["deadLetterConfig", "arn"], kind: "sqs" },
  ],
  [T.metricAlarm]: [
    { path: ["alarmActions", "[]"], kind: "sns" },
    { path: ["okActions", "[]"], kind: "sns" },
    { path: ["insufficientDataActions", "[]"], kind: "sns" },
  ],
  [T.budget]: [
    { path: ["accountId"], kind: "account" },
    { path: ["notifications", "[]", "subscriberSnsTopicArns", "[]"], kind: "sns" },
  ],
  [T.dynamoTable]: [
    { path: ["importTable", "s3BucketSource", "bucket"], kind: "bucket" },
    { path: ["importTable", "s3BucketSource", "bucketOwner"], kind: "account" },
    { path: ["restoreSourceTableArn"], kind: "dynamodb" },
    { path: ["restoreBackupArn"], kind: "dynamodb" },
    { path: ["restoreSourceName"], kind: "name" },
  ],
  [T.catalogDatabase]: [
    { path: ["targetDatabase", "catalogId"], kind: "account" },
    { path: ["targetDatabase", "databaseName"], kind: "name" },
  ],
  [T.crawler]: [
    { path: ["lakeFormationConfiguration", "accountId"], kind: "account" },
    { path: ["s3Targets", "[]", "eventQueueArn"], kind: "sqs" },
    { path: ["s3Targets", "[]", "dlqEventQueueArn"], kind: "sqs" },
  ],
};

const FORBIDDEN: Readonly<Record<string, readonly Forbidden[]>> = {
  [T.dynamoTable]: [
    {
      prop: "replicas",
      why: "replicates the project's data to other regions (global table)",
      fix: "remove replicas; project data stays in the platform region",
    },
    {
      prop: "globalTableWitness",
      why: "makes the table a multi-Region global table with a witness in another region",
      fix: "remove globalTableWitness; project data stays in the platform region",
    },
  ],
  [T.job]: [
    {
      prop: "sourceControlDetails",
      why: "takes the job's code from a source-control repository instead of the project's scripts bucket",
      fix: "remove sourceControlDetails; upload the script to the project's scripts bucket",
    },
  ],
};

/** SNS protocols (https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html), default-deny:
 * only what the design needs — email ones to the project's notification addresses, sqs to the
 * project's own queue (a type a project stack may create). Every other protocol is refused: http(s),
 * firehose, application and sms send notifications out of the account, and `lambda` runs code no
 * project stack may create or the pack judge (alarm actions to a function are refused alike). */
const SUBSCRIPTION_ENDPOINT: Readonly<Record<string, DestinationKind | "email">> = {
  email: "email",
  "email-json": "email",
  sqs: "sqs",
};

/** Lake Formation principal that means "IAM policies alone decide" (docs/aws-facts.md). */
const IAM_ALLOWED_PRINCIPALS = "IAM_ALLOWED_PRINCIPALS";

type Report = (what: string, how: string) => void;

/** Whether an address is one of the spec's notification addresses (case-insensitive). */
function ownAddress(v: unknown, emails: readonly string[]): boolean {
  return typeof v === "string" && emails.some((e) => e.toLowerCase() === v.toLowerCase());
}

function judgeSubscription(
  r: PolicyResource,
  owner: Owner,
  inStack: ReadonlySet<string>,
  report: Report,
  emails: readonly string[],
) {
  const protocol = peek(() => r.props.protocol);
  if (protocol === UNKNOWN || typeof protocol !== "string") {
    report("protocol is not a known string", "set protocol to email, email-json or sqs literally");
    return;
  }
  const kind = SUBSCRIPTION_ENDPOINT[protocol];
  if (!kind) {
    report(
      `protocol "${protocol}" is not one the platform allows (email, email-json, sqs): it sends the project's notifications out of the account or into code the pack does not judge`,
      "subscribe the project's email addresses (email, email-json) or this project's queue (sqs)",
    );
    return;
  }
  if (kind === "email") {
    const endpoint = peek(() => r.props.endpoint);
    if (!ownAddress(endpoint, emails))
      report(
        `endpoint ${endpoint === UNKNOWN ? "is unknown at preview" : `"${String(endpoint)}" is not one of the project's notificationEmails`}, so notifications could go to anyone`,
        "subscribe only the addresses in the project spec's notificationEmails (the project component does)",
      );
    return;
  }
  const problem = judgeDestination(
    r,
    "endpoint",
    peek(() => r.props.endpoint),
    kind,
    owner,
    inStack,
  );
  if (problem)
    report(
      `endpoint ${problem}`,
      `subscribe only a ${protocol} resource of this project in the platform account`,
    );
}

function judgeLakePermissions(r: PolicyResource, owner: Owner, inStack: ReadonlySet<string>, report: Report) {
  valuesAt(r.props, [
    "createTableDefaultPermissions",
    "[]",
    "principal",
    "dataLakePrincipalIdentifier",
  ]).forEach((v) => {
    if (v === IAM_ALLOWED_PRINCIPALS) return;
    const problem = judgeDestination(r, "createTableDefaultPermissions", v, "role", owner, inStack);
    if (problem)
      report(
        `createTableDefaultPermissions grants new tables to a principal that ${problem}`,
        `grant only ${IAM_ALLOWED_PRINCIPALS} (IAM policies decide) or a role of this project`,
      );
  });
}

/** A JSON property (a document or a JSON string): parsed, UNKNOWN, or undefined when absent or invalid. */
function jsonProp(r: PolicyResource, key: string): { value?: unknown; unknown?: boolean; invalid?: boolean } {
  if (!(key in r.props)) return {};
  const v = peek(() => r.props[key]);
  if (v === UNKNOWN) return { unknown: true };
  if (typeof v !== "string") return { value: v };
  try {
    return { value: JSON.parse(v) };
  } catch {
    return { invalid: true };
  }
}

/** SQS redrive (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html):
 * a queue's `redrivePolicy.deadLetterTargetArn` is where its failed messages go, and its
 * `redriveAllowPolicy` says which source queues may use it as their dead-letter queue. Both must stay
 * within the project: a queue of this project in the platform account, never `allowAll`. */
function judgeQueueRedrive(r: PolicyResource, owner: Owner, inStack: ReadonlySet<string>, report: Report) {
  for (const key of ["redrivePolicy", "redriveAllowPolicy"]) {
    const p = jsonProp(r, key);
    if (p.unknown || p.invalid)
      report(
        `${key} is ${p.unknown ? "unknown at preview" : "not valid JSON"}, so where it sends messages cannot be judged`,
        `write ${key} as JSON from known values (this project's queue ARNs from the naming module)`,
      );
  }
  const redrive = jsonProp(r, "redrivePolicy");
  if (redrive.value !== undefined) {
    const target = peek(() => (redrive.value as Record<string, unknown>)?.deadLetterTargetArn);
    const problem = judgeDestination(r, "redrivePolicy", target ?? "", "sqs", owner, inStack);
    if (problem)
      report(
        `redrivePolicy.deadLetterTargetArn ${problem}`,
        "send failed messages only to this project's dead-letter queue in the platform account",
      );
  }
  const allow = jsonProp(r, "redriveAllowPolicy");
  if (allow.value !== undefined) {
    const doc = (allow.value ?? {}) as Record<string, unknown>;
    const permission = doc.redrivePermission;
    if (permission === "byQueue") {
      const sources = Array.isArray(doc.sourceQueueArns) ? doc.sourceQueueArns : [];
      for (const s of sources) {
        const problem = judgeDestination(r, "redriveAllowPolicy", s, "sqs", owner, inStack);
        if (problem)
          report(
            `redriveAllowPolicy.sourceQueueArns ${problem}`,
            "allow only this project's queues to use it as their dead-letter queue",
          );
      }
    } else if (permission !== "denyAll")
      report(
        `redriveAllowPolicy lets ${permission === "allowAll" ? "every queue of any project" : `"${String(permission)}"`} use this queue as its dead-letter queue`,
        'set redrivePermission to "byQueue" with this project\'s queue ARNs, or "denyAll"',
      );
  }
}

export const destinationsInProject = defineStackPolicy<FactsConfig>({
  name: "destinations-in-project",
  description:
    "Every property that names where data, events, notifications or code go (SNS subscriptions, event buses, target roles and dead-letter queues, alarm actions, budget accounts and subscribers, DynamoDB import/restore sources (restoreSourceName, restoreSourceTableArn, restoreBackupArn, importTable's bucket and owner), resource links, crawler queues, SQS redrive targets and redrive-allow sources) names a resource of this stack or exactly one resource of this project in the platform account (parsed whole, never a prefix match); SNS subscriptions are default-deny: email/email-json to the spec's addresses and sqs to the project's queue only (lambda and every other protocol refused); replication to other regions (replicas, globalTableWitness) and source-control code are refused.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Point the property at the project's own topic, queue, role, bus, table or bucket (naming module) in the platform account, or at a resource this stack creates.",
  config: {},
  configSchema: { properties: factConfig("accountId").schema },
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return; // the platform stack is judged by its own rules
    const owner: Owner = {
      prefix: `project-${id.projectId}`,
      accountId: platformFacts(ctx.config).accountId,
    };
    const inStack = stackIdentities(ctx.resources);
    for (const r of ctx.resources) {
      const report: Report = (what, how) => ctx.report(r, what, how);
      for (const f of FORBIDDEN[r.type] ?? []) {
        const v = peek(() => r.props[f.prop]);
        if (f.prop in r.props && v !== undefined && !(Array.isArray(v) && v.length === 0))
          report(`${f.prop} ${f.why}`, f.fix);
      }
      for (const d of DESTINATIONS[r.type] ?? [])
        for (const v of valuesAt(r.props, d.path)) {
          const problem = judgeDestination(r, d.path[0], v, d.kind, owner, inStack);
          if (problem)
            report(
              `${d.path.filter((p) => p !== "[]").join(".")} ${problem}`,
              `name a ${d.kind} of this project in the platform account, or one this stack creates`,
            );
        }
      if (r.type === T.topicSubscription) judgeSubscription(r, owner, inStack, report, id.notificationEmails);
      if (r.type === T.budget)
        for (const v of valuesAt(r.props, ["notifications", "[]", "subscriberEmailAddresses", "[]"]))
          if (!ownAddress(v, id.notificationEmails))
            report(
              `notifications send to ${v === UNKNOWN ? "an address unknown at preview" : `"${String(v)}"`}, which is not one of the project's notificationEmails`,
              "notify only the addresses in the project spec's notificationEmails",
            );
      if (r.type === T.catalogDatabase) judgeLakePermissions(r, owner, inStack, report);
      if (r.type === T.queue) judgeQueueRedrive(r, owner, inStack, report);
    }
  },
});
