/** Small readers over resource properties. They read only what they return, so a value that is
 * unknown at preview is touched only when a rule really needs it. */
import { UnknownValueError } from "@pulumi/policy";
import { Props } from "./define";

export function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function obj(v: unknown): Props {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Props) : {};
}

/** Present (known or unknown) without reading the value, so it never trips the unknown proxy: a
 * key's identity (e.g. a new KMS key's ARN) is unknowable at preview, its presence is not.
 * Undefined inputs never reach policies (the engine drops them). */
export function has(o: unknown, key: string): boolean {
  return o !== null && typeof o === "object" && key in (o as object);
}

/** Tags as the provider will apply them (docs/pulumi-facts.md: `tagsAll` after Check, `tags` under mocks). */
export function tagsOf(props: Props): Record<string, unknown> {
  return obj(has(props, "tagsAll") && props.tagsAll !== undefined ? props.tagsAll : props.tags);
}

/** String map (e.g. job arguments). */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(v))) if (typeof val === "string") out[k] = val;
  return out;
}

/** A value that is unknown at preview, as `peek` reports it. */
export const UNKNOWN: unique symbol = Symbol("unknown at preview");

// The analyzer's proxy (`unknownCheckingProxy`, @pulumi/policy proxy.js) throws UnknownValueError
// when a property holding one of these sentinel strings is read, and hands out its target under
// `getSpecialProxyTarget`. Walkers that visit every value read the target directly (a new proxy per
// property read is most of their cost) and treat the sentinels exactly as the proxy does.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- internal exports without typings
const proxyModule = require("@pulumi/policy/proxy") as Record<string, unknown>;
const SPECIAL_TARGET = proxyModule.getSpecialProxyTarget as string;
const SENTINELS = new Set<unknown>(
  [
    "unknownBooleanValue",
    "unknownNumberValue",
    "unknownStringValue",
    "unknownArrayValue",
    "unknownAssetValue",
    "unknownArchiveValue",
    "unknownObjectValue",
  ].map((k) => proxyModule[k]),
);

/** Whether a value read from an analyzer proxy's target is one the proxy reports as unknown. */
export function isUnknownSentinel(v: unknown): boolean {
  return typeof v === "string" && SENTINELS.has(v);
}

/** The object behind an analyzer proxy (itself for any other value). */
export function proxyTarget<T>(v: T): T {
  if (v === null || typeof v !== "object") return v;
  const target = (v as Record<string, unknown>)[SPECIAL_TARGET];
  return target !== null && typeof target === "object" ? (target as T) : v;
}

/** Reads `o[key]` (or an element of it) without failing the rule when it is unknown at preview:
 * the caller decides what an unknown means (e.g. resolve it through property dependencies). */
export function peek(read: () => unknown): unknown {
  try {
    const v = read();
    return isUnknownSentinel(v) ? UNKNOWN : v;
  } catch (e) {
    if (e instanceof UnknownValueError) return UNKNOWN;
    throw e;
  }
}

/** Elements of a list-or-scalar property, each read with `peek`. */
export function peekAll(o: Props, key: string): unknown[] {
  if (!has(o, key)) return [];
  const v = peek(() => o[key]);
  if (v === UNKNOWN) return [UNKNOWN];
  if (!Array.isArray(v)) return v === undefined || v === null ? [] : [v];
  return v.map((_, i) => peek(() => (v as unknown[])[i]));
}
