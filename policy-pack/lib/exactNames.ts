/**
 * Exact names: which resource a "which resource" value (a policy's target queue URL, bucket or topic
 * ARN, an attachment's role, an alarm action, a restore source) names, parsed whole before it is
 * judged. A value names a resource of the project only when it parses as one name of its form and
 * that name starts with the project's `project-{uuid}-` prefix (components/naming.ts) — never when
 * the prefix merely appears somewhere in it (`<platform queue>?ref=<own queue>`,
 * `<lake bucket>/<own folder>/`, `<platform topic>/<own topic>`, `<own queue>/../<platform queue>`).
 *
 * Forms (AWS "Identify AWS resources with Amazon Resource Names",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html; docs/aws-facts.md "Exact names"):
 * - an SQS queue URL `https://sqs.<region>.amazonaws.com/<account>/<queue>` (or the legacy
 *   `https://<region>.queue.amazonaws.com/…`), no further path segment, query, fragment, port or user;
 * - an S3 bucket name (3–63 of `a-z 0-9 . -`, starting and ending with a letter or digit, no `..`);
 * - an ARN whose resource part is exactly one name of its service's form (SNS topic, SQS queue, IAM
 *   role/policy with an optional path, Glue, EventBridge rule, DynamoDB table or table backup, KMS
 *   alias, Lambda function, CloudWatch alarm, S3 bucket);
 * - otherwise a bare name (`alias/` allowed for a KMS alias) of letters, digits, `.`, `_` and `-`.
 */

export type ParsedName = { readonly name: string } | { readonly problem: string };

const QUEUE_URL =
  /^https:\/\/(?:sqs\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?|[a-z0-9-]+\.queue\.amazonaws\.com)\/\d{12}\/([A-Za-z0-9_-]{1,80}(?:\.fifo)?)$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const ARN = /^arn:aws(?:-cn|-us-gov)?:([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws|):(.+)$/s;
const BARE = /^(?:alias\/)?([A-Za-z0-9._-]+)$/;

/** The resource part of an ARN of each service, with the name as its last group. */
const ARN_RESOURCE: Readonly<Record<string, RegExp>> = {
  sns: /^([A-Za-z0-9_-]{1,256}(?:\.fifo)?)$/,
  sqs: /^([A-Za-z0-9_-]{1,80}(?:\.fifo)?)$/,
  iam: /^(?:role|policy)\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,128})$/,
  glue: /^(?:workflow|job|trigger|crawler|database|connection|securityConfiguration|dataQualityRuleset)\/([A-Za-z0-9._-]+)$/,
  events: /^rule\/(?:[A-Za-z0-9._-]+\/)?([A-Za-z0-9._-]{1,64})$/,
  dynamodb: /^table\/([A-Za-z0-9_.-]{3,255})(?:\/backup\/[A-Za-z0-9-]+)?$/,
  kms: /^alias\/([A-Za-z0-9/_-]+)$/,
  lambda: /^function:([A-Za-z0-9_-]{1,64})$/,
  cloudwatch: /^alarm:([A-Za-z0-9._-]+)$/,
  s3: /^([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])$/,
};

const bucketProblem = (b: string): string | undefined =>
  BUCKET.test(b) && !b.includes("..") ? undefined : `"${b}" is not a valid S3 bucket name`;

/** The one resource name `value` names, or why it does not parse as exactly one name. `bucketField`:
 * the value must be a bucket name (a policy's or setting's `bucket`). */
export function parseResourceName(value: string, bucketField = false): ParsedName {
  if (bucketField) {
    const problem = bucketProblem(value);
    return problem ? { problem } : { name: value };
  }
  if (/^https?:\/\//i.test(value)) {
    const m = QUEUE_URL.exec(value);
    return m
      ? { name: m[1] as string }
      : {
          problem: `"${value}" is not a plain SQS queue URL https://sqs.<region>.amazonaws.com/<account>/<queue> (no further path, query, fragment, port or user)`,
        };
  }
  if (value.startsWith("arn:")) {
    const m = ARN.exec(value);
    if (!m) return { problem: `"${value}" is not a valid ARN` };
    const [, service, , , resource] = m as unknown as [string, string, string, string, string];
    const form = ARN_RESOURCE[service];
    const r = form?.exec(resource);
    if (!r) return { problem: `"${value}" does not name exactly one ${service} resource` };
    return { name: r[r.length - 1] as string };
  }
  const b = BARE.exec(value);
  return b ? { name: b[1] as string } : { problem: `"${value}" is not a plain resource name` };
}

/** Does `name` (a parsed name) belong to the project with this `project-{uuid}` prefix? */
export function ownName(name: string, prefix: string): boolean {
  return name.startsWith(`${prefix}-`);
}

/** Why `value` does not name exactly one resource of the project, or undefined when it does. */
export function notOwnResource(value: string, prefix: string, bucketField = false): string | undefined {
  const parsed = parseResourceName(value, bucketField);
  if ("problem" in parsed) return parsed.problem;
  return ownName(parsed.name, prefix)
    ? undefined
    : `"${value}" names "${parsed.name}", not a resource of this project`;
}
