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

/** Reads `o[key]` (or an element of it) without failing the rule when it is unknown at preview:
 * the caller decides what an unknown means (e.g. resolve it through property dependencies). */
export function peek(read: () => unknown): unknown {
  try {
    return read();
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
