/**
 * Pure planning of one project stack: validated spec + platform contract + env → every physical
 * name, ARN, policy document and resource argument the stack registers. No Pulumi here, so the whole
 * layout is testable on its own and everything a policy judges is a known value at preview.
 */
import { AccountScope, arns } from "../arn";
import { PlatformContract } from "../contract";
import { GlueJobArgs, glueJobArgs, RuntimeContext } from "../glue/jobArgs";
import { runtimeMetricsNamespace } from "./iamActions";
import { humanTrust, PolicyDocument, serviceTrust, Statement } from "../iam";
import { effectiveLimits, GovernanceLimits } from "../limits";
import { keyPolicy } from "../managedKey";
import {
  LAKE_LAYERS,
  LakeLayer,
  PROJECT_BUCKET_PURPOSES,
  ProjectBucketPurpose,
  ProjectNames,
  ProjectPolicyPurpose,
  PROJECT_POLICY_PURPOSES,
} from "../naming";
import {
  CrawlerSpec,
  DataQualitySpec,
  JobSpec,
  LoadedSpec,
  ScriptFile,
  TriggerSpec,
  WorkflowSpec,
} from "../spec/model";
import { expandPlaceholders } from "../spec/placeholders";
import { DQ_EVALUATOR_SCRIPT, evaluatorScript, planDataQualityEvaluation } from "./dataQuality";
import { projectTags, RequiredTags } from "../tags";
import {
  OwnGlueResources,
  ProjectIamContext,
  projectPolicyDocument,
  ROLE_POLICIES,
  RoleKind,
} from "./iamDocuments";
import { OperationsPlan, planOperations, planStorage, StoragePlan } from "./operationsPlan";
import { runtimeArchive, RuntimeArchivePlan } from "./runtimeArchive";
import { TablePlan, tablePlans } from "./tables";
import { planTableOptimizers, TableOptimizersPlan } from "./tableOptimizers";

export interface BucketPlan {
  readonly purpose: ProjectBucketPurpose;
  readonly name: string;
  readonly arn: string;
}

export interface JobPlan {
  readonly spec: JobSpec;
  readonly args: GlueJobArgs;
  readonly script: ScriptFile;
  readonly scriptKey: string;
  readonly extraFiles: { file: ScriptFile; key: string }[];
}

export interface CrawlerPlan {
  readonly spec: CrawlerSpec;
  readonly name: string;
  readonly databaseName: string;
  readonly s3Paths: { path: string; exclusions: string[] }[];
  readonly recrawlBehavior: "CRAWL_EVERYTHING" | "CRAWL_NEW_FOLDERS_ONLY";
  readonly schemaChangePolicy: { updateBehavior: "LOG" | "UPDATE_IN_DATABASE"; deleteBehavior: "LOG" };
}

export interface TriggerPlan {
  readonly spec: TriggerSpec;
  readonly name: string;
  readonly glueType: "SCHEDULED" | "CONDITIONAL" | "ON_DEMAND" | "EVENT";
  readonly workflowName?: string;
  readonly actions: { jobName?: string; crawlerName?: string; arguments?: Record<string, string> }[];
  /** EVENT triggers: the lake objects whose creation starts the workflow, and the rule that routes
   * them from EventBridge to it. */
  readonly eventSource?: { bucket: string; keyPrefix: string; ruleName: string; workflowArn: string };
  readonly conditions: {
    jobName?: string;
    crawlerName?: string;
    state?: string;
    crawlState?: string;
    logicalOperator: "EQUALS";
  }[];
}

export interface RolePlan {
  readonly kind: RoleKind;
  readonly name: string;
  readonly arn: string;
  readonly trust: PolicyDocument;
  readonly policies: readonly ProjectPolicyPurpose[];
}

