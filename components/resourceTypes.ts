/**
 * Default-deny: the one allowlist of resource types each kind of stack may register. A type that is
 * not listed here is a mandatory violation of the `stack-allowed-resource-types` policy, whatever
 * else the program does. The list is generated into docs/policies.md.
 *
 * Always allowed, not listed: the stack resource (`pulumi:pulumi:Stack`), providers
 * (`pulumi:providers:<package>`) and components. The engine hands every custom resource to a policy
 * with its provider (the explicit one or the default provider of its package); a component has none
 * (docs/pulumi-facts.md), and its children are judged on their own.
 *
 * To ask for a new type: open a change that adds it here, with the policies that judge it, and
 * have the platform team review it (see HOW_TO_REQUEST_A_TYPE).
 *
 * `scoped` lists the properties of a project-stack resource that name a project-scoped resource
 * (its own name, or the bucket/role/topic/rule it attaches to): each must carry the stack's own
 * `project-{uuid}` prefix (components/naming.ts).
 */

import { TYPE } from "./typeTokens";

export interface AllowedType {
  /** What the platform uses it for. */
  readonly why: string;
  /** Properties that must name a resource of the stack's own project (project stacks only). */
  readonly scoped?: readonly string[];
  /** Properties that, when set, must name a resource of the stack's own project; a path may go into
   * objects and lists (`targetTable.databaseName`, `actions[].jobName`). */
  readonly scopedIfSet?: readonly string[];
  /** For a scoped property that may come from another resource of the stack (unknown at preview):
   * the resource types it may come from. A value unknown at preview is accepted only through a
   * property dependency on such a resource whose own scoped name is known and in-project. */
  readonly refs?: Readonly<Record<string, readonly string[]>>;
}

export const HOW_TO_REQUEST_A_TYPE =
  "use only the resource types the platform judges (docs/policies.md, allowed resource types); to ask for another, " +
  "propose it in components/resourceTypes.ts together with a policy that judges it and request a platform-team review";

