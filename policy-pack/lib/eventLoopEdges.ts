/**
 * Edges of the run graph that go through EventBridge: a rule whose pattern may match an event that a
 * job's or crawler's activity produces (its state changes, the objects it writes, the catalog tables
 * it changes, data-quality results: lib/glueEventsProduced.ts), with a target that is a Glue workflow,
 * starts that workflow's EVENT triggers (https://docs.aws.amazon.com/glue/latest/dg/starting-workflow-eventbridge.html),
 * so the job or crawler leads to every action of those triggers.
 *
 * Matching over-approximates (default-deny): a field the pattern leaves out, a field the produced
 * event leaves open, an operator this module does not know, or a value unknown at preview may match;
 * only exact values, `prefix`, `suffix`, `equals-ignore-case`, `wildcard`, `anything-but` and
 * `exists` are read precisely.
 */
import { PolicyResource } from "@pulumi/policy";
import { Conjunction, EventPatternError, patternAlternatives } from "./eventPattern";
import { peek, UNKNOWN } from "./values";
import { T } from "./types";
import { EventSample, FieldSample, stateChanges } from "./glueEventsProduced";

const wildcard = (p: string): RegExp =>
  new RegExp(
    `^${p
      .split("*")
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
    "s",
  );

/** Whether one matcher may match the string `v`. */
function matcherMayMatch(m: unknown, v: string): boolean {
  if (typeof m === "string") return m === v;
  if (m === null || typeof m !== "object" || Array.isArray(m)) return false;
  const [op, arg] = Object.entries(m as Record<string, unknown>)[0] ?? [];
  if (op === "prefix" && typeof arg === "string") return v.startsWith(arg);
  if (op === "suffix" && typeof arg === "string") return v.endsWith(arg);
  if (op === "equals-ignore-case" && typeof arg === "string") return v.toLowerCase() === arg.toLowerCase();
  if (op === "wildcard" && typeof arg === "string") return wildcard(arg).test(v);
  if (op === "exists" && typeof arg === "boolean") return arg;
  if (op === "anything-but") {
    // Excludes exactly what its values (or inner prefix/suffix/… matcher) match; an inner operator
    // this module does not know excludes nothing, so the field may still match.
    const excluded = Array.isArray(arg) ? arg : [arg];
    return !excluded.some((e) =>
      typeof e === "string" ? e === v : knownOperator(e) && matcherMayMatch(e, v),
    );
  }
  return true; // unknown operator: may match
}

const KNOWN_INNER = ["prefix", "suffix", "equals-ignore-case", "wildcard"];
const knownOperator = (e: unknown): boolean =>
  e !== null &&
  typeof e === "object" &&
  !Array.isArray(e) &&
  KNOWN_INNER.includes(Object.keys(e as object)[0] ?? "");

/** Whether a field of one alternative may take the value `v` (absent field: any value). */
function fieldMayBe(c: Conjunction, path: string, values: readonly string[]): boolean {
  const lists = c.get(path);
  if (!lists) return true;
  return values.some((v) => lists.every((ms) => ms.some((m) => matcherMayMatch(m, v))));
}

/** Whether one matcher may match some string that starts with `p` (keys written under a prefix). */
function matcherMayMatchUnder(m: unknown, p: string): boolean {
  if (typeof m === "string") return m.startsWith(p);
  if (m === null || typeof m !== "object" || Array.isArray(m)) return false;
  const [op, arg] = Object.entries(m as Record<string, unknown>)[0] ?? [];
  const lower = p.toLowerCase();
  if (op === "prefix" && typeof arg === "string") return arg.startsWith(p) || p.startsWith(arg);
  if (op === "prefix" && arg !== null && typeof arg === "object") {
    const inner = (arg as Record<string, unknown>)["equals-ignore-case"];
    if (typeof inner !== "string") return true;
    const i = inner.toLowerCase();
    return i.startsWith(lower) || lower.startsWith(i);
  }
  if (op === "equals-ignore-case" && typeof arg === "string") return arg.toLowerCase().startsWith(lower);
  if (op === "exists" && typeof arg === "boolean") return arg;
  return true; // suffix, wildcard, anything-but, numeric or unknown: some key under the prefix may match
}

/** Whether a field of one alternative may take a value of `sample` (absent field: any value). */
function fieldMayHold(c: Conjunction, path: string, sample: FieldSample): boolean {
  const lists = c.get(path);
  if (!lists || sample.kind === "any") return true;
  if (sample.kind === "exact") return fieldMayBe(c, path, sample.values);
  return lists.every((ms) => ms.some((m) => matcherMayMatchUnder(m, sample.prefix)));
}

/** Whether a rule's pattern may match one of the events `produced` describes (a `job:`/`crawler:` node:
 * its state changes only). */
export function patternMayMatch(pattern: unknown, produced: readonly EventSample[] | string): boolean {
  const samples = typeof produced === "string" ? stateChanges(produced) : produced;
  if (samples.length === 0) return false;
  if (pattern === UNKNOWN || pattern === undefined) return true;
  let alternatives: Conjunction[];
  try {
    alternatives = patternAlternatives(pattern);
  } catch (e) {
    if (e instanceof EventPatternError) return true;
    throw e;
  }
  return alternatives.some((c) =>
    samples.some(
      (e) =>
        fieldMayBe(c, "source", e.sources) &&
        (e.detailTypes === undefined || fieldMayBe(c, "detail-type", e.detailTypes)) &&
        [...e.fields].every(([path, sample]) => fieldMayHold(c, path, sample)),
    ),
  );
}

/** The workflow name of a Glue workflow ARN (`arn:<partition>:glue:<region>:<account>:workflow/<name>`). */
function workflowOfArn(arn: unknown): string | undefined | typeof UNKNOWN {
  if (arn === UNKNOWN) return UNKNOWN;
  if (typeof arn !== "string") return undefined;
  const m = /^arn:[^:]+:glue:[^:]*:[^:]*:workflow\/(.+)$/.exec(arn);
  return m ? m[1] : undefined;
}

/** One EventBridge edge: the target that closes it, the job/crawler whose activity fires it, and what
 * the started workflow's EVENT triggers run. */
export interface EventEdge {
  readonly target: PolicyResource;
  readonly from: string;
  readonly to: string;
}

/**
 * EventBridge edges among `nodes` (the jobs/crawlers the stack's triggers start): for every event
 * target whose ARN is a workflow (or unknown: any workflow) and whose rule (by name; unknown: any rule
 * of the stack) may match an event a node produces (`eventsOf`), an edge from that node to each action
 * of the workflow's EVENT triggers. `actionsOf` gives a trigger's `job:`/`crawler:` actions.
 */
export function eventBridgeEdges(
  resources: readonly PolicyResource[],
  nodes: readonly string[],
  actionsOf: (trigger: PolicyResource) => string[],
  eventsOf: (node: string) => EventSample[],
): EventEdge[] {
  const rules = resources.filter((r) => r.type === T.eventRule);
  const eventTriggers = resources.filter((r) => r.type === T.trigger && peek(() => r.props.type) === "EVENT");
  const out: EventEdge[] = [];
  for (const target of resources.filter((r) => r.type === T.eventTarget)) {
    const workflow = workflowOfArn(peek(() => target.props.arn));
    if (workflow === undefined) continue;
    const ruleName = peek(() => target.props.rule);
    const matching = rules.filter((r) => ruleName === UNKNOWN || peek(() => r.props.name) === ruleName);
    const started = eventTriggers
      .filter((t) => {
        const w = peek(() => t.props.workflowName);
        return workflow === UNKNOWN || w === UNKNOWN || w === workflow;
      })
      .flatMap(actionsOf);
    for (const rule of matching) {
      const pattern = peek(() => rule.props.eventPattern);
      // A schedule-only rule matches no event (it fires on its schedule: schedule-minimum-interval).
      if (pattern === undefined && typeof peek(() => rule.props.scheduleExpression) === "string") continue;
      for (const from of nodes)
        if (patternMayMatch(pattern, eventsOf(from)))
          for (const to of started) out.push({ target, from, to });
    }
  }
  return out;
}
