/**
 * The accepted wildcards, keyed by reason. Each reason is written up in docs/decisions.md
 * ("Accepted wildcards"); a wildcard a stack grants that matches no reason fails
 * tests/gate/acceptedWildcards.test.ts, so a new wildcard must come with its reason.
 *
 * Matchers describe a general shape (a named bucket's object paths, a project's name prefix, a
 * documented condition), never a particular stack.
 */
import { Wildcard } from "./inventory";
import { TYPE } from "../../components/typeTokens";

export interface AcceptedReason {
  /** Key used in docs/decisions.md. */
  readonly id: string;
  /** One line: why the wildcard is acceptable. */
  readonly why: string;
  readonly matches: (w: Wildcard) => boolean;
}

const IDENTITY_POLICY = new Set<string>([TYPE.policy, TYPE.rolePolicy]);
const has = (w: Wildcard, ...keys: string[]) => keys.some((k) => w.conditionKeys.includes(k.toLowerCase()));
const hasPrefix = (w: Wildcard, prefix: string) => w.conditionKeys.some((k) => k.startsWith(prefix));
const PROJECT_ID = "project-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const PROJECT = `${PROJECT_ID}-`;
const ARN = (service: string, rest: string) => new RegExp(`^arn:[^:]+:${service}:[^:]*:[^:]*:${rest}$`);

/** Actions the Service Authorization Reference lists with no resource type: Resource must be "*". */
export const RESOURCE_LESS_ACTIONS = new Set([
  "ec2:DescribeDhcpOptions",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeRouteTables",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeSubnets",
  "ec2:DescribeVpcAttribute",
  "ec2:DescribeVpcEndpoints",
  "ec2:DescribeVpcs",
  "cloudwatch:PutMetricData",
  "glue:ListSessions",
]);

/** Action families AWS documents for service principals in key policies (CloudWatch Logs, CloudTrail). */
const KEY_POLICY_SERVICE_ACTIONS = new Set([
  "kms:Encrypt*",
  "kms:Decrypt*",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "kms:Describe*",
]);

const servicePrincipal = (p: unknown) =>
  typeof p === "object" && p !== null && (p as { Service?: unknown }).Service !== undefined;
const accountRoot = (p: unknown) =>
  typeof p === "object" &&
  p !== null &&
  [(p as { AWS?: unknown }).AWS].flat().every((a) => /^arn:[^:]+:iam::\d{12}:root$/.test(String(a)));

export const ACCEPTED_WILDCARDS: readonly AcceptedReason[] = [
  {
    id: "actions-without-resource-level-permissions",
    why: 'the action has no resource type, so IAM only accepts Resource "*"',
    matches: (w) => IDENTITY_POLICY.has(w.type) && w.resource === "*" && RESOURCE_LESS_ACTIONS.has(w.action),
  },
  {
    id: "prefix-scoped-s3-paths",
    why: "object paths inside one named bucket (a project's own bucket or folder, a service's delivery folder)",
    matches: (w) => !w.action.includes("*") && /^arn:[^:]+:s3:::[^*?/]+\/[^*?]*\*$/.test(w.resource),
  },
  {
    id: "project-secrets-prefix",
    why: "Secrets Manager secrets named project-{uuid}/…: a project adds secrets without a stack change",
    matches: (w) =>
      !w.action.includes("*") && ARN("secretsmanager", `secret:${PROJECT_ID}/\\*`).test(w.resource),
  },
  {
    id: "tables-in-own-databases",
    why: "the tables of one named catalog database of the project: jobs and crawlers choose table names at run time",
    // Jobs, crawlers, rulesets and databases are granted by exact name (the spec declares them).
    matches: (w) => !w.action.includes("*") && ARN("glue", `table/${PROJECT}[^*?/]+/\\*`).test(w.resource),
  },
  {
    id: "alias-scoped-key",
    why: "a key ARN is unknown at preview; the grant is pinned to the project key by kms:ResourceAliases",
    matches: (w) =>
      !w.action.includes("*") && ARN("kms", "key/\\*").test(w.resource) && has(w, "kms:ResourceAliases"),
  },
  {
    id: "tag-conditioned-ec2-grants",
    why: "Glue creates the ENIs; the grant is pinned by tag, tag key or VPC condition",
    matches: (w) =>
      !w.action.includes("*") &&
      ARN("ec2", "(network-interface|security-group|instance)/\\*").test(w.resource) &&
      (hasPrefix(w, "aws:resourcetag/") || has(w, "aws:TagKeys", "ec2:Vpc")),
  },
  {
    id: "tag-conditioned-glue-sessions",
    why: "session ids are chosen at creation; sessions are created and used only with the project's tag",
    matches: (w) =>
      !w.action.includes("*") &&
      ARN("glue", "session/\\*").test(w.resource) &&
      (hasPrefix(w, "aws:resourcetag/") || hasPrefix(w, "aws:requesttag/")),
  },
  {
    id: "service-created-log-groups",
    why: "Glue and VPC flow logs create the groups/streams; names are pinned to the project or the named group",
    matches: (w) =>
      !w.action.includes("*") &&
      (ARN("logs", `log-group:/aws-glue/\\*${PROJECT}\\*(:log-stream:\\*)?`).test(w.resource) ||
        // Anchored: the fixed group path Glue derives from the project's security configuration and
        // role, then the streams/suffixes Glue adds under it (docs/aws-facts.md, log groups).
        ARN("logs", `log-group:/aws-glue/[^*?]*${PROJECT}[^*?]*/\\*(:log-stream:\\*)?`).test(w.resource) ||
        ARN("logs", "log-group:[^*?]+:\\*").test(w.resource)),
  },
  {
    id: "key-policy-this-key",
    why: 'in a key policy Resource "*" is the key itself; actions are the AWS-documented default and service grants',
    matches: (w) =>
      w.type === TYPE.kmsKey &&
      w.resource === "*" &&
      (!w.action.includes("*") ||
        (KEY_POLICY_SERVICE_ACTIONS.has(w.action) && servicePrincipal(w.principal)) ||
        (w.action === "kms:*" && accountRoot(w.principal))),
  },
  {
    id: "endpoint-policy-account-pinned",
    why: "a VPC endpoint policy that admits only principals of the platform account; IAM and resource policies decide the rest",
    matches: (w) =>
      w.type === TYPE.vpcEndpoint && w.action === "*" && w.resource === "*" && has(w, "aws:PrincipalAccount"),
  },
];

/** The reasons a wildcard is accepted for (empty: not accepted). */
export function reasonsFor(w: Wildcard): AcceptedReason[] {
  return ACCEPTED_WILDCARDS.filter((r) => r.matches(w));
}