/** What a project stack (Pulumi project glue-project) may register. */
export const PROJECT_STACK_TYPES: Readonly<Record<string, AllowedType>> = {
  [TYPE.job]: {
    why: "the project's Glue jobs",
    scoped: ["name"],
    scopedIfSet: ["connections[]", "securityConfiguration"],
    refs: { connections: [TYPE.connection], securityConfiguration: [TYPE.securityConfiguration] },
  },
  [TYPE.crawler]: {
    why: "crawlers of the project's lake prefix",
    scoped: ["name", "databaseName"],
    // Custom classifiers are not a project type (the allowlist has none), so any named one is shared.
    scopedIfSet: ["securityConfiguration", "catalogTargets[].databaseName", "classifiers[]"],
    refs: {
      databaseName: [TYPE.catalogDatabase],
      securityConfiguration: [TYPE.securityConfiguration],
      catalogTargets: [TYPE.catalogDatabase],
    },
  },
  [TYPE.trigger]: {
    why: "schedules and conditions of the project's workflows",
    scoped: ["name"],
    scopedIfSet: [
      "workflowName",
      "actions[].jobName",
      "actions[].crawlerName",
      "predicate.conditions[].jobName",
      "predicate.conditions[].crawlerName",
    ],
    refs: {
      workflowName: [TYPE.workflow],
      actions: [TYPE.job, TYPE.crawler],
      predicate: [TYPE.job, TYPE.crawler],
    },
  },
  [TYPE.workflow]: { why: "the project's workflows", scoped: ["name"] },
  [TYPE.connection]: { why: "the project's NETWORK connection", scoped: ["name"] },
  [TYPE.securityConfiguration]: {
    why: "KMS encryption of job output, logs and bookmarks",
    scoped: ["name"],
  },
  [TYPE.catalogDatabase]: { why: "the project's catalog databases", scoped: ["name"] },
  [TYPE.catalogTable]: {
    why: "tables declared in the project's spec (named within the project's database)",
    scoped: ["databaseName"],
    scopedIfSet: ["targetTable.databaseName"],
    refs: { databaseName: [TYPE.catalogDatabase], targetTable: [TYPE.catalogDatabase] },
  },
  [TYPE.catalogTableOptimizer]: {
    why: "compaction, snapshot retention and orphan-file deletion of the project's declared Iceberg tables, run as its optimizer role (judged by glue-table-optimizer-scope)",
    scoped: ["databaseName"],
    scopedIfSet: ["configuration.roleArn"],
    refs: { databaseName: [TYPE.catalogTable, TYPE.catalogDatabase], configuration: [TYPE.role] },
  },
  [TYPE.dataQualityRuleset]: {
    why: "data-quality rules on the project's tables",
    scoped: ["name"],
    scopedIfSet: ["targetTable.databaseName"],
    refs: { targetTable: [TYPE.catalogDatabase, TYPE.catalogTable] },
  },
  [TYPE.role]: {
    why: "the project's job, crawler, dev-session, events and table-optimizer roles",
    scoped: ["name"],
  },
  [TYPE.policy]: { why: "the project's scoped managed policies", scoped: ["name"] },
  [TYPE.rolePolicy]: {
    why: "inline policies of the EventBridge role (notify the project's own workflows) and the table-optimizer role",
    scoped: ["name", "role"],
    refs: { role: [TYPE.role] },
  },
  [TYPE.rolePolicyAttachment]: {
    why: "attaching the project's policies to its roles",
    scoped: ["role", "policyArn"],
    refs: { role: [TYPE.role], policyArn: [TYPE.policy] },
  },
  [TYPE.kmsKey]: { why: "the project's customer-managed key" },
  [TYPE.kmsAlias]: {
    why: "the alias of the project's key",
    scoped: ["name", "targetKeyId"],
    refs: { targetKeyId: [TYPE.kmsKey] },
  },
  [TYPE.bucket]: { why: "the project's scripts, temp and artifacts buckets", scoped: ["bucket"] },
  [TYPE.bucketPolicy]: {
    why: "TLS-only policies of the project's buckets",
    scoped: ["bucket"],
    refs: { bucket: [TYPE.bucket] },
  },
  [TYPE.bucketPab]: {
    why: "public access blocks of the project's buckets",
    scoped: ["bucket"],
    refs: { bucket: [TYPE.bucket] },
  },
  [TYPE.bucketOwnership]: {
    why: "ACLs off on the project's buckets",
    scoped: ["bucket"],
    refs: { bucket: [TYPE.bucket] },
  },
  [TYPE.bucketSse]: {
    why: "KMS default encryption of the project's buckets",
    scoped: ["bucket"],
    refs: { bucket: [TYPE.bucket] },
  },
  [TYPE.bucketVersioning]: {
    why: "versioning of the project's buckets",
    scoped: ["bucket"],
    refs: { bucket: [TYPE.bucket] },
  },
  [TYPE.bucketLifecycle]: {
    why: "expiry of temp data in the project's buckets",
    scoped: ["bucket"],
    refs: { bucket: [TYPE.bucket] },
  },
  [TYPE.bucketLogging]: {
    why: "access logs of the project's buckets",
    scoped: ["bucket"],
    refs: { bucket: [TYPE.bucket] },
  },
  [TYPE.bucketObject]: {
    why: "job scripts uploaded to the project's scripts bucket",
    scoped: ["bucket"],
    refs: { bucket: [TYPE.bucket] },
  },
  [TYPE.securityGroup]: { why: "the project's Glue security group", scoped: ["name"] },
  [TYPE.securityGroupRule]: { why: "rules of the project's security group" },
  [TYPE.sgIngressRule]: {
    why: "rules of the project's security group",
  },
  [TYPE.sgEgressRule]: { why: "rules of the project's security group" },
  [TYPE.topic]: { why: "the project's notification topic", scoped: ["name"] },
  [TYPE.topicPolicy]: {
    why: "who may publish to the project's topic",
    scoped: ["arn"],
    refs: { arn: [TYPE.topic] },
  },
  [TYPE.topicSubscription]: {
    why: "the project's notification addresses",
    scoped: ["topic"],
    refs: { topic: [TYPE.topic] },
  },
  [TYPE.queue]: { why: "the project's dead-letter queue", scoped: ["name"] },
  [TYPE.queuePolicy]: {
    why: "TLS-only policy of the project's queue",
    scoped: ["queueUrl"],
    refs: { queueUrl: [TYPE.queue] },
  },
  [TYPE.dynamoTable]: {
    why: "the project's job-state table",
    scoped: ["name"],
    scopedIfSet: ["restoreSourceTableArn", "restoreSourceName", "restoreBackupArn"],
    refs: { restoreSourceTableArn: [TYPE.dynamoTable], restoreSourceName: [TYPE.dynamoTable] },
  },
  [TYPE.eventRule]: { why: "job-failure and event-trigger rules", scoped: ["name"] },
  [TYPE.eventTarget]: {
    why: "delivering the project's rules to its own topic or workflow",
    scoped: ["rule", "arn"],
    scopedIfSet: ["roleArn", "deadLetterConfig.arn"],
    refs: {
      rule: [TYPE.eventRule],
      arn: [TYPE.topic, TYPE.workflow, TYPE.queue],
      roleArn: [TYPE.role],
      deadLetterConfig: [TYPE.queue],
    },
  },
  [TYPE.metricAlarm]: {
    why: "the project's job alarms",
    scoped: ["name"],
    scopedIfSet: ["alarmActions[]", "okActions[]", "insufficientDataActions[]"],
    refs: { alarmActions: [TYPE.topic], okActions: [TYPE.topic], insufficientDataActions: [TYPE.topic] },
  },
  [TYPE.dashboard]: { why: "the project's dashboard", scoped: ["dashboardName"] },
  [TYPE.budget]: {
    why: "the project's monthly budget",
    scoped: ["name"],
    scopedIfSet: ["notifications[].subscriberSnsTopicArns[]"],
    refs: { notifications: [TYPE.topic] },
  },
};

