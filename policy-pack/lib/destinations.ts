/**
 * Destinations: every property that names where data, events, notifications or code go (an SNS
 * endpoint, an alarm action, a dead-letter queue, a replica region, an import bucket, a resource
 * link's catalog) must name a resource of this stack, of this project or of the platform account.
 * One judgement for all of them; the policies only table which property is which kind.
 *
 * ARN layout `arn:partition:service:region:account-id:resource` (AWS "Identify AWS resources with
 * Amazon Resource Names", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
 */
import { PolicyResource } from "@pulumi/policy";
import { ownName, parseResourceName } from "./exactNames";
import { peek, UNKNOWN } from "./values";

const bucketInvalid = (b: string) => "problem" in parseResourceName(b, true);

/** What a destination property may name. `account`: an account id; `bus`: an EventBridge bus name
 * or ARN (the account's `default` bus or a bus of the project); `bucket`: an S3 bucket name or
 * `s3://` URI of the project; `name`: a bare name of the project (a table, a database); otherwise an
 * ARN of that service. */
export type DestinationKind =
  "name" | "sns" | "sqs" | "lambda" | "role" | "bus" | "dynamodb" | "bucket" | "account";

const ARN_SERVICE: Partial<Record<DestinationKind, string>> = {
  sns: "sns",
  sqs: "sqs",
  lambda: "lambda",
  role: "iam",
  bus: "events",
  dynamodb: "dynamodb",
};

export interface Owner {
  /** `project-{uuid}`: the prefix every name of the project carries (components/naming). */
  readonly prefix: string;
  /** The platform account (a platform fact); undefined when not generated, which fails closed. */
  readonly accountId?: string;
}

const ARN = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.+)$/;

/** Why `value` is not an allowed destination of `kind` for `owner`, or undefined when it is. */
export function destinationProblem(value: string, kind: DestinationKind, owner: Owner): string | undefined {
  // A name of the project parsed whole (lib/exactNames.ts), never the prefix somewhere in the text.
  const own = (text: string) => {
    const parsed = parseResourceName(text);
    return "name" in parsed && ownName(parsed.name, owner.prefix);
  };
  if (kind === "account") {
    if (!owner.accountId) return "the platform account is not in the policy config, so it cannot be verified";
    return value === owner.accountId ? undefined : `names account ${value}, not the platform account`;
  }
  if (kind === "bucket") {
    const bucket = value.startsWith("s3://")
      ? value.slice(5).split("/")[0]
      : value.startsWith("arn:")
        ? (ARN.exec(value)?.[5] ?? "").split("/")[0]
        : value;
    return !bucketInvalid(bucket) && bucket.startsWith(`${owner.prefix}-`)
      ? undefined
      : `names bucket "${bucket}", which is not a bucket of this project`;
  }
  if (kind === "name")
    return own(value) && !value.startsWith("arn:")
      ? undefined
      : `names "${value}", which is not a resource of this project`;
  const m = ARN.exec(value);
  if (!m) {
    // A bare name: only an event bus is named so; the account's default bus or one of the project.
    if (kind === "bus")
      return value === "default" || own(value) ? undefined : `names bus "${value}" of no project`;
    return `"${value}" is not an ARN of ${ARN_SERVICE[kind]} (${kind})`;
  }
  const [, , service, , account, resource] = m;
  if (service !== ARN_SERVICE[kind])
    return `names a ${service || "non-AWS"} resource where a ${kind} is expected`;
  if (!owner.accountId) return "the platform account is not in the policy config, so it cannot be verified";
  if (account !== owner.accountId) return `names account ${account || "(none)"}, not the platform account`;
  if (kind === "bus")
    return resource === "event-bus/default" ||
      (/^event-bus\/[A-Za-z0-9._-]+$/.test(resource) && ownName(resource.slice(10), owner.prefix))
      ? undefined
      : `names ${resource}, which is not a resource of this project`;
  return own(value) ? undefined : `names ${resource}, which is not exactly one resource of this project`;
}

/** Known identities (arn, id, name) of every resource of the stack: a destination equal to one of
 * them is a resource the stack creates. */
export function stackIdentities(resources: readonly PolicyResource[]): Set<string> {
  const out = new Set<string>();
  for (const r of resources)
    for (const k of ["arn", "id", "name"]) {
      const v = peek(() => r.props[k]);
      if (typeof v === "string" && v !== "") out.add(v);
    }
  return out;
}

/** Judges one destination value of resource `r` at `root` (the top-level property, for its
 * dependencies). Unknown at preview: allowed only when made from a resource of this stack (which its
 * own rules judge). Returns the problem, or undefined. */
export function judgeDestination(
  r: PolicyResource,
  root: string,
  value: unknown,
  kind: DestinationKind,
  owner: Owner,
  inStack: ReadonlySet<string>,
): string | undefined {
  if (value === UNKNOWN || value === undefined || value === null) {
    if (value !== UNKNOWN) return undefined;
    return (r.propertyDependencies[root] ?? []).length > 0
      ? undefined
      : "is unknown at preview and made from no resource of this stack";
  }
  if (typeof value !== "string") return `is not a ${kind} name or ARN`;
  if (kind !== "account" && inStack.has(value)) return undefined;
  return destinationProblem(value, kind, owner);
}

/** Values at a path (`"[]"` = every element), each read with `peek`. */
export function valuesAt(o: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return [o];
  if (o === UNKNOWN) return [UNKNOWN];
  if (o === null || typeof o !== "object") return [];
  const [head, ...rest] = path;
  if (head === "[]") {
    if (!Array.isArray(o)) return valuesAt(o, rest);
    return o.flatMap((_, i) =>
      valuesAt(
        peek(() => (o as unknown[])[i]),
        rest,
      ),
    );
  }
  if (!(head in o)) return [];
  const v = peek(() => (o as Record<string, unknown>)[head]);
  if (Array.isArray(v) && rest[0] !== "[]" && rest.length > 0)
    return v.flatMap((_, i) =>
      valuesAt(
        peek(() => (v as unknown[])[i]),
        rest,
      ),
    );
  return valuesAt(v, rest);
}
