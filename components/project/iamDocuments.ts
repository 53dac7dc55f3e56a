/**
 * The identity policies of a project's roles, computed from names, the platform contract and the
 * names of the project's own Glue resources in the validated spec, so every document is a known value
 * at preview. Data actions never have wildcard resources; everything
 * is scoped to the project's prefixes, buckets, databases, jobs and key.
 */
import { arn, arns } from "../arn";
import { PolicyDocument, policyDocument, Statement } from "../iam";
import {
  CATALOG_READ,
  CATALOG_WRITE,
  GLUE_METRICS_NAMESPACE,
  KMS_USE,
  PLATFORM_KEY_SERVICES,
  S3_READ,
  S3_WRITE,
} from "./iamActions";
import { networkStatements } from "./iamNetwork";
import { devSessionStatements } from "./iamSessions";
import { ifAny, ProjectIamContext, projectLogGroupArns } from "./iamContext";
import { LAKE_LAYERS, ProjectPolicyPurpose, RoleKind, runtimeMetricsNamespace } from "../naming";

export type { OwnGlueResources, ProjectIamContext } from "./iamContext";

export type { RoleKind };

function lakeStatements(ctx: ProjectIamContext, write: boolean): Statement[] {
  const prefix = ctx.names.lakePrefix();
  const bucketArns = LAKE_LAYERS.map((l) => ctx.platform.lakeBuckets[l].arn);
  return [
    {
      Sid: "ListOwnLakePrefixes",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: bucketArns,
      Condition: { StringLike: { "s3:prefix": [prefix, `${prefix}*`] } },
    },
    { Sid: "LocateLakeBuckets", Effect: "Allow", Action: "s3:GetBucketLocation", Resource: bucketArns },
    {
      Sid: write ? "ReadWriteOwnLakePrefixes" : "ReadOwnLakePrefixes",
      Effect: "Allow",
      Action: write ? [...S3_READ, ...S3_WRITE] : S3_READ,
      Resource: bucketArns.map((b) => `${b}/${prefix}*`),
    },
  ];
}

/** Scripts are read-only to every role: only the stack uploads them (by content hash). */
function projectBucketStatements(ctx: ProjectIamContext): Statement[] {
  const b = ctx.bucketArns;
  const all = [b.scripts, b.temp, b.artifacts];
  const writable = [b.temp, b.artifacts];
  return [
    {
      Sid: "ListProjectBuckets",
      Effect: "Allow",
      Action: ["s3:ListBucket", "s3:GetBucketLocation"],
      Resource: all,
    },
    { Sid: "ReadProjectBuckets", Effect: "Allow", Action: S3_READ, Resource: all.map((a) => `${a}/*`) },
    {
      Sid: "WriteProjectWorkBuckets",
      Effect: "Allow",
      Action: S3_WRITE,
      Resource: writable.map((a) => `${a}/*`),
    },
  ];
}

/** The catalog, the project's databases by name and the tables in them (table names are chosen by
 * jobs and crawlers at run time). */
function catalogResources(ctx: ProjectIamContext): string[] {
  const dbs = ctx.own.databases;
  return [
    arns.glueCatalog(ctx.scope),
    ...dbs.map((db) => arns.glueDatabase(ctx.scope, db)),
    ...dbs.map((db) => arns.glueTable(ctx.scope, db, "*")),
  ];
}

function kmsStatements(ctx: ProjectIamContext): Statement[] {
  return [
    {
      Sid: "UseProjectKeyByAlias",
      Effect: "Allow",
      Action: KMS_USE,
      // The key's ARN is not known before it exists; its alias is, so grants go through the alias.
      Resource: arn(ctx.scope, "kms", "key/*"),
      Condition: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": ctx.names.keyAlias() } },
    },
    ...lakeKeyStatements(ctx),
  ];
}

