/**
 * Readable differences between a desired and a live value, for the audit's text and markdown output:
 * documents (IAM policies) compared path by path, sets (rule lists) as added/removed members, and
 * every value printed once, never JSON inside JSON.
 */

/** A value as a person reads it: strings bare when they hold no JSON, everything else as compact JSON. */
export function showValue(v: unknown): string {
  return v === undefined ? "(absent)" : JSON.stringify(plain(v));
}

/** Strings that hold JSON (policy documents, normalized rule entries) replaced by what they hold. */
function plain(v: unknown): unknown {
  if (typeof v === "string") {
    const parsed = tryJson(v);
    return parsed === undefined ? v : plain(parsed);
  }
  if (Array.isArray(v)) return v.map(plain);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

function tryJson(s: string): unknown {
  if (!/^[[{"]/.test(s)) return undefined;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** Leaf paths of a value: `Statement[0].Action` → value. Arrays of primitives stay one leaf. */
function leaves(v: unknown, at: string, out: Map<string, unknown>): void {
  if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) leaves(x, at ? `${at}.${k}` : k, out);
  } else if (Array.isArray(v) && v.some((x) => isObject(x) || Array.isArray(x))) {
    v.forEach((x, i) => leaves(x, `${at}[${i}]`, out));
  } else out.set(at, v);
}

/** Lines describing how `live` differs from `desired` (without the field name). */
export function describeDiff(desired: unknown, live: unknown): string[] {
  const d = typeof desired === "string" ? (tryJson(desired) ?? desired) : desired;
  const l = typeof live === "string" ? (tryJson(live) ?? live) : live;
  const isSet = (v: unknown): v is unknown[] => Array.isArray(v) && v.every((x) => !isObject(x));
  if (isSet(d) && isSet(l)) {
    const key = (x: unknown) => showValue(x);
    const dk = new Set(d.map(key));
    const lk = new Set(l.map(key));
    return [
      ...[...lk].filter((x) => !dk.has(x)).map((x) => `+ ${x} (live only)`),
      ...[...dk].filter((x) => !lk.has(x)).map((x) => `- ${x} (desired, not live)`),
    ];
  }
  if ((isObject(d) || Array.isArray(d)) && (isObject(l) || Array.isArray(l))) {
    const a = new Map<string, unknown>();
    const b = new Map<string, unknown>();
    leaves(d, "", a);
    leaves(l, "", b);
    const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
    return paths
      .filter((p) => JSON.stringify(a.get(p)) !== JSON.stringify(b.get(p)))
      .map((p) => `${p || "(value)"}: desired ${showValue(a.get(p))}, live ${showValue(b.get(p))}`);
  }
  return [`desired ${showValue(d)}, live ${showValue(l)}`];
}
