/** Reads the values at a property path such as `targetTable.databaseName` or `actions[].jobName`
 * (components/resourceTypes.ts `scoped` / `scopedIfSet`), without tripping on values unknown at
 * preview: each value found is returned with its program path, or as UNKNOWN. An absent value
 * yields nothing. */
import { has, peek, UNKNOWN } from "./values";

export interface PathValue {
  readonly path: string;
  readonly value: unknown;
}

/** The top-level property of a path (`actions[].jobName` → `actions`): the key of its dependencies. */
export function rootOf(path: string): string {
  return /^[^.[]+/.exec(path)?.[0] ?? path;
}

export function valuesAt(props: object, path: string): PathValue[] {
  const steps = path.split(".").flatMap((s) => (s.endsWith("[]") ? [s.slice(0, -2), "[]"] : [s]));
  let current: PathValue[] = [{ path: "", value: props }];
  for (const step of steps) {
    const next: PathValue[] = [];
    for (const c of current) {
      if (c.value === UNKNOWN) {
        next.push(c); // an unknown parent: everything under it is unknown
        continue;
      }
      if (step === "[]") {
        if (!Array.isArray(c.value)) continue;
        const arr = c.value;
        for (let i = 0; i < arr.length; i++)
          next.push({ path: `${c.path}[${i}]`, value: peek(() => arr[i]) });
        continue;
      }
      if (!has(c.value, step)) continue;
      const o = c.value as Record<string, unknown>;
      next.push({ path: c.path ? `${c.path}.${step}` : step, value: peek(() => o[step]) });
    }
    current = next;
  }
  return current.filter((c) => c.value !== undefined && c.value !== null);
}