export interface ProjectPlan {
  readonly loaded: LoadedSpec;
  readonly env: string;
  readonly names: ProjectNames;
  readonly scope: AccountScope;
  readonly platform: PlatformContract;
  readonly limits: GovernanceLimits;
  readonly tags: RequiredTags;
  readonly buckets: Record<ProjectBucketPurpose, BucketPlan>;
  readonly databases: { layer: LakeLayer; name: string; locationUri: string }[];
  /** One NETWORK connection per platform subnet, in this project's failover order. */
  readonly subnets: { id: string; availabilityZone: string; connectionName: string }[];
  readonly roles: Record<RoleKind, RolePlan>;
  readonly policies: Record<ProjectPolicyPurpose, { name: string; arn: string; document: PolicyDocument }>;
  readonly keyPolicy: PolicyDocument;
  readonly jobs: JobPlan[];
  /** The runtime archive every Spark ETL job loads (absent when the project has none). */
  readonly runtime?: RuntimeArchivePlan;
  readonly tables: TablePlan[];
  /** Optimizers of the declared tables and the role they run as (absent when no table has any). */
  readonly tableOptimizers?: TableOptimizersPlan;
  readonly crawlers: CrawlerPlan[];
  readonly workflows: { spec: WorkflowSpec; name: string }[];
  readonly triggers: TriggerPlan[];
  readonly dataQuality: { spec: DataQualitySpec; name: string; databaseName: string }[];
  readonly monthlyBudgetUsd: number;
  readonly sessionIdleTimeoutMinutes: number;
  readonly operations: OperationsPlan;
  readonly storage: StoragePlan;
}

const TRIGGER_TYPES = {
  scheduled: "SCHEDULED",
  conditional: "CONDITIONAL",
  onDemand: "ON_DEMAND",
  event: "EVENT",
} as const;

/** Service principals that publish to the encrypted project topic need the key
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services). */
function topicPublisherKeyStatement(scope: AccountScope): Statement {
  return {
    Sid: "AllowNotificationPublishersToUseKey",
    Effect: "Allow",
    Principal: { Service: ["events.amazonaws.com", "budgets.amazonaws.com", "cloudwatch.amazonaws.com"] },
    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
    Resource: "*",
    Condition: { StringEquals: { "aws:SourceAccount": scope.accountId } },
  };
}

/** Crawlers never drop tables when data disappears (deletions are logged). An incremental crawl
 * (`CRAWL_NEW_FOLDERS_ONLY`) must log updates too: AWS rejects any other SchemaChangePolicy with
 * InvalidInputException (docs/aws-facts.md "Crawlers"). */
export function crawlerSchemaChangePolicy(
  recrawl: CrawlerPlan["recrawlBehavior"],
): CrawlerPlan["schemaChangePolicy"] {
  return recrawl === "CRAWL_NEW_FOLDERS_ONLY"
    ? { updateBehavior: "LOG", deleteBehavior: "LOG" }
    : { updateBehavior: "UPDATE_IN_DATABASE", deleteBehavior: "LOG" };
}

/** Every subnet, starting at one picked from the project id so projects spread their first choice
 * across AZs; Glue uses the first healthy connection in the list (docs/aws-facts.md "Connections"). */
export function failoverOrder<T>(subnets: T[], projectId: string): T[] {
  const start = parseInt(projectId.slice(0, 8), 16) % subnets.length;
  return [...subnets.slice(start), ...subnets.slice(0, start)];
}

