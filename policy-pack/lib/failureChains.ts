/**
 * Runs started because another run did not succeed are retries, whatever they are called: a
 * conditional trigger on a job state other than SUCCEEDED (FAILED, TIMEOUT, STOPPED, ERROR) or a
 * crawl state other than SUCCEEDED (https://docs.aws.amazon.com/glue/latest/dg/trigger-job.html,
 * API_Condition), or an EventBridge rule that may match such a state change of a job or crawler
 * (lib/eventLoopEdges.ts) and starts a workflow. A chain of them re-runs work after failures: each
 * node runs 1 + maxRetries attempts, each at most its timeout (a trigger action's timeout overrides
 * the job's). `glue-failure-chain-retries` bounds the attempts and time along every chain.
 */
import { PolicyResource } from "@pulumi/policy";
import { eventBridgeEdges } from "./eventLoopEdges";
import { EventSample } from "./glueEventsProduced";
import { list, num, obj, peek } from "./values";
import { T } from "./types";

/** One failure edge: the resource that makes it (trigger or event target), from the node that did not
 * succeed to the node it starts. */
export interface FailureEdge {
  readonly resource: PolicyResource;
  readonly from: string;
  readonly to: string;
}

const JOB_FAILURES = ["FAILED", "TIMEOUT", "STOPPED", "ERROR"];
const CRAWLER_EVENT_FAILURES = ["Failed"];

function actionNodes(trigger: PolicyResource): string[] {
  return list(peek(() => trigger.props.actions)).flatMap((a) => {
    const o = obj(a);
    const job = peek(() => o.jobName);
    const crawler = peek(() => o.crawlerName);
    return [
      ...(typeof job === "string" ? [`job:${job}`] : []),
      ...(typeof crawler === "string" ? [`crawler:${crawler}`] : []),
    ];
  });
}

/** The nodes a predicate watches for not succeeding (an unknown state may be a failure). */
function failedWatched(trigger: PolicyResource): string[] {
  return list(peek(() => obj(peek(() => trigger.props.predicate)).conditions)).flatMap((c) => {
    const o = obj(c);
    const job = peek(() => o.jobName);
    const crawler = peek(() => o.crawlerName);
    const state = peek(() => o.state);
    const crawlState = peek(() => o.crawlState);
    if (typeof job === "string" && state !== "SUCCEEDED") return [`job:${job}`];
    if (typeof crawler === "string" && crawlState !== "SUCCEEDED") return [`crawler:${crawler}`];
    return [];
  });
}

/** The state-change events of a node that did not succeed. */
function failureEvents(node: string): EventSample[] {
  const at = node.indexOf(":");
  const [kind, name] = [node.slice(0, at), node.slice(at + 1)];
  const job = kind === "job";
  return [
    {
      sources: ["aws.glue"],
      detailTypes: [job ? "Glue Job State Change" : "Glue Crawler State Change"],
      fields: new Map([
        [job ? "detail.jobName" : "detail.crawlerName", { kind: "exact", values: [name] }],
        ["detail.state", { kind: "exact", values: job ? JOB_FAILURES : CRAWLER_EVENT_FAILURES }],
      ]),
    },
  ];
}

/** Every failure edge of the stack's triggers and event targets. */
export function failureEdges(resources: readonly PolicyResource[]): FailureEdge[] {
  const triggers = resources.filter((r) => r.type === T.trigger);
  const out: FailureEdge[] = [];
  for (const t of triggers.filter((x) => peek(() => x.props.type) === "CONDITIONAL"))
    for (const from of failedWatched(t)) for (const to of actionNodes(t)) out.push({ resource: t, from, to });
  const named = (type: string, kind: string) =>
    resources.flatMap((r) => {
      const name = r.type === type ? peek(() => r.props.name) : undefined;
      return typeof name === "string" ? [`${kind}:${name}`] : [];
    });
  const nodes = [
    ...new Set([...named(T.job, "job"), ...named(T.crawler, "crawler"), ...triggers.flatMap(actionNodes)]),
  ];
  for (const e of eventBridgeEdges(resources, nodes, actionNodes, failureEvents))
    out.push({ resource: e.target, from: e.from, to: e.to });
  return out;
}

/** Attempts and minutes one node may run: 1 + maxRetries attempts, each at most its timeout (the
 * longest a trigger gives it, else the job's); unknown values count as the caps. */
export function nodeCost(
  resources: readonly PolicyResource[],
  node: string,
  caps: { maxRetries: number; maxTimeoutMinutes: number },
): { attempts: number; minutes: number } {
  const at = node.indexOf(":");
  const [kind, name] = [node.slice(0, at), node.slice(at + 1)];
  if (kind !== "job") return { attempts: 1, minutes: 0 };
  const job = resources.find((r) => r.type === T.job && peek(() => r.props.name) === name);
  if (!job) return { attempts: 1 + caps.maxRetries, minutes: (1 + caps.maxRetries) * caps.maxTimeoutMinutes };
  const retries =
    num(peek(() => job.props.maxRetries)) ?? (job.props.maxRetries === undefined ? 0 : caps.maxRetries);
  const timeouts = [num(peek(() => job.props.timeout)) ?? caps.maxTimeoutMinutes];
  for (const t of resources.filter((r) => r.type === T.trigger))
    for (const a of list(peek(() => t.props.actions))) {
      const o = obj(a);
      if (peek(() => o.jobName) !== name || o.timeout === undefined) continue;
      timeouts.push(num(peek(() => o.timeout)) ?? caps.maxTimeoutMinutes);
    }
  const attempts = 1 + Math.max(0, retries);
  return { attempts, minutes: attempts * Math.max(...timeouts) };
}
