import { PolicyResource } from "@pulumi/policy";
import { MIN_EVENT_BATCH_SIZE, MIN_EVENT_BATCH_WINDOW_SECONDS } from "../../components/limits";
import { defineStackPolicy } from "../lib/define";
import { list, num, obj, peek, UNKNOWN } from "../lib/values";
import { limitSchema } from "../lib/config";
import { T } from "../lib/types";
import { eventBridgeEdges } from "../lib/eventLoopEdges";
import { eventsProducedBy } from "../lib/glueEventsProduced";

const AWS_DEFAULT_BATCH_WINDOW_SECONDS = 900;

interface Config {
  minEventBatchSize: number;
  minEventBatchWindowSeconds: number;
}

/** `job:<name>` / `crawler:<name>` of a condition or action, when known. */
function nodesOf(items: unknown): string[] {
  const out: string[] = [];
  for (const item of list(items)) {
    const o = obj(item);
    for (const k of ["jobName", "crawlerName"] as const) {
      const v = peek(() => o[k]);
      if (typeof v === "string") out.push(`${k === "jobName" ? "job" : "crawler"}:${v}`);
    }
  }
  return out;
}

/** Each trigger's edges: watched job/crawler → started job/crawler (Glue conditional triggers,
 * https://docs.aws.amazon.com/glue/latest/dg/trigger-job.html). */
function edgesOf(triggers: readonly PolicyResource[]): Map<PolicyResource, [string, string][]> {
  const out = new Map<PolicyResource, [string, string][]>();
  for (const t of triggers) {
    const watched = nodesOf(peek(() => obj(peek(() => t.props.predicate)).conditions));
    const started = nodesOf(peek(() => t.props.actions));
    out.set(
      t,
      watched.flatMap((w) => started.map((s): [string, string] => [w, s])),
    );
  }
  return out;
}

/** Nodes that lie on a cycle of the directed graph. */
function nodesOnCycles(edges: readonly [string, string][]): Set<string> {
  const next = new Map<string, Set<string>>();
  for (const [a, b] of edges) next.set(a, (next.get(a) ?? new Set()).add(b));
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [...(next.get(from) ?? [])];
    while (stack.length > 0) {
      const n = stack.pop() as string;
      if (n === to) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...(next.get(n) ?? []));
    }
    return false;
  };
  return new Set([...next.keys()].filter((n) => reaches(n, n)));
}

export const glueTriggerGraph = defineStackPolicy<Config>({
  name: "glue-trigger-graph",
  description:
    "Conditional triggers form no loop (a trigger may not start a job or crawler that its own predicate, or a chain of the stack's triggers, watches), also through EventBridge: a rule targeting a workflow whose EVENT triggers start a job or crawler is an edge from every job or crawler whose activity may produce an event the rule's pattern matches (its state changes; S3 object events under any location its arguments name; Data Catalog table/database changes, of any project database for a job and of its own databases for a crawler; data-quality results, for any job), and event triggers batch events above the configured floor.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Chain jobs in one direction only (retry with the job's maxRetries, not a trigger on FAILED); give event triggers eventBatchingConditions with batchSize and batchWindow at or above the floor.",
  config: {
    minEventBatchSize: MIN_EVENT_BATCH_SIZE,
    minEventBatchWindowSeconds: MIN_EVENT_BATCH_WINDOW_SECONDS,
  },
  configSchema: limitSchema({
    minEventBatchSize: {
      type: "integer",
      default: MIN_EVENT_BATCH_SIZE,
      description: "the fewest events an EVENT trigger may start its workflow for",
    },
    minEventBatchWindowSeconds: {
      type: "integer",
      default: MIN_EVENT_BATCH_WINDOW_SECONDS,
      description: "the shortest batch window of an EVENT trigger, in seconds",
    },
  }),
  validate(ctx) {
    const triggers = ctx.resources.filter((r) => r.type === T.trigger);
    const conditional = triggers.filter((t) => peek(() => t.props.type) === "CONDITIONAL");
    const edges = edgesOf(conditional);
    // EventBridge rule → workflow → its EVENT triggers' actions is an edge too (lib/eventLoopEdges.ts).
    const started = [...new Set(triggers.flatMap((t) => nodesOf(peek(() => t.props.actions))))];
    const viaEvents = eventBridgeEdges(
      ctx.resources,
      started,
      (t) => nodesOf(peek(() => t.props.actions)),
      eventsProducedBy(ctx.resources),
    );
    const cyclic = nodesOnCycles([
      ...[...edges.values()].flat(),
      ...viaEvents.map((e): [string, string] => [e.from, e.to]),
    ]);
    for (const [t, es] of edges) {
      const loop = es.find(([a, b]) => cyclic.has(a) && cyclic.has(b));
      if (loop)
        ctx.report(
          t,
          `starts ${loop[1]} when ${loop[0]} finishes, and that closes a loop of conditional triggers`,
          "chain jobs in one direction; use the job's maxRetries for retries",
        );
    }
    const reported = new Set<PolicyResource>();
    for (const e of viaEvents) {
      if (reported.has(e.target) || !cyclic.has(e.from) || !cyclic.has(e.to)) continue;
      reported.add(e.target);
      ctx.report(
        e.target,
        `starts a workflow that runs ${e.to} on events that ${e.from} can produce (its state changes, objects under the S3 locations its arguments name, catalog changes, data-quality results), and that closes a loop`,
        "narrow the rule's pattern to events the workflow's jobs/crawlers cannot produce (other jobs, a prefix none of their arguments or the runtime's quarantine folder lies under; in a project spec, give the event trigger an eventSource path), or chain them in one direction",
      );
    }
    for (const t of triggers) {
      if (peek(() => t.props.type) !== "EVENT") continue;
      const conditions = peek(() => t.props.eventBatchingConditions);
      const c = conditions === UNKNOWN ? UNKNOWN : obj(list(conditions)[0]);
      if (c === UNKNOWN) {
        ctx.report(t, "eventBatchingConditions is unknown at preview", "write the batching literally");
        continue;
      }
      const size = num(peek(() => c.batchSize));
      // Glue's default window is 900 s when batchWindow is omitted (API_EventBatchingCondition).
      const rawWindow = peek(() => c.batchWindow);
      const window = rawWindow === undefined ? AWS_DEFAULT_BATCH_WINDOW_SECONDS : num(rawWindow);
      const { minEventBatchSize: minSize, minEventBatchWindowSeconds: minWindow } = ctx.config;
      if (size === undefined || size < minSize || window === undefined || window < minWindow)
        ctx.report(
          t,
          `batches events by ${size ?? "no"} events / ${window ?? "no"} s window, below the floor of ${minSize} events and ${minWindow} s`,
          `set eventBatchingConditions: [{ batchSize: >= ${minSize}, batchWindow: >= ${minWindow} }]`,
        );
    }
  },
});