export function planProject(loaded: LoadedSpec, platform: PlatformContract, env: string): ProjectPlan {
  const { spec } = loaded;
  const names = new ProjectNames(spec.projectId, env);
  const scope: AccountScope = {
    accountId: platform.accountId,
    region: platform.region,
    partition: platform.partition,
  };
  const limits = effectiveLimits(platform.governanceLimits, spec.limits);
  const tags = projectTags({
    projectId: spec.projectId,
    owner: spec.owner,
    costCenter: spec.costCenter,
    env,
  });

  const buckets = Object.fromEntries(
    PROJECT_BUCKET_PURPOSES.map((purpose) => {
      const name = names.bucket(purpose);
      return [purpose, { purpose, name, arn: arns.bucket(scope, name) }];
    }),
  ) as Record<ProjectBucketPurpose, BucketPlan>;
  const bucketArns = Object.fromEntries(PROJECT_BUCKET_PURPOSES.map((p) => [p, buckets[p].arn])) as Record<
    ProjectBucketPurpose,
    string
  >;
  const role = (kind: RoleKind, name: string): RolePlan => ({
    kind,
    name,
    arn: arns.role(scope, name),
    // The dev role is the human side of interactive sessions: people assume it and pass the job
    // role to Glue as the session's runtime role (docs/aws-facts.md "Sessions").
    trust:
      kind === "dev"
        ? humanTrust(arns.accountRoot(scope), platform.devPrincipalArnPatterns, {
            key: "Project",
            value: tags.Project,
          })
        : serviceTrust("glue.amazonaws.com", scope.accountId),
    policies: ROLE_POLICIES[kind],
  });
  const roles = {
    job: role("job", names.jobRole()),
    crawler: role("crawler", names.crawlerRole()),
    dev: role("dev", names.devRole()),
  };

  const prefix = names.lakePrefix();
  const databaseLayers = spec.catalog?.databases ?? [...LAKE_LAYERS];
  const databases = databaseLayers.map((layer) => ({
    layer,
    name: names.catalogDatabase(layer),
    locationUri: `s3://${platform.lakeBuckets[layer].name}/${prefix}`,
  }));

  const subnets = failoverOrder(
    platform.privateSubnetIds.map((id, i) => ({
      id,
      availabilityZone: platform.privateSubnetAzs[i],
      connectionName: names.subnetConnection(i),
    })),
    spec.projectId,
  );
  const s3 = (bucket: string, key: string) => `s3://${bucket}/${key}`;
  const dq = planDataQualityEvaluation(spec, names, {
    jobRoleArn: roles.job.arn,
    topicArn: arns.snsTopic(scope, names.topic()),
  });
  const scriptOf = (rel: string): ScriptFile => {
    const f = rel === DQ_EVALUATOR_SCRIPT ? evaluatorScript() : loaded.scripts.get(rel);
    if (!f) throw new Error(`internal: script ${rel} was not resolved by the validator`);
    return f;
  };

  const lakeUri = (layer: LakeLayer) => `s3://${platform.lakeBuckets[layer].name}/${prefix}`;
  const runtime: RuntimeArchivePlan | undefined = (spec.jobs ?? []).some((j) => j.kind === "sparkEtl")
    ? runtimeArchive()
    : undefined;
  const runtimeContext: RuntimeContext | undefined = runtime && {
    projectId: spec.projectId,
    lake: { bronze: lakeUri("bronze"), silver: lakeUri("silver"), gold: lakeUri("gold") },
    databases: Object.fromEntries(databases.map((d) => [d.layer, d.name])),
    quarantinePath: `${lakeUri("bronze")}_quarantine/`,
    dlqUrl: `https://sqs.${scope.region}.amazonaws.com/${scope.accountId}/${names.deadLetterQueue()}`,
    topicArn: arns.snsTopic(scope, names.topic()),
    stateTable: names.jobStateTable(),
    keyAlias: names.keyAlias(),
    metricsNamespace: runtimeMetricsNamespace(names.prefix),
    runtimeArchive: s3(buckets.scripts.name, runtime.key),
    icebergWarehouse: lakeUri("silver"),
  };

  const jobs: JobPlan[] = [...(spec.jobs ?? []), ...dq.jobs].map((job) => {
    const physicalName = names.job(job.name);
    const script = scriptOf(job.script);
    const scriptKey = names.scriptKey(
      job.name,
      script.sha256,
      script.relativePath.split("/").pop() as string,
    );
    const extraFiles = (job.extraPyFiles ?? []).map((rel) => {
      const file = scriptOf(rel);
      return { file, key: names.scriptKey(job.name, file.sha256, rel.split("/").pop() as string) };
    });
    const resolve = (kind: "lake" | "db", layer: LakeLayer) =>
      kind === "db" ? names.catalogDatabase(layer) : `s3://${platform.lakeBuckets[layer].name}/${prefix}`;
    const parameters = Object.fromEntries(
      Object.entries(job.parameters ?? {}).map(([k, v]) => [k, expandPlaceholders(v, resolve)]),
    );
    const args = glueJobArgs(
      { ...job, parameters },
      {
        physicalName,
        roleArn: roles.job.arn,
        connectionNames: subnets.map((s) => s.connectionName),
        securityConfigurationName: names.securityConfiguration(),
        scriptLocation: s3(buckets.scripts.name, scriptKey),
        extraPyFiles: extraFiles.map((e) => s3(buckets.scripts.name, e.key)),
        tempDir: s3(buckets.temp.name, `jobs/${job.name}/`),
        sparkUiPath: s3(buckets.artifacts.name, `spark-ui/${job.name}/`),
        limits,
        env,
        runtime: runtimeContext,
      },
    );
    return { spec: job, args, script, scriptKey, extraFiles };
  });

  const crawlers: CrawlerPlan[] = (spec.crawlers ?? []).map((c) => ({
    spec: c,
    name: names.crawler(c.name),
    databaseName: names.catalogDatabase(c.database),
    s3Paths: c.targets.map((t) => ({
      path: `s3://${platform.lakeBuckets[t.layer].name}/${prefix}${t.path.replace(/^\/+/, "")}`,
      exclusions: t.exclusions ?? [],
    })),
    recrawlBehavior: c.recrawl ?? "CRAWL_EVERYTHING",
    schemaChangePolicy: crawlerSchemaChangePolicy(c.recrawl ?? "CRAWL_EVERYTHING"),
  }));

  const jobName = (n?: string) => (n === undefined ? undefined : names.job(n));
  const crawlerName = (n?: string) => (n === undefined ? undefined : names.crawler(n));
  const triggers: TriggerPlan[] = [...(spec.triggers ?? []), ...dq.triggers].map((t) => ({
    spec: t,
    name: names.trigger(t.name),
    glueType: TRIGGER_TYPES[t.type],
    workflowName: t.workflow === undefined ? undefined : names.workflow(t.workflow),
    ...(t.type === "event" && t.workflow !== undefined
      ? {
          eventSource: {
            bucket: platform.lakeBuckets[t.eventSource?.layer ?? "bronze"].name,
            keyPrefix: `${prefix}${(t.eventSource?.path ?? "").replace(/^\/+/, "")}`,
            ruleName: names.eventRule(t.name),
            workflowArn: arns.glueWorkflow(scope, names.workflow(t.workflow)),
          },
        }
      : {}),
    actions: t.actions.map((a) => ({
      ...(a.job ? { jobName: jobName(a.job) } : { crawlerName: crawlerName(a.crawler) }),
      ...(a.arguments
        ? { arguments: Object.fromEntries(Object.entries(a.arguments).map(([k, v]) => [`--${k}`, v])) }
        : {}),
    })),
    conditions: (t.conditions ?? []).map((c) =>
      c.job
        ? { jobName: jobName(c.job), state: c.state ?? "SUCCEEDED", logicalOperator: "EQUALS" as const }
        : {
            crawlerName: crawlerName(c.crawler),
            crawlState: c.state ?? "SUCCEEDED",
            logicalOperator: "EQUALS" as const,
          },
    ),
  }));

  const dataQuality = (spec.dataQuality ?? []).map((d) => ({
    spec: d,
    name: names.dataQualityRuleset(d.name),
    databaseName: names.catalogDatabase(d.database),
  }));
  // Policies name the project's own jobs, crawlers, rulesets and databases exactly.
  const own: OwnGlueResources = {
    jobs: jobs.map((j) => names.job(j.spec.name)),
    crawlers: crawlers.map((c) => c.name),
    dataQualityRulesets: dataQuality.map((d) => d.name),
    databases: databases.map((d) => d.name),
  };
  const ctx: ProjectIamContext = { names, scope, platform, projectTag: tags.Project, bucketArns, own };
  const policies = Object.fromEntries(
    PROJECT_POLICY_PURPOSES.map((purpose) => {
      const name = names.policy(purpose);
      return [
        purpose,
        { name, arn: arns.policy(scope, name), document: projectPolicyDocument(ctx, purpose) },
      ];
    }),
  ) as ProjectPlan["policies"];

  const tables = tablePlans(spec.tables ?? [], names, lakeUri);
  const budget =
    typeof spec.monthlyBudgetUsd === "number"
      ? spec.monthlyBudgetUsd
      : (spec.monthlyBudgetUsd[env as "dev"] ?? 0);

  return {
    loaded,
    env,
    names,
    scope,
    platform,
    limits,
    tags,
    buckets,
    databases,
    subnets,
    roles,
    policies,
    keyPolicy: keyPolicy({
      scope,
      logGroupPatterns: names.logGroupPatterns(),
      extraStatements: [topicPublisherKeyStatement(scope)],
    }),
    jobs,
    runtime,
    tables,
    tableOptimizers: planTableOptimizers(tables, names, scope, platform),
    crawlers,
    workflows: (spec.workflows ?? []).map((w) => ({ spec: w, name: names.workflow(w.name) })),
    triggers,
    dataQuality,
    monthlyBudgetUsd: budget,
    sessionIdleTimeoutMinutes:
      spec.devSessions?.idleTimeoutMinutes ?? platform.governanceLimits.sessionIdleTimeoutMinutes,
    operations: planOperations({
      names,
      scope,
      env,
      jobs: jobs.map((j) => ({ name: j.spec.name, kind: j.spec.kind, physicalName: j.args.name })),
      hasDataQuality: dataQuality.length > 0,
      costAllocationTagsActive: platform.costAllocationTagsActive,
    }),
    storage: planStorage(env),
  };
}
