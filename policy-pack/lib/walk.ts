/** Reading every known string of a resource's properties, without tripping on values unknown at
 * preview (the analyzer's proxy throws on reading one; an unknown value is skipped here). */
import { UnknownValueError } from "@pulumi/policy";
import { isUnknownSentinel, proxyTarget } from "./values";

/** Reads `o[k]`, or `unknown` when the value is not known at preview. */
export function readKnown(o: object, k: string | number): { known: boolean; value?: unknown } {
  try {
    const value = (o as Record<string | number, unknown>)[k];
    return isUnknownSentinel(value) ? { known: false } : { known: true, value };
  } catch (e) {
    if (e instanceof UnknownValueError) return { known: false };
    throw e;
  }
}

/** The strings of each whole value walked, in visiting order: several policies walk the same
 * resource's properties, which no policy changes while it is judged. */
const stringsOf = new WeakMap<object, readonly (readonly [string, string])[]>();

/** Calls `visit(path, text)` for every known string under `value`, depth first; `path` is written
 * as in a program (`actions[0].arguments["--conf"]`). */
export function forEachString(value: unknown, visit: (path: string, text: string) => void, path = ""): void {
  if (path !== "" || value === null || typeof value !== "object") {
    walkStrings(proxyTarget(value), visit, path);
    return;
  }
  const target = proxyTarget(value);
  let strings = stringsOf.get(target);
  if (strings === undefined) {
    const found: (readonly [string, string])[] = [];
    walkStrings(target, (p, t) => found.push([p, t]), "");
    strings = found;
    stringsOf.set(target, strings);
  }
  for (const [p, t] of strings) visit(p, t);
}

function walkStrings(value: unknown, visit: (path: string, text: string) => void, path: string): void {
  if (typeof value === "string") {
    visit(path, value);
    return;
  }
  if (value === null || typeof value !== "object") return;
  const isArray = Array.isArray(value);
  for (const k of Object.keys(value)) {
    const r = readKnown(value, isArray ? Number(k) : k);
    if (!r.known) continue;
    const sub = isArray
      ? `${path}[${k}]`
      : /^[A-Za-z_$][\w$]*$/.test(k)
        ? `${path}${path ? "." : ""}${k}`
        : `${path}[${JSON.stringify(k)}]`;
    walkStrings(r.value, visit, sub);
    // Object keys name things too (tags, arguments): judge them as strings at their own path.
    if (!isArray) visit(sub, k);
  }
}
