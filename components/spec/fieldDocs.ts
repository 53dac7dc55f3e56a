/**
 * The documentation of every project-spec field: what it holds, its default when left out (the value
 * the plan uses: components/project/plan.ts, components/glue/jobArgs.ts, components/project/*.ts) and
 * where to read more (AWS/Iceberg documentation, docs/ or the README). `documented`
 * (components/spec/schemaDocs.ts) writes it into the JSON Schema, so editors show it from
 * `projects/project.schema.json`; a field without an entry fails there and in
 * tests/spec/schemaDocs.test.ts.
 */
import { LAKE_LAYERS } from "../naming";
import { PLATFORM_LIMITS, PYTHON_SHELL_DEFAULT_CAPACITY, TABLE_OPTIMIZER_RUN_RATE_HOURS } from "../limits";
import { JOB_DEFAULTS } from "./jobDefaults";
import { TABLE_OPTIMIZER_DEFAULTS } from "./tableOptimizers";

const GLUE_API = "https://docs.aws.amazon.com/glue/latest/webapi";
const GLUE_DG = "https://docs.aws.amazon.com/glue/latest/dg";
const LINK = {
  job: `${GLUE_API}/API_CreateJob.html`,
  jobArguments: `${GLUE_DG}/aws-glue-programming-etl-glue-arguments.html`,
  crawler: `${GLUE_API}/API_CreateCrawler.html`,
  workflow: `${GLUE_API}/API_CreateWorkflow.html`,
  trigger: `${GLUE_API}/API_CreateTrigger.html`,
  eventBatching: `${GLUE_API}/API_EventBatchingCondition.html`,
  eventWorkflow: `${GLUE_DG}/starting-workflow-eventbridge.html`,
  dataQuality: `${GLUE_DG}/dqdl.html`,
  session: `${GLUE_API}/API_CreateSession.html`,
  iceberg: "https://iceberg.apache.org/spec/",
  tableOptimizers: `${GLUE_DG}/table-optimizers.html`,
  budgets: "https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-managing-costs.html",
  sns: "https://docs.aws.amazon.com/sns/latest/dg/sns-email-notifications.html",
  tags: "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html",
  schedule: `${GLUE_DG}/monitor-data-warehouse-schedule.html`,
  readme: "README.md (Adding a project, and adding a job to a project)",
  decisions: "docs/decisions.md",
  runtime: "docs/job-runtime.md",
} as const;

/** One field: `text`, then its default (`default` is also written as the schema's `default`
 * annotation; `defaultText` when the default is not a constant), then the link. A required field has
 * neither. */
export interface FieldDoc {
  readonly text: string;
  readonly link: string;
  readonly default?: unknown;
  readonly defaultText?: string;
}

const none = (what: string) => ({ defaultText: `none (${what})` });
const optimizerRunRate = {
  text: `hours between optimizer runs (${TABLE_OPTIMIZER_RUN_RATE_HOURS.min}–${TABLE_OPTIMIZER_RUN_RATE_HOURS.max})`,
  link: LINK.tableOptimizers,
  defaultText: "AWS's, 24",
};
const jobTimeout = PLATFORM_LIMITS.defaultTimeoutMinutes;

/** Field docs by path: `a.b` for nested properties, `a[]` for array items, the same path for every
 * job kind (`jobs[].workers`). */
