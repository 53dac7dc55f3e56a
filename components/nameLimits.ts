/**
 * AWS name limits per resource kind (docs/aws-facts.md "Names"): what components/naming.ts checks every
 * name it makes against, so a bad name fails at plan time.
 */
export type NameKind =
  | "iamRole"
  | "iamPolicy"
  | "s3Bucket"
  | "glueName"
  | "glueDatabase"
  | "securityGroup"
  | "eventRule"
  | "sqsQueue"
  | "snsTopic"
  | "dynamoTable"
  | "logGroup"
  | "kmsAlias"
  | "budget"
  | "dashboard"
  | "alarm"
  | "trail";

interface NameRule {
  readonly max: number;
  readonly min?: number;
  readonly pattern: RegExp;
  readonly what: string;
}

/** AWS name limits per resource kind (docs/aws-facts.md "Names"). */
export const NAME_RULES: Record<NameKind, NameRule> = {
  iamRole: { max: 64, pattern: /^[\w+=,.@-]+$/, what: "IAM role name (1–64, [\\w+=,.@-])" },
  iamPolicy: { max: 128, pattern: /^[\w+=,.@-]+$/, what: "IAM policy name (1–128, [\\w+=,.@-])" },
  s3Bucket: {
    min: 3,
    max: 63,
    pattern:
      /^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\.\.)[a-z0-9][a-z0-9.-]*[a-z0-9](?<!-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/,
    what: "S3 bucket name (3–63, lowercase letters, digits, '.', '-')",
  },
  glueName: {
    max: 255,
    pattern: /^[\u0020-\uD7FF\uE000-\uFFFD\t]+$/,
    what: "Glue name (1–255, single line)",
  },
  glueDatabase: { max: 255, pattern: /^[a-z0-9_-]+$/, what: "Glue database name (lowercase, 1–255)" },
  securityGroup: { max: 255, pattern: /^[\w .:/()#,@[\]+=&;{}!$*-]+$/, what: "security group name (1–255)" },
  eventRule: { max: 64, pattern: /^[.\-_A-Za-z0-9]+$/, what: "EventBridge rule name (1–64)" },
  sqsQueue: { max: 80, pattern: /^[A-Za-z0-9_-]+$/, what: "SQS queue name (1–80)" },
  snsTopic: { max: 256, pattern: /^[A-Za-z0-9_-]+$/, what: "SNS topic name (1–256)" },
  dynamoTable: { min: 3, max: 255, pattern: /^[a-zA-Z0-9_.-]+$/, what: "DynamoDB table name (3–255)" },
  logGroup: { max: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/, what: "CloudWatch log group name (1–512)" },
  kmsAlias: {
    max: 256,
    pattern: /^alias\/(?!aws\/)[a-zA-Z0-9:/_-]+$/,
    what: "KMS alias (1–256 incl. 'alias/')",
  },
  budget: {
    max: 100,
    pattern: /^(?!.*\/action\/)[^:\\]+$/,
    what: "AWS Budgets name (1–100, no ':' or '\\')",
  },
  dashboard: { max: 255, pattern: /^[A-Za-z0-9_-]+$/, what: "CloudWatch dashboard name (1–255)" },
  alarm: { max: 255, pattern: /^[^\n]+$/, what: "CloudWatch alarm name (1–255)" },
  trail: {
    min: 3,
    max: 128,
    pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]$/,
    what: "CloudTrail trail name (3–128)",
  },
};

export class NameLimitError extends Error {}

/** Returns the problem with a name, or undefined when it is valid for its kind. */
export function nameProblem(kind: NameKind, name: string): string | undefined {
  const rule = NAME_RULES[kind];
  if (name.length < (rule.min ?? 1) || name.length > rule.max) {
    return `"${name}" is ${name.length} characters; an ${rule.what} must be ${rule.min ?? 1}–${rule.max}`;
  }
  if (!rule.pattern.test(name)) return `"${name}" is not a valid ${rule.what}`;
  return undefined;
}

export function checkedName(kind: NameKind, name: string): string {
  const problem = nameProblem(kind, name);
  if (problem) throw new NameLimitError(problem);
  return name;
}
