/** ARN builders: ARNs are derived from the contract's partition/account/region and deterministic names,
 * so they are known at preview (architecture.md "Decidable at preview"). */
export interface AccountScope {
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
}

/** The partition of a region (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html):
 * `aws-cn` for China, `aws-us-gov` for GovCloud (US), `aws` for the commercial regions. */
export function partitionOfRegion(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

export function arn(
  scope: AccountScope,
  service: string,
  resource: string,
  opts: { global?: boolean } = {},
): string {
  const region = opts.global ? "" : scope.region;
  return `arn:${scope.partition}:${service}:${region}:${scope.accountId}:${resource}`;
}

export const arns = {
  role: (s: AccountScope, name: string) => arn(s, "iam", `role/${name}`, { global: true }),
  policy: (s: AccountScope, name: string) => arn(s, "iam", `policy/${name}`, { global: true }),
  accountRoot: (s: AccountScope) => arn(s, "iam", "root", { global: true }),
  bucket: (s: AccountScope, name: string) => `arn:${s.partition}:s3:::${name}`,
  glueCatalog: (s: AccountScope) => arn(s, "glue", "catalog"),
  glueDatabase: (s: AccountScope, db: string) => arn(s, "glue", `database/${db}`),
  glueTable: (s: AccountScope, db: string, table: string) => arn(s, "glue", `table/${db}/${table}`),
  glueJob: (s: AccountScope, name: string) => arn(s, "glue", `job/${name}`),
  glueCrawler: (s: AccountScope, name: string) => arn(s, "glue", `crawler/${name}`),
  glueConnection: (s: AccountScope, name: string) => arn(s, "glue", `connection/${name}`),
  glueTrigger: (s: AccountScope, name: string) => arn(s, "glue", `trigger/${name}`),
  glueWorkflow: (s: AccountScope, name: string) => arn(s, "glue", `workflow/${name}`),
  glueSession: (s: AccountScope, id: string) => arn(s, "glue", `session/${id}`),
  glueDataQualityRuleset: (s: AccountScope, name: string) => arn(s, "glue", `dataQualityRuleset/${name}`),
  logGroup: (s: AccountScope, name: string) => arn(s, "logs", `log-group:${name}`),
  sqsQueue: (s: AccountScope, name: string) => arn(s, "sqs", name),
  snsTopic: (s: AccountScope, name: string) => arn(s, "sns", name),
  dynamoTable: (s: AccountScope, name: string) => arn(s, "dynamodb", `table/${name}`),
  eventRule: (s: AccountScope, name: string) => arn(s, "events", `rule/${name}`),
  /** A CloudWatch alarm (or an ARN pattern of alarms when `name` ends in `*`). */
  alarm: (s: AccountScope, name: string) => arn(s, "cloudwatch", `alarm:${name}`),
  budget: (s: AccountScope, name: string) => arn(s, "budgets", `budget/${name}`, { global: true }),
  trail: (s: AccountScope, name: string) => arn(s, "cloudtrail", `trail/${name}`),
  kmsAlias: (s: AccountScope, alias: string) => arn(s, "kms", alias),
};
