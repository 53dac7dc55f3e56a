/**
 * "Does every string this resource pattern can match stay inside the project?", judged on the
 * pattern's literal prefix: the characters before its first wildcard. `*` and `?` are wildcards;
 * the policy variables `${*}`, `${?}` and `${$}` stand for those literal characters and every other
 * `${…}` variable is treated as a wildcard
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-specialchars).
 * A pattern is in scope when its literal prefix already contains the project's own full resource
 * prefix (components/naming.ts): a whole `project-{uuid}-…` bucket name followed by `/`, the
 * `project-{uuid}/` folder of a platform lake bucket, or a `project-{uuid}-`/`project-{uuid}/` name
 * right after a resource type or path separator (Glue, IAM, logs, SQS, SNS, DynamoDB, secrets).
 */
const SPECIAL: Record<string, string> = { "${*}": "*", "${?}": "?", "${$}": "$" };

/** The literal characters of a pattern before its first wildcard, and whether it has a wildcard. */
export function literalPrefix(pattern: string): { literal: string; wildcard: boolean } {
  let literal = "";
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i] as string;
    if (c === "*" || c === "?") return { literal, wildcard: true };
    if (c === "$" && pattern[i + 1] === "{") {
      const end = pattern.indexOf("}", i);
      const v = end < 0 ? undefined : SPECIAL[pattern.slice(i, end + 1)];
      if (v === undefined) return { literal, wildcard: true };
      literal += v;
      i = end + 1;
      continue;
    }
    literal += c;
    i++;
  }
  return { literal, wildcard: false };
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Is the literal prefix of an ARN pattern inside project `owner`'s own resources (and, for S3
 * bucket names, which end with the environment, inside `env` when it is known)? */
export function literalInProject(literal: string, owner: string, env?: string): boolean {
  const m = /^arn:[^:]+:([^:]+):[^:]*:[^:]*:(.*)$/s.exec(literal);
  if (!m) return false;
  const [, service, rest] = m as unknown as [string, string, string];
  const own = `project-${esc(owner)}`;
  if (service === "s3") {
    // Bucket names are global: the whole bucket name must be literal (followed by "/").
    const e = env ? esc(env) : "[a-z0-9]+";
    if (new RegExp(`^${own}-[a-z0-9-]+-${e}/`).test(rest)) return true;
    return new RegExp(`^glue-lake-[a-z0-9-]+-${e}/${own}/`).test(rest);
  }
  return new RegExp(`(^|[/:-])${own}[-/]`).test(rest);
}

/** Shared platform resources a project policy may name literally (one resource each): a lake
 * bucket itself (listing is bounded by an s3:prefix condition), the Glue catalog, the platform key
 * and the platform's subnets and VPC (components/project/iamDocuments.ts, iamNetwork.ts). */
export interface SharedScope {
  readonly env?: string;
  readonly platformKeyArn?: string;
  readonly privateSubnetIds?: readonly string[];
  readonly vpcId?: string;
}

function sharedLiteral(arn: string, shared: SharedScope): boolean {
  const m = /^arn:[^:]+:([^:]+):[^:]*:[^:]*:(.*)$/s.exec(arn);
  if (!m) return false;
  const [, service, rest] = m as unknown as [string, string, string];
  const e = shared.env ? esc(shared.env) : "[a-z0-9]+";
  if (service === "s3") return new RegExp(`^glue-lake-[a-z0-9-]+-${e}$`).test(rest);
  if (service === "glue") return rest === "catalog";
  if (service === "kms")
    return shared.platformKeyArn ? arn === shared.platformKeyArn : /^key\/[0-9a-f-]+$/.test(rest);
  if (service === "ec2") {
    const subnet = /^subnet\/(.+)$/.exec(rest)?.[1];
    if (subnet) return !shared.privateSubnetIds || shared.privateSubnetIds.includes(subnet);
    const vpc = /^vpc\/(.+)$/.exec(rest)?.[1];
    if (vpc) return !shared.vpcId || vpc === shared.vpcId;
  }
  return false;
}

/** Does every string a resource pattern can match stay inside project `owner` (or, for a literal
 * ARN, name one of the shared platform resources a project uses)? */
export function patternInProject(pattern: string, owner: string, shared: SharedScope = {}): boolean {
  const { literal, wildcard } = literalPrefix(pattern);
  if (wildcard) return literalInProject(literal, owner, shared.env);
  return literalInProject(`${literal}/`, owner, shared.env) || sharedLiteral(literal, shared);
}