/** The shared lake key is usable only through S3 and through Glue (which encrypts the Data Catalog
 * with it), never directly. Through S3 only for the lake buckets: S3 sends the object ARN, or with an
 * S3 Bucket Key the bucket ARN, as encryption context `aws:s3:arn` (docs/aws-facts.md "Lake key").
 * The context check is a Deny on a present key so that it binds whenever S3 sends the context. */
function lakeKeyStatements(ctx: ProjectIamContext): Statement[] {
  const { scope, platform, names } = ctx;
  const buckets = LAKE_LAYERS.map((l) => platform.lakeBuckets[l].arn);
  const via = (svc: string) => `${svc}.${scope.region}.amazonaws.com`;
  return [
    {
      Sid: "UseLakeKeyOnlyThroughS3AndGlue",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
      Resource: platform.platformKeyArn,
      Condition: { StringEquals: { "kms:ViaService": PLATFORM_KEY_SERVICES.map(via) } },
    },
    {
      Sid: "LakeKeyOnlyForOwnLakePrefixes",
      Effect: "Deny",
      Action: "kms:*",
      Resource: platform.platformKeyArn,
      Condition: {
        Null: { "kms:EncryptionContext:aws:s3:arn": "false" },
        StringNotLike: {
          "kms:EncryptionContext:aws:s3:arn": [
            ...buckets,
            ...buckets.map((b) => `${b}/${names.lakePrefix()}*`),
          ],
        },
      },
    },
  ];
}

function logsStatements(ctx: ProjectIamContext): Statement[] {
  return [
    {
      Sid: "WriteProjectGlueLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"],
      Resource: projectLogGroupArns(ctx),
    },
    {
      Sid: "PublishGlueMetrics",
      Effect: "Allow",
      Action: "cloudwatch:PutMetricData",
      Resource: "*",
      Condition: { StringEquals: { "cloudwatch:namespace": GLUE_METRICS_NAMESPACE } },
    },
  ];
}

// ---- Job runtime (runtime/glue_runtime) grants beyond the ones above. The runtime also uses
// sqs:SendMessage (DLQ), sns:Publish (topic), dynamodb:PutItem (state table), lake read/write and
// catalog read/write, all granted above. ----
function runtimeMetricsStatement(ctx: ProjectIamContext): Statement {
  return {
    Sid: "PutRuntimeRunMetrics",
    Effect: "Allow",
    Action: "cloudwatch:PutMetricData",
    Resource: "*", // PutMetricData has no resource type; the namespace condition scopes it
    Condition: { StringEquals: { "cloudwatch:namespace": runtimeMetricsNamespace(ctx.names.prefix) } },
  };
}

function jobRuntimeStatements(ctx: ProjectIamContext): Statement[] {
  const { names, scope } = ctx;
  return [
    runtimeMetricsStatement(ctx),
    ...ifAny(
      ctx.own.jobs.map((j) => arns.glueJob(scope, j)),
      {
        Sid: "ManageOwnJobRuns",
        Effect: "Allow",
        // GetJobBookmark/ResetJobBookmark support no resource type (wildcard-only, Service
        // Authorization Reference): a job ARN never matches them, and "*" would reach every project's
        // bookmarks. Glue keeps bookmarks itself; resetting one is a platform operation.
        Action: ["glue:GetJob", "glue:GetJobRun", "glue:GetJobRuns"],
      },
    ),
    ...secretStatements(ctx),
    ...ifAny(
      ctx.own.dataQualityRulesets.map((r) => arns.glueDataQualityRuleset(scope, r)),
      {
        Sid: "EvaluateOwnDataQuality",
        Effect: "Allow",
        Action: [
          "glue:GetDataQualityRuleset",
          "glue:PublishDataQuality",
          "glue:GetDataQualityResult",
          "glue:StartDataQualityRulesetEvaluationRun",
          "glue:GetDataQualityRulesetEvaluationRun",
        ],
      },
    ),
    {
      Sid: "SendToDeadLetterQueue",
      Effect: "Allow",
      Action: ["sqs:SendMessage", "sqs:GetQueueUrl"],
      Resource: arns.sqsQueue(scope, names.deadLetterQueue()),
    },
    {
      Sid: "PublishNotifications",
      Effect: "Allow",
      Action: "sns:Publish",
      Resource: arns.snsTopic(scope, names.topic()),
    },
    {
      Sid: "WriteJobState",
      Effect: "Allow",
      Action: [
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:GetItem",
        "dynamodb:Query",
        "dynamodb:DescribeTable",
      ],
      // The table has no secondary index (operations.ts), so no `/index/*` grant.
      Resource: arns.dynamoTable(scope, names.jobStateTable()),
    },
  ];
}

