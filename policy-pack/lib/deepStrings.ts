/**
 * Every known string of a resource's inputs, with the key that holds it, descending into strings
 * that are JSON documents (redrive policies, dashboard bodies, policy documents are JSON strings
 * whose inner values name accounts, regions and locations just as a plain property does).
 * Values unknown at preview are skipped; the rules that need them judge their dependencies.
 */
import { proxyTarget } from "./values";
import { readKnown } from "./walk";

export interface DeepString {
  /** Program-style path (`redrivePolicy{deadLetterTargetArn}` marks a value inside a JSON string). */
  readonly path: string;
  /** The object key the value sits under (the nearest one for array elements), or "" at the top. */
  readonly key: string;
  readonly text: string;
}

/** Nesting bound: a JSON string inside a JSON string inside … is read this deep, no deeper. */
const MAX_DEPTH = 32;

function parsedJson(text: string): unknown {
  const t = text.trim();
  if (!(t.startsWith("{") || t.startsWith("["))) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/** The deep strings of each whole value walked (see forEachString in walk.ts). */
const deepStringsOf = new WeakMap<object, readonly DeepString[]>();

/** Calls `visit` for every known string (and number, as text) under `value`. */
export function forEachDeepString(value: unknown, visit: (s: DeepString) => void): void {
  if (value === null || typeof value !== "object") {
    walkDeepStrings(value, visit);
    return;
  }
  const target = proxyTarget(value);
  let strings = deepStringsOf.get(target);
  if (strings === undefined) {
    const found: DeepString[] = [];
    walkDeepStrings(target, (s) => found.push(s));
    strings = found;
    deepStringsOf.set(target, strings);
  }
  for (const s of strings) visit(s);
}

function walkDeepStrings(value: unknown, visit: (s: DeepString) => void): void {
  const walk = (v: unknown, key: string, path: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (typeof v === "number") {
      visit({ path, key, text: String(v) });
      return;
    }
    if (typeof v === "string") {
      // A JSON document is judged by its values (once each), not also as one long text.
      const inner = parsedJson(v);
      if (inner !== undefined) walk(inner, key, `${path}{}`, depth + 1);
      else visit({ path, key, text: v });
      return;
    }
    if (v === null || typeof v !== "object") return;
    const isArray = Array.isArray(v);
    for (const k of Object.keys(v)) {
      const r = readKnown(v, isArray ? Number(k) : k);
      if (!r.known) continue;
      walk(r.value, isArray ? key : k, isArray ? `${path}[${k}]` : path ? `${path}.${k}` : k, depth + 1);
    }
  };
  walk(value, "", "", 0);
}

/** Whether `o[key]`, or any value under it, is unknown at preview. */
export function containsUnknown(o: object, key: string | number, depth = 0): boolean {
  const r = readKnown(o, key);
  if (!r.known) return true;
  const v = r.value;
  if (depth > MAX_DEPTH || v === null || typeof v !== "object") return false;
  const isArray = Array.isArray(v);
  return Object.keys(v).some((k) => containsUnknown(v, isArray ? Number(k) : k, depth + 1));
}
