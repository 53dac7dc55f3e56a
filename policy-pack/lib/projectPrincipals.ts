/**
 * Who a project's resource policies may name, parsed exactly (docs/decisions.md "Resource policies:
 * only the project's own principals").
 *
 * - AWS principals: one of the project's own roles (components/naming.ts ProjectIdNames: job, crawler,
 *   dev-session, events, table-optimizer role) as a role ARN `arn:<partition>:iam::<account>:role/<name>`
 *   or as a session of it `arn:<partition>:sts::<account>:assumed-role/<name>/<session>`, in the
 *   platform account; the account root only where a key policy needs it.
 * - Service principals: only those of SERVICE_GRANTS for the policy's kind, with the listed actions,
 *   and pinned to sources of this project: `aws:SourceArn` (or the listed encryption-context keys)
 *   naming only the project's own rules, alarms, budget, topic or log groups. `aws:SourceAccount`
 *   alone pins a service to the account, which every project shares
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html).
 */
import { ProjectIdNames } from "../../components/naming";
import { actionMatches, NormalizedStatement } from "./iamDoc";
import { T } from "./types";
import { resourceMatches } from "./wildcards";

/** Where a project lives: its id and env, and the platform's account, region and partition. */
export interface ProjectPlace {
  readonly projectId: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

/** The kinds of resource policy a project stack writes. */
export type PolicyKind = "key" | "bucket" | "topic" | "queue" | "other";

const KIND_OF_TYPE: Readonly<Record<string, PolicyKind>> = {
  [T.kmsKey]: "key",
  [T.kmsKeyPolicy]: "key",
  [T.bucketPolicy]: "bucket",
  [T.s3AccessPointPolicy]: "bucket",
  [T.topic]: "topic",
  [T.topicPolicy]: "topic",
  [T.queue]: "queue",
  [T.queuePolicy]: "queue",
};

export function policyKindOf(type: string): PolicyKind {
  return KIND_OF_TYPE[type] ?? "other";
}

/** The project's own roles (every role a project stack may create, components/naming.ts). */
export function projectRoleNames(projectId: string): string[] {
  const n = new ProjectIdNames(projectId);
  return [n.jobRole(), n.crawlerRole(), n.devRole(), n.eventsRole(), n.tableOptimizerRole()];
}

const ROLE_ARN = /^arn:([^:]+):iam::(\d{12}):role\/([\w+=,.@-]+)$/;
const SESSION_ARN = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/[\w+=,.@-]+$/;

/** Is `v` one of the project's own roles, or a session of one, in the platform account (no path, no
 * wildcard, no policy variable)? */
export function isProjectIdentity(v: string, place: ProjectPlace): boolean {
  const m = ROLE_ARN.exec(v) ?? SESSION_ARN.exec(v);
  return (
    !!m &&
    m[1] === place.partition &&
    m[2] === place.accountId &&
    projectRoleNames(place.projectId).includes(m[3])
  );
}

/** Is `v` the platform account itself (its id or its root ARN)? */
export function isAccountRoot(v: string, place: Pick<ProjectPlace, "accountId" | "partition">): boolean {
  return v === place.accountId || v === `arn:${place.partition}:iam::${place.accountId}:root`;
}

/** The project resources a service may act for (the source of its request). */
export type SourceKind = "eventRule" | "alarm" | "budget" | "topic" | "logGroup";

const SOURCE_LABEL: Readonly<Record<SourceKind, string>> = {
  eventRule: "EventBridge rules",
  alarm: "CloudWatch alarms",
  budget: "budget",
  topic: "SNS topic",
  logGroup: "Glue log groups",
};

/** The ARN start of each source kind; the name after it must start with the project's prefix. */
function sourceStarts(place: ProjectPlace): Record<Exclude<SourceKind, "logGroup">, string> {
  const { partition: p, region: r, accountId: a } = place;
  return {
    eventRule: `arn:${p}:events:${r}:${a}:rule/`,
    alarm: `arn:${p}:cloudwatch:${r}:${a}:alarm:`,
    budget: `arn:${p}:budgets::${a}:budget/`,
    topic: `arn:${p}:sns:${r}:${a}:`,
  };
}

/**
 * The kind of project resource `v` names (an ARN, or an ARN pattern whose wildcards all come after
 * the project's full name prefix `project-{uuid}-`), or undefined when it may name anything else.
 * Log groups must be (or lie within) one of the project's Glue log-group patterns.
 */
export function projectSourceKind(v: string, place: ProjectPlace): SourceKind | undefined {
  const namePrefix = `project-${place.projectId}-`;
  for (const [kind, start] of Object.entries(sourceStarts(place)) as [SourceKind, string][]) {
    if (v.startsWith(start + namePrefix) && !v.slice(start.length).includes("/")) return kind;
  }
  const logStart = `arn:${place.partition}:logs:${place.region}:${place.accountId}:log-group:`;
  if (v.startsWith(logStart)) {
    const name = v.slice(logStart.length);
    const patterns = new ProjectIdNames(place.projectId).logGroupPatterns();
    if (
      patterns.includes(name) ||
      (!/[*?]|\$\{/.test(name) && patterns.some((p) => resourceMatches(p, name)))
    )
      return "logGroup";
  }
  return undefined;
}

/** What a service may do on one kind of project resource policy, and the condition keys (compared
 * case-insensitively, as IAM does) that pin it to sources of the project, with the source kinds each key may name. */
export interface ServiceGrant {
  readonly actions: readonly string[];
  readonly pins: Readonly<Record<string, readonly SourceKind[]>>;
}

const KEY_USE_FOR_TOPICS = ["kms:Decrypt", "kms:GenerateDataKey", "kms:GenerateDataKey*"];
/** CloudWatch Logs on a key (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html). */
const KEY_USE_FOR_LOGS = [
  "kms:Encrypt*",
  "kms:Decrypt*",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "kms:Describe*",
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:DescribeKey",
];
const SOURCE_ARN = "aws:SourceArn";
const SNS_TOPIC_CONTEXT = "kms:EncryptionContext:aws:sns:topicArn";
const LOGS_CONTEXT = "kms:EncryptionContext:aws:logs:arn";

/**
 * Default-deny allowlist: which service principals a project's resource policy of each kind may
 * name. Notification publishers (EventBridge rules, CloudWatch alarms, the budget) publish to the
 * project topic and need its key (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html);
 * SNS and EventBridge deliver to the project's queue; CloudWatch Logs encrypts the project's Glue log
 * groups. No service is allowed on a bucket policy or any other kind.
 */
export function serviceGrants(kind: PolicyKind, region: string): Readonly<Record<string, ServiceGrant>> {
  const publisher = (source: SourceKind, actions: string[], key: boolean): ServiceGrant => ({
    actions,
    pins: key ? { [SOURCE_ARN]: [source], [SNS_TOPIC_CONTEXT]: ["topic"] } : { [SOURCE_ARN]: [source] },
  });
  switch (kind) {
    case "topic":
      return {
        "events.amazonaws.com": publisher("eventRule", ["sns:Publish"], false),
        "cloudwatch.amazonaws.com": publisher("alarm", ["sns:Publish"], false),
        "budgets.amazonaws.com": publisher("budget", ["sns:Publish"], false),
      };
    case "queue":
      return {
        "events.amazonaws.com": publisher("eventRule", ["sqs:SendMessage"], false),
        "sns.amazonaws.com": publisher("topic", ["sqs:SendMessage"], false),
      };
    case "key":
      return {
        "events.amazonaws.com": publisher("eventRule", KEY_USE_FOR_TOPICS, true),
        "cloudwatch.amazonaws.com": publisher("alarm", KEY_USE_FOR_TOPICS, true),
        "budgets.amazonaws.com": publisher("budget", KEY_USE_FOR_TOPICS, true),
        "sns.amazonaws.com": publisher("topic", KEY_USE_FOR_TOPICS, false),
        [`logs.${region}.amazonaws.com`]: {
          actions: KEY_USE_FOR_LOGS,
          pins: { [LOGS_CONTEXT]: ["logGroup"] },
        },
      };
    default:
      return {};
  }
}

/** Is an action of a statement within the allowed spellings (a wildcard only as listed)? */
export function actionAllowed(action: string, allowed: readonly string[]): boolean {
  const a = action.toLowerCase();
  if (allowed.some((p) => p.toLowerCase() === a)) return true;
  return !/[*?]/.test(action) && allowed.some((p) => actionMatches(p, action));
}

/** Positive operators whose values must all match: a pin. `…IfExists` (true when the key is absent),
 * `Not…` and set operators (`ForAllValues:` is true for an absent key) never pin. */
const PIN_OPERATOR = /^(StringEquals|StringLike|ArnEquals|ArnLike)$/i;

/** Does the statement pin its request to sources of this project, by one of the given keys? */
export function pinnedToProjectSources(
  st: NormalizedStatement,
  pins: Readonly<Record<string, readonly SourceKind[]>>,
  place: ProjectPlace,
): boolean {
  const byKey = new Map(Object.entries(pins).map(([k, kinds]) => [k.toLowerCase(), kinds]));
  for (const [op, block] of Object.entries(st.conditions)) {
    if (!PIN_OPERATOR.test(op)) continue;
    for (const [k, values] of Object.entries(block)) {
      const kinds = byKey.get(k.toLowerCase());
      if (!kinds || values.length === 0) continue;
      if (values.every((v) => kinds.includes(projectSourceKind(v, place) as SourceKind))) return true;
    }
  }
  return false;
}

/** How a message names what a pin may point at. */
export function describePins(pins: Readonly<Record<string, readonly SourceKind[]>>): string {
  return Object.entries(pins)
    .map(([k, kinds]) => `${k} naming the project's ${kinds.map((x) => SOURCE_LABEL[x]).join(" or ")}`)
    .join(", or ");
}

/** Is the statement, by an exact positive aws:PrincipalArn condition, limited to the project's own
 * identities? */
export function principalArnPinnedToProject(st: NormalizedStatement, place: ProjectPlace): boolean {
  for (const [op, block] of Object.entries(st.conditions)) {
    if (!PIN_OPERATOR.test(op)) continue;
    for (const [k, values] of Object.entries(block))
      if (k.toLowerCase() === "aws:principalarn" && values.length > 0)
        if (values.every((v) => isProjectIdentity(v, place))) return true;
  }
  return false;
}