export const FIELD_DOCS: Readonly<Record<string, FieldDoc>> = {
  $schema: {
    text: "path or URL of this JSON Schema, for editor completion",
    link: LINK.readme,
    ...none("ignored"),
  },
  slug: { text: "project folder and stack prefix", link: LINK.readme },
  projectId: { text: "lowercase UUID v4; never changes", link: LINK.readme },
  displayName: { text: "human-readable project name (key description)", link: LINK.readme },
  owner: { text: "owner's e-mail, the Owner tag", link: LINK.tags },
  costCenter: { text: "the CostCenter tag value", link: LINK.tags },
  environments: { text: "environments the project has a stack in", link: LINK.readme },
  monthlyBudgetUsd: {
    text: "monthly AWS Budgets limit in USD, one number or per environment",
    link: LINK.budgets,
  },
  "monthlyBudgetUsd.dev": { text: "dev budget in USD", link: LINK.budgets, defaultText: "0 when left out" },
  "monthlyBudgetUsd.prod": { text: "prod budget in USD", link: LINK.budgets, defaultText: "0 when left out" },
  notificationEmails: { text: "e-mail subscribers of the project topic and the budget", link: LINK.sns },
  limits: {
    text: "limits stricter than the platform's",
    link: LINK.decisions,
    defaultText: "the platform's",
  },
  "limits.maxWorkersPerJob": { text: "most workers per job", link: LINK.job, defaultText: "the platform's" },
  "limits.maxProjectDpu": {
    text: "most DPUs of all jobs together",
    link: LINK.job,
    defaultText: "the platform's",
  },
  "limits.maxTimeoutMinutes": { text: "longest job timeout", link: LINK.job, defaultText: "the platform's" },
  "limits.maxRetries": { text: "most retries per job", link: LINK.job, defaultText: "the platform's" },
  catalog: {
    text: "the project's Glue catalog databases",
    link: LINK.decisions,
    defaultText: "every lake layer",
  },
  "catalog.databases": {
    text: "lake layers with a catalog database",
    link: LINK.decisions,
    default: [...LAKE_LAYERS],
  },
  devSessions: {
    text: "Glue interactive sessions of the dev role",
    link: LINK.session,
    defaultText: "platform settings",
  },
  "devSessions.idleTimeoutMinutes": {
    text: "idle minutes before a session stops (the dev role's session tag)",
    link: LINK.session,
    defaultText: `the platform's sessionIdleTimeoutMinutes (${PLATFORM_LIMITS.sessionIdleTimeoutMinutes})`,
  },
  jobs: { text: "Glue jobs", link: LINK.job, ...none("no jobs") },
  "jobs[].kind": {
    text: "sparkEtl (glueetl), pythonShell, ray (glueray) or streaming (gluestreaming)",
    link: LINK.job,
  },
  "jobs[].name": { text: "job name, lowercase, starts with a letter, ≤40 chars", link: LINK.job },
  "jobs[].description": { text: "job description", link: LINK.job, ...none("no description") },
  "jobs[].script": { text: "path under scripts/ of this project folder", link: LINK.runtime },
  "jobs[].timeoutMinutes": {
    text: "run timeout",
    link: LINK.job,
    defaultText: `the platform's defaultTimeoutMinutes (${jobTimeout})`,
  },
  "jobs[].maxRetries": { text: "retries of a failed run", link: LINK.job, default: JOB_DEFAULTS.maxRetries },
  "jobs[].maxConcurrentRuns": {
    text: "concurrent runs",
    link: LINK.job,
    default: JOB_DEFAULTS.maxConcurrentRuns,
  },
  "jobs[].runQueuing": {
    text: "queue runs over the account's limits instead of failing them",
    link: LINK.job,
    defaultText: "true when maxRetries is 0 and the job is neither FLEX nor streaming",
  },
  "jobs[].parameters": {
    text: "passed as --NAME default arguments",
    link: LINK.jobArguments,
    ...none("no parameters"),
  },
  "jobs[].extraPyFiles": {
    text: "more Python files under scripts/ (--extra-py-files)",
    link: LINK.jobArguments,
    ...none("none"),
  },
  "jobs[].additionalPythonModules": {
    text: "pip requirements (--additional-python-modules)",
    link: LINK.jobArguments,
    ...none("none"),
  },
  "jobs[].notifyDelayAfterMinutes": {
    text: "minutes of a run before a delay notification",
    link: `${GLUE_API}/API_NotificationProperty.html`,
    ...none("no notification"),
  },
  "jobs[].glueVersion": { text: "Glue version of a Spark job", link: `${GLUE_DG}/release-notes.html` },
  "jobs[].workerType": { text: "worker type of a Spark job", link: LINK.job },
  "jobs[].workers": { text: "number of workers", link: LINK.job },
  "jobs[].executionClass": {
    text: "STANDARD or FLEX (spare capacity, no queuing)",
    link: `${GLUE_DG}/flex-job.html`,
    default: "STANDARD",
  },
  "jobs[].bookmarks": {
    text: "job bookmarks (--job-bookmark-option)",
    link: `${GLUE_DG}/monitor-continuations.html`,
    default: true,
  },
  "jobs[].iceberg": {
    text: "reads/writes Iceberg tables: the platform adds --datalake-formats iceberg and its Glue-catalog --conf",
    link: `${GLUE_DG}/aws-glue-programming-etl-format-iceberg.html`,
    default: false,
  },
  "jobs[].maxCapacity": {
    text: "DPUs of a Python shell job",
    link: LINK.job,
    default: PYTHON_SHELL_DEFAULT_CAPACITY,
  },
  "jobs[].maintenanceWindow": {
    text: "weekly restart window of a streaming job (Day:hour)",
    link: `${GLUE_DG}/glue-streaming-maintenance.html`,
    ...none("Glue restarts the job 7 days after it starts"),
  },
  crawlers: { text: "Glue crawlers", link: LINK.crawler, ...none("no crawlers") },
  "crawlers[].name": { text: "crawler name", link: LINK.crawler },
  "crawlers[].description": { text: "crawler description", link: LINK.crawler, ...none("no description") },
  "crawlers[].zone": {
    text: "raw crawls bronze; curated crawls silver/gold, never both",
    link: LINK.decisions,
  },
  "crawlers[].database": {
    text: "lake layer of the database the crawler writes tables to",
    link: LINK.crawler,
  },
  "crawlers[].targets": { text: "S3 folders to crawl", link: LINK.crawler },
  "crawlers[].targets[].layer": { text: "lake layer of the folder", link: LINK.crawler },
  "crawlers[].targets[].path": { text: "folder under the project's prefix", link: LINK.crawler },
  "crawlers[].targets[].exclusions": {
    text: "glob patterns left out",
    link: `${GLUE_DG}/define-crawler-choose-data-sources.html`,
    default: [],
  },
  "crawlers[].schedule": { text: "cron(...) schedule", link: LINK.schedule, ...none("on demand") },
  "crawlers[].tablePrefix": {
    text: "prefix of the tables it creates",
    link: LINK.crawler,
    ...none("no prefix"),
  },
  "crawlers[].recrawl": {
    text: "recrawl policy",
    link: `${GLUE_DG}/incremental-crawls.html`,
    default: "CRAWL_EVERYTHING",
  },
  workflows: { text: "Glue workflows", link: LINK.workflow, ...none("no workflows") },
  "workflows[].name": { text: "workflow name", link: LINK.workflow },
  "workflows[].description": { text: "workflow description", link: LINK.workflow, ...none("no description") },
  "workflows[].maxConcurrentRuns": { text: "concurrent workflow runs", link: LINK.workflow, default: 1 },
  triggers: { text: "Glue triggers", link: LINK.trigger, ...none("no triggers") },
  "triggers[].name": { text: "trigger name", link: LINK.trigger },
  "triggers[].description": { text: "trigger description", link: LINK.trigger, ...none("no description") },
  "triggers[].type": { text: "scheduled, conditional, onDemand or event", link: LINK.trigger },
  "triggers[].workflow": {
    text: "workflow the trigger belongs to",
    link: LINK.workflow,
    ...none("no workflow"),
  },
  "triggers[].schedule": {
    text: "cron(...) schedule of a scheduled trigger",
    link: LINK.schedule,
    ...none("required when scheduled"),
  },
  "triggers[].enabled": {
    text: "start scheduled and conditional triggers enabled",
    link: LINK.trigger,
    default: true,
  },
  "triggers[].logical": {
    text: "how conditions combine",
    link: `${GLUE_API}/API_Predicate.html`,
    default: "AND",
  },
  "triggers[].conditions": {
    text: "job or crawler states a conditional trigger waits for",
    link: `${GLUE_API}/API_Condition.html`,
    default: [],
  },
  "triggers[].conditions[].job": {
    text: "job watched",
    link: `${GLUE_API}/API_Condition.html`,
    ...none("give job or crawler"),
  },
  "triggers[].conditions[].crawler": {
    text: "crawler watched",
    link: `${GLUE_API}/API_Condition.html`,
    ...none("give job or crawler"),
  },
  "triggers[].conditions[].state": {
    text: "state that fires the trigger",
    link: `${GLUE_API}/API_Condition.html`,
    default: "SUCCEEDED",
  },
  "triggers[].actions": { text: "jobs or crawlers started", link: `${GLUE_API}/API_Action.html` },
  "triggers[].actions[].job": {
    text: "job started",
    link: `${GLUE_API}/API_Action.html`,
    ...none("give job or crawler"),
  },
  "triggers[].actions[].crawler": {
    text: "crawler started",
    link: `${GLUE_API}/API_Action.html`,
    ...none("give job or crawler"),
  },
  "triggers[].actions[].arguments": {
    text: "run arguments (--NAME)",
    link: LINK.jobArguments,
    ...none("the job's defaults"),
  },
  "triggers[].eventBatching": {
    text: "events an event trigger collects before it starts",
    link: LINK.eventBatching,
    ...none("no batching condition is sent"),
  },
  "triggers[].eventBatching.size": { text: "events per batch", link: LINK.eventBatching },
  "triggers[].eventBatching.windowSeconds": {
    text: "seconds before a partial batch starts",
    link: LINK.eventBatching,
    defaultText: "AWS's, 900 seconds",
  },
  "triggers[].eventSource": {
    text: "event triggers: S3 objects created under this layer/path of the project prefix",
    link: LINK.eventWorkflow,
    ...none("required for event triggers"),
  },
  "triggers[].eventSource.layer": { text: "lake layer watched", link: LINK.eventWorkflow },
  "triggers[].eventSource.path": {
    text: "folder under the project's prefix",
    link: LINK.eventWorkflow,
    defaultText: "the whole project prefix",
  },
  tables: {
    text: "Iceberg tables the stack creates in the layer's catalog database, under the project's lake prefix",
    link: LINK.iceberg,
    ...none("no tables"),
  },
  "tables[].name": { text: "table name", link: LINK.iceberg },
  "tables[].layer": { text: "lake layer of the table", link: LINK.runtime },
  "tables[].description": { text: "table description", link: LINK.iceberg, ...none("no description") },
  "tables[].columns": { text: "the table's columns", link: LINK.iceberg },
  "tables[].columns[].name": { text: "column name", link: LINK.iceberg },
  "tables[].columns[].type": { text: "Iceberg primitive type", link: `${LINK.iceberg}#primitive-types` },
  "tables[].columns[].required": { text: "column may not be null", link: LINK.iceberg, default: false },
  "tables[].columns[].comment": { text: "column comment", link: LINK.iceberg, ...none("no comment") },
  "tables[].partitionBy": { text: "partition fields", link: `${LINK.iceberg}#partitioning`, default: [] },
  "tables[].partitionBy[].column": { text: "source column", link: `${LINK.iceberg}#partitioning` },
  "tables[].partitionBy[].transform": {
    text: "partition transform",
    link: `${LINK.iceberg}#partition-transforms`,
    default: "identity",
  },
  "tables[].optimizers": {
    text: "Glue table optimizers, run as the project's optimizer role",
    link: LINK.tableOptimizers,
    ...none("no optimizers"),
  },
  "tables[].optimizers.compaction": {
    text: "bin-pack small data files; {} enables it with the defaults",
    link: LINK.tableOptimizers,
    ...none("off"),
  },
  "tables[].optimizers.compaction.minInputFiles": {
    text: "files before compaction starts",
    link: LINK.tableOptimizers,
    defaultText: "AWS's, 100",
  },
  "tables[].optimizers.compaction.deleteFileThreshold": {
    text: "delete files before compaction starts",
    link: LINK.tableOptimizers,
    defaultText: "AWS's, 1",
  },
  "tables[].optimizers.retention": {
    text: "expire old snapshots; {} enables it with the defaults",
    link: LINK.tableOptimizers,
    ...none("off"),
  },
  "tables[].optimizers.retention.snapshotRetentionPeriodInDays": {
    text: "days a snapshot is kept",
    link: LINK.tableOptimizers,
    defaultText: "AWS's, 5",
  },
  "tables[].optimizers.retention.numberOfSnapshotsToRetain": {
    text: "snapshots always kept",
    link: LINK.tableOptimizers,
    defaultText: "AWS's, 1",
  },
  "tables[].optimizers.retention.runRateInHours": optimizerRunRate,
  "tables[].optimizers.retention.cleanExpiredFiles": {
    text: "delete the files of expired snapshots (AWS's default is false)",
    link: LINK.tableOptimizers,
    default: TABLE_OPTIMIZER_DEFAULTS.retention.cleanExpiredFiles,
  },
  "tables[].optimizers.orphanFileDeletion": {
    text: "delete files no snapshot references; {} enables it with the defaults",
    link: LINK.tableOptimizers,
    ...none("off"),
  },
  "tables[].optimizers.orphanFileDeletion.orphanFileRetentionPeriodInDays": {
    text: "age in days before an unreferenced file is deleted; must outlast the longest job run",
    link: LINK.tableOptimizers,
    default: TABLE_OPTIMIZER_DEFAULTS.orphanFileDeletion.orphanFileRetentionPeriodInDays,
  },
  "tables[].optimizers.orphanFileDeletion.runRateInHours": optimizerRunRate,
  dataQuality: { text: "Glue Data Quality rulesets", link: LINK.dataQuality, ...none("no rulesets") },
  "dataQuality[].name": { text: "ruleset name", link: LINK.dataQuality },
  "dataQuality[].description": {
    text: "ruleset description",
    link: LINK.dataQuality,
    ...none("no description"),
  },
  "dataQuality[].database": { text: "lake layer of the table's database", link: LINK.dataQuality },
  "dataQuality[].table": { text: "table evaluated", link: LINK.dataQuality },
  "dataQuality[].rules": { text: "DQDL rules", link: LINK.dataQuality },
  "dataQuality[].afterJob": {
    text: "evaluate after this job succeeds",
    link: LINK.dataQuality,
    ...none("evaluated on demand"),
  },
};
