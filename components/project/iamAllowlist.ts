/**
 * The actions a project identity (job, crawler, dev-session and events roles, and any policy a
 * project stack writes) may be granted: default-deny. Every action the platform's own project
 * policies use (components/project/iamDocuments.ts, iamNetwork.ts, events.ts) is listed here with
 * how its resources must be scoped; anything else is refused by the policy pack
 * (`iam-project-action-allowlist`) and is asked for from the platform team.
 * IAM action and resource semantics: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
import {
  CATALOG_READ,
  CATALOG_WRITE,
  DESCRIBE_NETWORK,
  KMS_USE,
  RUN_JOBS_AND_CRAWLERS,
  S3_READ,
  S3_WRITE,
  USE_SESSIONS,
} from "./iamActions";

export interface AllowedProjectActions {
  /** Exact actions (or the exact wildcard spellings listed) a statement may name. */
  readonly actions: readonly string[];
  /** No resource-level permission exists (AWS then requires Resource "*"): any resource is accepted. */
  readonly resourceLess?: boolean;
  /** A wildcard resource outside the project's own prefix is accepted only when the statement
   * conditions on one of these keys (exact operators); `own` keys must name this project. */
  readonly conditionKeys?: readonly { readonly key: string; readonly own: boolean }[];
}

const TAG_KEYS = [
  { key: "aws:ResourceTag/Project", own: true },
  { key: "aws:RequestTag/Project", own: true },
];

export const PROJECT_IDENTITY_ACTIONS: readonly AllowedProjectActions[] = [
  {
    actions: [...S3_READ, ...S3_WRITE, "s3:ListBucket", "s3:GetBucketLocation"],
  },
  {
    actions: [
      ...CATALOG_READ,
      ...CATALOG_WRITE,
      ...RUN_JOBS_AND_CRAWLERS,
      "glue:GetConnection",
      "glue:NotifyEvent",
      "glue:GetDataQualityResult",
      "glue:GetDataQualityRuleset",
      "glue:GetDataQualityRulesetEvaluationRun",
      "glue:StartDataQualityRulesetEvaluationRun",
      "glue:PublishDataQuality",
    ],
  },
  {
    // Interactive sessions: session ids are chosen by the caller, so they are scoped by the Project tag.
    actions: ["glue:CreateSession", "glue:TagResource", ...USE_SESSIONS],
    conditionKeys: TAG_KEYS,
  },
  {
    actions: [
      "logs:CreateLogGroup",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "logs:AssociateKmsKey",
      "logs:GetLogEvents",
      "logs:FilterLogEvents",
      "logs:DescribeLogStreams",
    ],
  },
  { actions: ["cloudwatch:PutMetricData"], resourceLess: true },
  { actions: ["sqs:SendMessage", "sqs:GetQueueUrl"] },
  { actions: ["sns:Publish"] },
  {
    actions: [
      "dynamodb:DescribeTable",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
    ],
  },
  { actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"] },
  { actions: ["iam:PassRole"] },
  {
    // The project key is addressed as key/* pinned by its alias (keys have no names in their ARNs).
    actions: [...KMS_USE],
    conditionKeys: [{ key: "kms:ResourceAliases", own: true }],
  },
  {
    actions: [...DESCRIBE_NETWORK],
    resourceLess: true,
  },
  {
    // Glue's interfaces: subnets by id, security groups by Project tag, interfaces by the platform VPC.
    actions: ["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:CreateTags", "ec2:DeleteTags"],
    conditionKeys: [...TAG_KEYS, { key: "ec2:Vpc", own: false }],
  },
];