/** What the platform stack (Pulumi project glue-platform) may register. */
export const PLATFORM_STACK_TYPES: Readonly<Record<string, AllowedType>> = {
  [TYPE.vpc]: { why: "the private VPC" },
  [TYPE.subnet]: { why: "private subnets per AZ" },
  [TYPE.routeTable]: { why: "route tables without internet routes" },
  [TYPE.routeTableAssociation]: { why: "subnet route tables" },
  [TYPE.securityGroup]: { why: "the endpoint security group" },
  [TYPE.securityGroupRule]: { why: "rules of the endpoint security group" },
  [TYPE.sgIngressRule]: {
    why: "rules of the endpoint security group",
  },
  [TYPE.sgEgressRule]: { why: "rules of the endpoint security group" },
  [TYPE.vpcEndpoint]: { why: "gateway and interface endpoints" },
  [TYPE.flowLog]: { why: "VPC flow logs" },
  [TYPE.logGroup]: { why: "flow-log and trail log groups" },
  [TYPE.role]: { why: "flow-log and trail delivery roles" },
  [TYPE.rolePolicy]: { why: "inline policies of the delivery roles" },
  [TYPE.kmsKey]: { why: "the platform key" },
  [TYPE.kmsAlias]: { why: "the platform key's alias" },
  [TYPE.bucket]: { why: "lake, access-log and trail buckets" },
  [TYPE.bucketPolicy]: { why: "TLS-only and service-delivery bucket policies" },
  [TYPE.bucketPab]: { why: "public access blocks" },
  [TYPE.bucketOwnership]: { why: "ACLs off" },
  [TYPE.bucketSse]: {
    why: "KMS default encryption",
  },
  [TYPE.bucketVersioning]: { why: "versioning of lake buckets" },
  [TYPE.bucketLifecycle]: {
    why: "log and noncurrent-version expiry",
  },
  [TYPE.bucketLogging]: { why: "access logging of lake buckets" },
  [TYPE.bucketNotification]: {
    why: "EventBridge notifications of the lake buckets (event-triggered project workflows)",
  },
  [TYPE.catalogEncryption]: { why: "catalog encryption" },
  [TYPE.trail]: { why: "the audit trail (prod)" },
};

export type StackKind = "platform" | "project";

export function allowedTypesOf(kind: StackKind): Readonly<Record<string, AllowedType>> {
  return kind === "platform" ? PLATFORM_STACK_TYPES : PROJECT_STACK_TYPES;
}

/** Types allowed in every stack, whatever its kind. */
export const ALWAYS_ALLOWED_TYPE = /^pulumi:(pulumi:Stack$|providers:)/;

/** AWS provider settings a project stack may not use, on an explicit provider or as `aws:<key>` stack
 * config of the default provider: they change the account, credentials or endpoints the stack acts
 * with (https://www.pulumi.com/registry/packages/aws/installation-configuration/). */
export const FORBIDDEN_PROJECT_PROVIDER_SETTINGS = [
  "assumeRole",
  "assumeRoles",
  "assumeRoleWithWebIdentity",
  "accessKey",
  "secretKey",
  "token",
  "profile",
  "sharedCredentialsFiles",
  "sharedConfigFiles",
  "endpoints",
  "httpProxy",
  "httpsProxy",
  "customCaBundle",
] as const;
