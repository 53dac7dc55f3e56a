/**
 * Pure planning of a project's orchestration: its crawlers (lake targets, recrawl and schema-change
 * policy) and triggers (Glue trigger type, actions, conditions, the lake objects that start an event
 * workflow). Part of planProject (./plan.ts).
 */
import { AccountScope, arns } from "../arn";
import { PlatformContract } from "../contract";
import { ProjectNames } from "../naming";
import { CrawlerSpec, TriggerSpec } from "../spec/model";

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

/** Where the project's data lives: the env's lake buckets and the project's folder in each. */
export interface ProjectLake {
  readonly buckets: PlatformContract["lakeBuckets"];
  readonly prefix: string;
}

const TRIGGER_TYPES = {
  scheduled: "SCHEDULED",
  conditional: "CONDITIONAL",
  onDemand: "ON_DEMAND",
  event: "EVENT",
} as const;

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

/** The crawlers of the spec, each over the project's folders of the lake. */
export function planCrawlers(crawlers: CrawlerSpec[], names: ProjectNames, lake: ProjectLake): CrawlerPlan[] {
  return crawlers.map((c) => ({
    spec: c,
    name: names.crawler(c.name),
    databaseName: names.catalogDatabase(c.database),
    s3Paths: c.targets.map((t) => ({
      path: `s3://${lake.buckets[t.layer].name}/${lake.prefix}${t.path.replace(/^\/+/, "")}`,
      exclusions: t.exclusions ?? [],
    })),
    recrawlBehavior: c.recrawl ?? "CRAWL_EVERYTHING",
    schemaChangePolicy: crawlerSchemaChangePolicy(c.recrawl ?? "CRAWL_EVERYTHING"),
  }));
}

/** The triggers of the spec (and those the data-quality evaluation adds), with physical names. */
export function planTriggers(
  triggers: TriggerSpec[],
  names: ProjectNames,
  scope: AccountScope,
  lake: ProjectLake,
): TriggerPlan[] {
  const jobName = (n?: string) => (n === undefined ? undefined : names.job(n));
  const crawlerName = (n?: string) => (n === undefined ? undefined : names.crawler(n));
  return triggers.map((t) => ({
    spec: t,
    name: names.trigger(t.name),
    glueType: TRIGGER_TYPES[t.type],
    workflowName: t.workflow === undefined ? undefined : names.workflow(t.workflow),
    ...(t.type === "event" && t.workflow !== undefined
      ? {
          eventSource: {
            bucket: lake.buckets[t.eventSource?.layer ?? "bronze"].name,
            keyPrefix: `${lake.prefix}${(t.eventSource?.path ?? "").replace(/^\/+/, "")}`,
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
}
