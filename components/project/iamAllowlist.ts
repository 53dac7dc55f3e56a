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
  projectMetricNamespaces,
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
  /** A resource outside the project's own prefix is accepted only when one of these pins applies
   * to the action and resource and the statement satisfies it (policy-pack/lib/conditionPins.ts:
   * positive operators, literal values, `ForAllValues:` only with `Null` false). */
  readonly conditionPins?: readonly ConditionPin[];
  /** The statement must bound this key to the values allowed for the project (by its name prefix
   * `project-{uuid}`; exact, literal: a wildcard widening them is refused), whatever its resource. */
  readonly requiredValues?: {
    readonly key: string;
    readonly allowed: (projectPrefix: string) => readonly string[];
  };
}

/** A set of condition keys that together pin a statement to the project's resources. */
export interface ConditionPin {
  /** Every key must be pinned; `own` keys to values naming this project. */
  readonly keys: readonly { readonly key: string; readonly own: boolean }[];
  /** Keys that must, if present, name this project (`StringEqualsIfExists`); never a pin alone. */
  readonly ownIfPresent?: readonly string[];
  /** The pin holds only for these actions (default: every action of the entry). */
  readonly actions?: readonly string[];
  /** …and only on resources of these types (the ARN's resource type, e.g. `network-interface`). */
  readonly resourceTypes?: readonly string[];
}

const RESOURCE_TAG = "aws:ResourceTag/Project";
const REQUEST_TAG = "aws:RequestTag/Project";
/** An existing resource is pinned by its own Project tag. */
const OWN_RESOURCE_TAG: ConditionPin = { keys: [{ key: RESOURCE_TAG, own: true }] };
/** `aws:RequestTag` is what the caller sends (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requesttag):
 * it pins only the resource the action creates, never which existing resource is used or tagged. */
const createdWithOwnTag = (actions: string[], resourceType: string): ConditionPin => ({
  keys: [{ key: REQUEST_TAG, own: true }],
  actions,
  resourceTypes: [resourceType],
});
/** Tag-on-create: the new tag names the project and an existing resource's tag, if any, too. */
const tagOnCreate = (actions: string[], resourceType: string): ConditionPin => ({
  ...createdWithOwnTag(actions, resourceType),
  ownIfPresent: [RESOURCE_TAG],
});

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
    conditionPins: [
      OWN_RESOURCE_TAG,
      createdWithOwnTag(["glue:CreateSession"], "session"),
      tagOnCreate(["glue:TagResource"], "session"),
    ],
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
  {
    // No resource type: the namespace condition is the only scope (docs/decisions.md "Run metrics").
    actions: ["cloudwatch:PutMetricData"],
    resourceLess: true,
    requiredValues: { key: "cloudwatch:namespace", allowed: projectMetricNamespaces },
  },
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
    conditionPins: [{ keys: [{ key: "kms:ResourceAliases", own: true }] }],
  },
  {
    actions: [...DESCRIBE_NETWORK],
    resourceLess: true,
  },
  {
    // Glue's interfaces: subnets by id, security groups by Project tag, interfaces by the platform VPC.
    actions: ["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:CreateTags", "ec2:DeleteTags"],
    // Security groups only by their Project tag (never by the VPC or the request's tags); a new
    // interface by the VPC or its request tags; an existing one by the VPC if it is not tagged for
    // another project.
    conditionPins: [
      OWN_RESOURCE_TAG,
      createdWithOwnTag(["ec2:CreateNetworkInterface"], "network-interface"),
      {
        keys: [{ key: "ec2:Vpc", own: false }],
        actions: ["ec2:CreateNetworkInterface"],
        resourceTypes: ["network-interface"],
      },
      {
        keys: [{ key: "ec2:Vpc", own: false }],
        ownIfPresent: [RESOURCE_TAG],
        actions: ["ec2:DeleteNetworkInterface", "ec2:CreateTags", "ec2:DeleteTags"],
        resourceTypes: ["network-interface"],
      },
    ],
  },
];
