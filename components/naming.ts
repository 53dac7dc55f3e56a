/**
 * Every physical name in the platform comes from here (docs/decisions.md "Names"), and every name is
 * parsed back here. Each name is checked against the AWS limits of its resource kind
 * (components/nameLimits.ts) when it is made, so a bad name fails at plan time.
 */
import { createHash } from "crypto";
import { AccountScope } from "./arn";
import { checkedName, NameKind, NameLimitError } from "./nameLimits";

export const LAKE_LAYERS = ["bronze", "silver", "gold"] as const;
export type LakeLayer = (typeof LAKE_LAYERS)[number];
export const PROJECT_BUCKET_PURPOSES = ["scripts", "temp", "artifacts"] as const;
export type ProjectBucketPurpose = (typeof PROJECT_BUCKET_PURPOSES)[number];
export const ENVIRONMENTS = ["dev", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const PROJECT_POLICY_PURPOSES = [
  "data-access",
  "crawler-data-access",
  "catalog-access",
  "run-access",
  "kms-use",
  "job-runtime",
  "pass-role",
  "dev-sessions",
] as const;
export type ProjectPolicyPurpose = (typeof PROJECT_POLICY_PURPOSES)[number];

/** Project Glue resources whose names are `project-{uuid}-<infix>-<short name>`. */
const GLUE_KIND_INFIX = {
  job: "job",
  crawler: "crawler",
  workflow: "workflow",
  trigger: "trigger",
  dataQualityRuleset: "dq",
} as const;
export type ProjectGlueKind = keyof typeof GLUE_KIND_INFIX;

/** The project's roles: Glue's job and crawler runtime roles, and the human dev-session role. */
export const ROLE_KINDS = ["job", "crawler", "dev"] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

export const PLATFORM_PROJECT = "glue-platform";
/** Start of every platform-stack name that is not a lake bucket (`PlatformNames`). */
const PLATFORM_NAME_PREFIX = `${PLATFORM_PROJECT}-`;
export const PROJECT_PROJECT = "glue-project";

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** A short resource name a spec author picks (job, crawler, workflow, trigger). */
export const SHORT_NAME = /^[a-z][a-z0-9-]{0,39}$/;
/** Every project resource name (and access-log folder) starts with this; IAM/ARN wildcard form. */
const PROJECT_NAME_START = "project-";
export const PROJECT_NAME_WILDCARD = `${PROJECT_NAME_START}*`;
/** Start of every shared lake bucket name (`PlatformNames.lakeBucket`, `accessLogBucket`, `trailBucket`). */
const LAKE_BUCKET_PREFIX = "glue-lake-";
export const PROJECT_NAME_PREFIX = /^project-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-/;

/** Names of the shared platform resources, unique per account, region and environment. */
export class PlatformNames {
  constructor(
    readonly env: string,
    readonly scope: AccountScope,
  ) {}
  private get suffix(): string {
    return `${this.scope.accountId}-${this.scope.region}-${this.env}`;
  }
  lakeBucket(layer: LakeLayer): string {
    return checkedName("s3Bucket", `${LAKE_BUCKET_PREFIX}${layer}-${this.suffix}`);
  }
  accessLogBucket(): string {
    return checkedName("s3Bucket", `${LAKE_BUCKET_PREFIX}access-logs-${this.suffix}`);
  }
  /** Folder of a platform bucket's server access logs in the access-log bucket. */
  accessLogPrefix(source: LakeLayer | "trail"): string {
    return `${source}/`;
  }
  trailBucket(): string {
    return checkedName("s3Bucket", `${LAKE_BUCKET_PREFIX}trail-${this.suffix}`);
  }
  trail(): string {
    return checkedName("trail", `${PLATFORM_NAME_PREFIX}${this.env}`);
  }
  keyAlias(): string {
    return checkedName("kmsAlias", `alias/${PLATFORM_NAME_PREFIX}${this.env}`);
  }
  flowLogGroup(): string {
    return checkedName("logGroup", `/glue-platform/${this.env}/vpc-flow-logs`);
  }
  flowLogRole(): string {
    return checkedName("iamRole", `${PLATFORM_NAME_PREFIX}${this.env}-flow-logs`);
  }
  /** Log groups the platform key may encrypt, for the key policy's encryption-context condition. */
  logGroupPattern(): string {
    return `/glue-platform/${this.env}/*`;
  }
  vpc(): string {
    return `${PLATFORM_NAME_PREFIX}${this.env}`;
  }
  endpointSecurityGroup(): string {
    return checkedName("securityGroup", `${PLATFORM_NAME_PREFIX}${this.env}-endpoints`);
  }
}

/** Names of one project's resources that do not depend on the environment: everything is
 * `project-{uuid}-…` (docs/decisions.md "Names"). */
export class ProjectIdNames {
  readonly prefix: string;
  constructor(readonly projectId: string) {
    if (!UUID_V4.test(projectId))
      throw new NameLimitError(`project id "${projectId}" is not a lowercase UUID v4`);
    this.prefix = `${PROJECT_NAME_START}${projectId}`;
  }
  protected n(kind: NameKind, rest: string): string {
    return checkedName(kind, `${this.prefix}-${rest}`);
  }
  /** The start every name of one Glue kind shares (`project-{uuid}-job-`), for event patterns. */
  namePrefix(kind: ProjectGlueKind): string {
    return `${this.prefix}-${GLUE_KIND_INFIX[kind]}-`;
  }
  /** IAM/ARN wildcard of every name of one kind (`project-{uuid}-job-*`). */
  namePattern(kind: ProjectGlueKind): string {
    return `${this.namePrefix(kind)}*`;
  }
  jobRole(): string {
    return this.n("iamRole", "glue-job-role");
  }
  crawlerRole(): string {
    return this.n("iamRole", "glue-crawler-role");
  }
  /** The human-side role for interactive sessions (assumed by people, never by Glue). */
  devRole(): string {
    return this.n("iamRole", "glue-dev-role");
  }
  /** The role EventBridge uses to notify the project's event-triggered workflows. */
  eventsRole(): string {
    return this.n("iamRole", "glue-events-role");
  }
  /** The role Glue assumes to run the project's table optimizers (compaction, snapshot retention,
   * orphan-file deletion); 64 characters, IAM's limit. */
  tableOptimizerRole(): string {
    return this.n("iamRole", "glue-optimizer-role");
  }
  /** The optimizer role's inline policy. */
  tableOptimizerRolePolicy(): string {
    return this.n("iamPolicy", "glue-table-optimizer");
  }
  /** The events role's inline policy (project-prefixed like every project policy). */
  eventsRolePolicy(): string {
    return this.n("iamPolicy", "glue-events-notify-workflows");
  }
  /** One NETWORK connection per platform subnet, in failover order (index 0 first). */
  subnetConnection(index: number): string {
    return index === 0 ? this.connection() : this.n("glueName", `glue-network-${index + 1}`);
  }
  /** EventBridge rule names are ≤64 characters and the prefix takes 45, so the trigger name is hashed
   * (the rule's description names the trigger). */
  /** Whether a name is one of this project's NETWORK connections (any subnet). */
  isConnection(name: string | undefined): boolean {
    const base = this.connection();
    return name === base || (name !== undefined && new RegExp(`^${base}-([2-9]|[1-9][0-9]+)$`).test(name));
  }
  eventRule(trigger: string): string {
    return this.n("eventRule", `ev-${createHash("sha256").update(trigger).digest("hex").slice(0, 12)}`);
  }
  /** Secrets the project's runtime may read: `project-{uuid}/…`. */
  secretPrefix(): string {
    return `${this.prefix}/`;
  }
  policy(purpose: ProjectPolicyPurpose): string {
    return this.n("iamPolicy", `glue-${purpose}`);
  }
  /** Glue databases: hyphens are legal in Glue; Athena needs backticks for them (docs/decisions.md). */
  catalogDatabase(layer: LakeLayer): string {
    return this.n("glueDatabase", `catalog-db-${layer}`);
  }
  /** Folder of one project bucket's server access logs in the platform access-log bucket; under
   * the project's own name, so the platform bucket policy can scope project delivery to `project-*`. */
  accessLogPrefix(purpose: ProjectBucketPurpose): string {
    return `${this.prefix}/${purpose}/`;
  }
  /** The project's folder inside each shared lake bucket. */
  lakePrefix(): string {
    return `${this.prefix}/`;
  }
  securityGroup(): string {
    return this.n("securityGroup", "glue-sg");
  }
  connection(): string {
    return this.n("glueName", "glue-network");
  }
  /** No UpdateSecurityConfiguration API exists, so the name carries a version (docs/aws-facts.md "Names"). */
  securityConfiguration(version = 1): string {
    return this.n("glueName", `glue-secconf-v${version}`);
  }
  job(name: string): string {
    return checkedName("glueName", `${this.namePrefix("job")}${name}`);
  }
  crawler(name: string): string {
    return checkedName("glueName", `${this.namePrefix("crawler")}${name}`);
  }
  workflow(name: string): string {
    return checkedName("glueName", `${this.namePrefix("workflow")}${name}`);
  }
  trigger(name: string): string {
    return checkedName("glueName", `${this.namePrefix("trigger")}${name}`);
  }
  dataQualityRuleset(name: string): string {
    return checkedName("glueName", `${this.namePrefix("dataQualityRuleset")}${name}`);
  }
  /** Pattern of the project's catalog databases, one per lake layer. */
  catalogDatabasePattern(): string {
    return `${this.prefix}-catalog-db-*`;
  }
  topic(): string {
    return this.n("snsTopic", "glue-notifications");
  }
  deadLetterQueue(): string {
    return this.n("sqsQueue", "glue-dlq");
  }
  jobStateTable(): string {
    return this.n("dynamoTable", "glue-job-state");
  }
  dataQualityResultsRule(): string {
    return this.n("eventRule", "glue-dq-results");
  }
  jobFailureRule(): string {
    return this.n("eventRule", "glue-job-failed");
  }
  dashboard(): string {
    return this.n("dashboard", "glue");
  }
  failedRunsAlarm(job: string): string {
    return this.n("alarm", `job-${job}-failed-runs`);
  }
  /** The log groups Glue writes for this project's jobs and crawlers, which all run with the
   * project's security configuration (docs/aws-facts.md "Log groups"). Each pattern is anchored: a
   * fixed Glue path followed by this project's own configuration and role names, so no pattern can
   * match another project's groups. */
  logGroupPatterns(): string[] {
    const conf = this.securityConfiguration();
    return [
      `/aws-glue/jobs/${conf}-role/${this.jobRole()}/*`,
      `/aws-glue/jobs-${this.jobRole()}-${conf}/*`,
      `/aws-glue/crawlers-role/${this.crawlerRole()}-${conf}`,
    ];
  }
  scriptKey(jobName: string, contentHash: string, fileName: string): string {
    return `jobs/${jobName}/${contentHash.slice(0, 16)}/${fileName}`;
  }
}

/** Names of one project's resources in one environment: the env-independent ones plus the names
 * that are unique per account or stage (buckets, key alias, budget). */
export class ProjectNames extends ProjectIdNames {
  constructor(
    projectId: string,
    readonly env: string,
  ) {
    super(projectId);
  }
  /** S3 names are global: the UUID makes them unique across accounts, the env suffix across stages.
   * The seed's `glue-` infix is dropped because `project-{uuid}-glue-artifacts-prod` is 64 characters. */
  bucket(purpose: ProjectBucketPurpose): string {
    return this.n("s3Bucket", `${purpose}-${this.env}`);
  }
  keyAlias(): string {
    return checkedName("kmsAlias", `alias/${this.prefix}-glue-${this.env}`);
  }
  budget(): string {
    return this.n("budget", `glue-${this.env}`);
  }
}

/** The project UUID a name belongs to, if it follows the `project-{uuid}-` convention. */
export function projectIdOfName(name: string | undefined): string | undefined {
  if (typeof name !== "string") return undefined;
  return PROJECT_NAME_PREFIX.exec(name)?.[1];
}

/** Whether a name starts like a project name (`project-…`), whether or not a valid UUID follows. */
export function hasProjectNamePrefix(name: string): boolean {
  return name.startsWith(PROJECT_NAME_START);
}

/** Whether a name is one the platform or a project stack makes (project, lake or platform names). */
export function isManagedName(name: string): boolean {
  return (
    hasProjectNamePrefix(name) || name.startsWith(LAKE_BUCKET_PREFIX) || name.startsWith(PLATFORM_NAME_PREFIX)
  );
}

/** The lake layer of a shared lake bucket (`glue-lake-<layer>-<account>-<region>-<env>`), if it is one. */
export function lakeLayerOfBucket(bucket: string): LakeLayer | undefined {
  return LAKE_LAYERS.find((layer) => bucket.startsWith(`${LAKE_BUCKET_PREFIX}${layer}-`));
}

/** Whether a bucket is the platform's access-log bucket (`PlatformNames.accessLogBucket`). */
export function isAccessLogBucket(bucket: string | undefined): boolean {
  return bucket !== undefined && bucket.startsWith(`${LAKE_BUCKET_PREFIX}access-logs-`);
}

/** The purpose of one of a project's own buckets (`project-{uuid}-<purpose>-<env>`), if it is one. */
export function projectBucketPurposeOf(bucket: string, projectId: string): ProjectBucketPurpose | undefined {
  const prefix = `${PROJECT_NAME_START}${projectId}-`;
  if (!bucket.startsWith(prefix)) return undefined;
  const rest = bucket.slice(prefix.length);
  return PROJECT_BUCKET_PURPOSES.find((p) => new RegExp(`^${p}-[a-z]+$`).test(rest));
}

/** Every project id (`project-{uuid}`) a text mentions, lowercased, in order. */
export function projectIdsMentioned(text: string): string[] {
  const token = /project-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;
  return [...text.matchAll(token)].map((m) => m[1].toLowerCase());
}

/** Fragments of a project prefix in a text (`project-` then hex and hyphens, at least 4 characters),
 * lowercased: a partial prefix such as `project-c64b3548` matches every project whose id starts so. */
export function projectPrefixFragments(text: string): string[] {
  return [...text.matchAll(/project-([0-9a-f][0-9a-f-]{3,})/gi)].map((m) => m[1].toLowerCase());
}

/** A project resource name split into its project id and the rest (`project-{uuid}-<rest>`). */
export function parseProjectName(name: string): { projectId: string; rest: string } | undefined {
  const m = PROJECT_NAME_PREFIX.exec(name);
  return m && UUID_V4.test(m[1]) ? { projectId: m[1], rest: name.slice(m[0].length) } : undefined;
}

/** The layer of one of a project's catalog databases (ProjectNames.catalogDatabase), if it is one. */
export function catalogDatabaseLayerOf(database: string, projectId: string): LakeLayer | undefined {
  return LAKE_LAYERS.find((l) => database === `project-${projectId}-catalog-db-${l}`);
}

/** Whether an S3 location is inside the project's folder of the env's lake bucket of a layer
 * (PlatformNames.lakeBucket, ProjectNames.lakePrefix). */
export function inProjectLakeFolder(
  location: string,
  layer: LakeLayer,
  env: string,
  projectId: string,
): boolean {
  const m = /^s3:\/\/([^/]+)\/(.*)$/.exec(location);
  if (!m) return false;
  const [, bucket, key] = m;
  return (
    lakeLayerOfBucket(bucket) === layer &&
    bucket.endsWith(`-${env}`) &&
    key.startsWith(`project-${projectId}/`)
  );
}

/** Root of the runtime's run-metric namespaces (runtime/glue_runtime, `--METRICS_NAMESPACE`). */
export const RUNTIME_METRICS_NAMESPACE_ROOT = "GluePlatform/Jobs";
/** A project's own run-metric namespace, `GluePlatform/Jobs/project-{uuid}` from its name prefix:
 * IAM cannot bound metric dimensions, so a namespace per project is what keeps one project's jobs
 * from adding data points to another's run metrics (docs/decisions.md "Job runtime and Iceberg tables"). */
export const runtimeMetricsNamespace = (projectPrefix: string): string =>
  `${RUNTIME_METRICS_NAMESPACE_ROOT}/${projectPrefix}`;
