/**
 * Semantic reading of EventBridge event patterns
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html,
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html):
 * a pattern is a conjunction of fields, each a list of matchers of which one must match; `$or` at any
 * level is a disjunction of sub-patterns. A pattern is normalised into its alternatives (each a
 * conjunction of field paths → matcher lists), and each alternative is judged on its own.
 *
 * A field is confined to a prefix when every value any of its matchers can match starts with that
 * prefix: exact strings, `prefix`, `equals-ignore-case` and `wildcard` (by their literal part before
 * the first `*`) can be; `suffix`, `anything-but`, `exists`, `numeric`, `cidr` and anything unknown
 * cannot (default-deny).
 */
import { EventPin, PROJECT_EVENT_SOURCES } from "../../components/eventSources";
import { lakeLayerOfBucket } from "../../components/naming";

/** One alternative: each field path with the matcher lists that constrain it (all must match). */
export type Conjunction = Map<string, unknown[][]>;

/** More alternatives than this (nested `$or`) are refused rather than expanded. */
const MAX_ALTERNATIVES = 256;

export class EventPatternError extends Error {}

function cross(a: Conjunction[], b: Conjunction[]): Conjunction[] {
  const out: Conjunction[] = [];
  for (const x of a)
    for (const y of b) {
      const m: Conjunction = new Map([...x].map(([k, v]) => [k, [...v]]));
      for (const [k, v] of y) m.set(k, [...(m.get(k) ?? []), ...v]);
      out.push(m);
      if (out.length > MAX_ALTERNATIVES)
        throw new EventPatternError(`has more than ${MAX_ALTERNATIVES} $or alternatives`);
    }
  return out;
}

function alternativesOf(node: unknown, path: string): Conjunction[] {
  if (node === null || typeof node !== "object" || Array.isArray(node))
    throw new EventPatternError(`${path || "the pattern"} is not an object of fields`);
  let acc: Conjunction[] = [new Map()];
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === "$or") {
      if (!Array.isArray(value) || value.length === 0)
        throw new EventPatternError(`${path || "the pattern"}.$or is not a list of patterns`);
      acc = cross(
        acc,
        value.flatMap((branch) => alternativesOf(branch, path)),
      );
      continue;
    }
    const at = path ? `${path}.${key}` : key;
    if (Array.isArray(value)) acc = cross(acc, [new Map([[at, [value]]])]);
    else acc = cross(acc, alternativesOf(value, at));
  }
  return acc;
}

/** The alternatives of a pattern given as JSON text or object. */
export function patternAlternatives(pattern: unknown): Conjunction[] {
  let parsed = pattern;
  if (typeof pattern === "string") {
    try {
      parsed = JSON.parse(pattern);
    } catch (e) {
      throw new EventPatternError(`is not valid JSON (${(e as Error).message})`);
    }
  }
  return alternativesOf(parsed, "");
}

/** Whether every value one matcher can match starts with `prefix` (case-insensitively when the
 * matcher ignores case; another project's id never equals this one's in any case). */
function matcherConfined(m: unknown, prefix: string): boolean {
  const starts = (s: unknown, ci = false) =>
    typeof s === "string" && (ci ? s.toLowerCase().startsWith(prefix.toLowerCase()) : s.startsWith(prefix));
  if (typeof m === "string") return starts(m);
  if (m === null || typeof m !== "object" || Array.isArray(m)) return false;
  const entries = Object.entries(m as Record<string, unknown>);
  if (entries.length !== 1) return false;
  const [op, arg] = entries[0];
  if (op === "prefix") {
    if (typeof arg === "string") return starts(arg);
    const inner = Object.entries((arg ?? {}) as Record<string, unknown>);
    return inner.length === 1 && inner[0][0] === "equals-ignore-case" && starts(inner[0][1], true);
  }
  if (op === "equals-ignore-case") return starts(arg, true);
  if (op === "wildcard") return typeof arg === "string" && starts(arg.split("*")[0].replace(/\\/g, ""));
  return false; // suffix, anything-but, exists, numeric, cidr, or an operator not judged here
}

/** Whether one field's matcher lists confine it to `prefix` (any one list suffices: all must match). */
export function fieldConfined(c: Conjunction, path: string, prefix: string): boolean {
  return (c.get(path) ?? []).some((list) => list.length > 0 && list.every((m) => matcherConfined(m, prefix)));
}

/** Whether a field's matchers are all exact lake bucket names or confined to the project. */
function bucketsAllowed(c: Conjunction, path: string, prefix: string): boolean {
  return (c.get(path) ?? []).some(
    (list) =>
      list.length > 0 &&
      list.every(
        (m) => matcherConfined(m, prefix) || (typeof m === "string" && lakeLayerOfBucket(m) !== undefined),
      ),
  );
}

function pinHolds(c: Conjunction, pin: EventPin, projectPrefix: string): boolean {
  switch (pin.kind) {
    case "projectName":
      return fieldConfined(c, pin.path, projectPrefix);
    case "lakeKey":
      return fieldConfined(c, pin.path, `${projectPrefix}/`);
    case "bucket":
      return bucketsAllowed(c, pin.path, projectPrefix);
  }
}

/** Why one alternative of a pattern can match events about resources that are not the project's
 * (undefined when it cannot). `projectPrefix` is `project-{uuid}` (ProjectNames.prefix). */
export function alternativeProblem(c: Conjunction, projectPrefix: string): string | undefined {
  const sources = c.get("source");
  if (!sources)
    return "matches events of every source (no source field); name the sources, each one the platform allows";
  // Any one list of exact allowed sources bounds the sources (lists are ANDed).
  const bounded = sources.find((l) => l.length > 0 && l.every((s) => typeof s === "string"));
  if (!bounded) return "matches sources by a pattern rather than by exact names";
  const allowed = Object.keys(PROJECT_EVENT_SOURCES);
  for (const s of bounded as string[]) {
    const rule = PROJECT_EVENT_SOURCES[s];
    if (!rule)
      return `matches events of source "${s}", which project rules may not watch (allowed: ${allowed.join(", ")})`;
    if (!rule.pins.some((alt) => alt.every((pin) => pinHolds(c, pin, projectPrefix))))
      return `matches "${s}" events without restricting ${rule.pins
        .map((alt) => alt.map((p) => p.path).join(" and "))
        .join(
          ", or ",
        )} to this project's own resources (exact names or prefixes starting with ${projectPrefix}; suffix, anything-but, exists and wildcards before the prefix match other projects)`;
  }
  return undefined;
}
