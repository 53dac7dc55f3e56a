/**
 * Property encoding shared by the runner, the offline gate and the reports: values as the engine hands
 * them to an analyzer (secrets unwrapped, resource references downgraded to ids/URNs, unknowns as the
 * engine's unknown sentinel), and the JSON form with `{ "__pulumiUnknown": true }`.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
/** CrossGuard's typed unknown sentinels (`@pulumi/policy/proxy.js`, `unknownStringValue` and siblings); the engine sends the string one. */
export const UNKNOWN_SENTINELS = new Set([
  UNKNOWN,
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

export type PropertyValue =
  null | boolean | number | string | PropertyValue[] | { [k: string]: PropertyValue };
export type PropertyMap = Record<string, PropertyValue>;

export function isUnknownValue(v: unknown): boolean {
  return typeof v === "string" && UNKNOWN_SENTINELS.has(v);
}

/** SDK wire form (struct JSON) → analyzer form. Drops undefined and internal `__` keys. */
export function toAnalyzerValue(v: unknown): PropertyValue | undefined {
  if (v === undefined) return undefined;
  if (v === null || typeof v === "boolean" || typeof v === "number" || typeof v === "string") return v;
  if (Array.isArray(v)) return v.map((e) => toAnalyzerValue(e) ?? null);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    const sig = o[SIG_KEY];
    if (sig === SECRET_SIG) return toAnalyzerValue(o.value);
    if (sig === RESOURCE_SIG) return (o.id as string | undefined) || (o.urn as string);
    if (sig === OUTPUT_SIG) return o.value === undefined ? UNKNOWN : toAnalyzerValue(o.value);
    const out: Record<string, PropertyValue> = {};
    for (const [k, val] of Object.entries(o)) {
      if (k.startsWith("__")) continue;
      const conv = toAnalyzerValue(val);
      if (conv !== undefined) out[k] = conv;
    }
    return out;
  }
  return undefined;
}

/** Analyzer form → report JSON (unknowns as `{ "__pulumiUnknown": true }`). */
export function toReportJson(v: PropertyValue): unknown {
  if (isUnknownValue(v)) return { __pulumiUnknown: true };
  if (Array.isArray(v)) return v.map(toReportJson);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, toReportJson(e)]));
  }
  return v;
}

/** Report JSON → analyzer form, for reading `--json` reports back. */
export function fromReportJson(v: unknown): PropertyValue {
  if (Array.isArray(v)) return v.map(fromReportJson);
  if (v !== null && typeof v === "object") {
    if ((v as Record<string, unknown>).__pulumiUnknown === true) return UNKNOWN;
    return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, fromReportJson(e)]));
  }
  return v as PropertyValue;
}

export function containsUnknown(v: PropertyValue): boolean {
  if (isUnknownValue(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v !== null && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}