/** Secrets named `project-{uuid}/…`, decrypted only with the project key: a Deny stops Secrets
 * Manager from using any other key for this role (the AWS managed aws/secretsmanager key allows every
 * principal of the account), docs/aws-facts.md "Secrets". */
function secretStatements(ctx: ProjectIamContext): Statement[] {
  const { scope, names } = ctx;
  return [
    {
      Sid: "ReadOwnSecrets",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
      Resource: arn(scope, "secretsmanager", `secret:${names.secretPrefix()}*`),
    },
    {
      Sid: "SecretsOnlyWithProjectKey",
      Effect: "Deny",
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: {
        StringEquals: { "kms:ViaService": `secretsmanager.${scope.region}.amazonaws.com` },
        "ForAllValues:StringNotEquals": { "kms:ResourceAliases": [names.keyAlias()] },
      },
    },
  ];
}

function passRoleStatements(ctx: ProjectIamContext): Statement[] {
  return [
    {
      Sid: "PassOwnRolesToGlue",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: [arns.role(ctx.scope, ctx.names.jobRole()), arns.role(ctx.scope, ctx.names.crawlerRole())],
      Condition: { StringEquals: { "iam:PassedToService": "glue.amazonaws.com" } },
    },
  ];
}

/** Which managed policy each role gets. */
export const ROLE_POLICIES: Record<RoleKind, readonly ProjectPolicyPurpose[]> = {
  // pass-role: the data-quality evaluator starts evaluation runs as the job role.
  // run-access: what every Glue run needs of the account — interfaces in the platform VPC, its log
  // groups, Glue metrics — one document for both run roles (one grant of each wildcard).
  job: ["data-access", "catalog-access", "run-access", "kms-use", "job-runtime", "pass-role"],
  crawler: ["crawler-data-access", "catalog-access", "run-access", "kms-use"],
  dev: ["data-access", "catalog-access", "kms-use", "pass-role", "dev-sessions"],
};

export function projectPolicyDocument(ctx: ProjectIamContext, purpose: ProjectPolicyPurpose): PolicyDocument {
  switch (purpose) {
    case "data-access":
      return policyDocument(...lakeStatements(ctx, true), ...projectBucketStatements(ctx));
    case "crawler-data-access":
      return policyDocument(...lakeStatements(ctx, false));
    case "catalog-access":
      return policyDocument(
        { Sid: "ReadOwnCatalog", Effect: "Allow", Action: CATALOG_READ, Resource: catalogResources(ctx) },
        {
          Sid: "WriteOwnCatalogTables",
          Effect: "Allow",
          Action: CATALOG_WRITE,
          Resource: catalogResources(ctx),
        },
      );
    case "run-access":
      return policyDocument(...networkStatements(ctx), ...logsStatements(ctx));
    case "kms-use":
      return policyDocument(...kmsStatements(ctx));
    case "job-runtime":
      return policyDocument(...jobRuntimeStatements(ctx));
    case "pass-role":
      return policyDocument(...passRoleStatements(ctx));
    case "dev-sessions":
      return policyDocument(...devSessionStatements(ctx));
  }
}
