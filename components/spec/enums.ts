/**
 * The closed value sets of project.yaml, written once: the JSON Schema (`./schema.ts`, generated into
 * projects/project.schema.json) takes its `enum`s from here and the spec's TypeScript types
 * (`./specTypes.generated.ts`) are generated from that schema, so the two cannot disagree
 * (tests/spec/specTypes.test.ts checks the types below equal the generated fields').
 */

/** `jobs[].kind`: the Glue command each kind runs is `GLUE_COMMAND` in components/limits.ts. */
export const JOB_KINDS = ["sparkEtl", "pythonShell", "ray", "streaming"] as const;
/** `jobs[].executionClass` (Glue `ExecutionClass`, https://docs.aws.amazon.com/glue/latest/webapi/API_Job.html). */
export const EXECUTION_CLASSES = ["STANDARD", "FLEX"] as const;
/** `crawlers[].zone`: raw crawls bronze, curated crawls silver/gold (docs/decisions.md "Platform rules"). */
export const CRAWLER_ZONES = ["raw", "curated"] as const;
/** `crawlers[].recrawl` (Glue `RecrawlPolicy.RecrawlBehavior`, docs/aws-facts.md "Crawlers"). */
export const RECRAWL_BEHAVIORS = ["CRAWL_EVERYTHING", "CRAWL_NEW_FOLDERS_ONLY"] as const;
/** `triggers[].type`: Glue trigger types (`onDemand` is Glue's ON_DEMAND). */
export const TRIGGER_TYPES = ["scheduled", "conditional", "onDemand", "event"] as const;
/** `triggers[].logical`: how a conditional trigger combines its conditions (Glue `Predicate.Logical`). */
export const TRIGGER_LOGICALS = ["AND", "ANY"] as const;
/** `triggers[].conditions[].state`: job run states a condition may wait for (Glue `Condition.State`,
 * https://docs.aws.amazon.com/glue/latest/webapi/API_Condition.html). */
export const CONDITION_STATES = ["SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED"] as const;

export type JobKind = (typeof JOB_KINDS)[number];
export type ExecutionClass = (typeof EXECUTION_CLASSES)[number];
export type CrawlerZone = (typeof CRAWLER_ZONES)[number];
