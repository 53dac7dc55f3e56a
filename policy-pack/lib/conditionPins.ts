/**
 * When does a condition on a key pin a statement to the listed values? Canonicalised once here, used
 * by every rule that accepts a condition as scoping (docs/aws-facts.md "Condition pins").
 *
 * - Only positive comparisons pin: `StringEquals`, `StringEqualsIgnoreCase`, `StringLike`,
 *   `ArnEquals`, `ArnLike`. Negated operators (`…Not…`) match everything else; `…IfExists` matches
 *   when the key is absent; `Null` only tests presence.
 * - A plain or `ForAnyValue:` comparison is false when the key is absent, so it pins.
 * - `ForAllValues:` is true when the request has no value for the key or an empty set
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html):
 *   it pins only together with `Null {"key": "false"}` in the same statement.
 * - Values with wildcards (`*`, `?`) or policy variables (`${…}`) do not pin.
 */
import type { NormalizedStatement } from "./iamDoc";

const POSITIVE =
  /^(ForAllValues:|ForAnyValue:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i;

const sameKey = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Does the statement require the key to be present (`Null {"key": "false"}`)? */
export function requiresKey(st: NormalizedStatement, key: string): boolean {
  for (const [op, block] of Object.entries(st.conditions)) {
    if (!/^Null$/i.test(op)) continue;
    for (const [k, v] of Object.entries(block))
      if (sameKey(k, key) && v.length > 0 && v.every((x) => x.toLowerCase() === "false")) return true;
  }
  return false;
}

/** Is a condition value a literal (no wildcard, no policy variable)? */
export const isLiteralValue = (v: string): boolean => !/[*?]|\$\{/.test(v);

/**
 * Every value list of the statement that pins `key`, one per operator block (blocks are ANDed, so any
 * one of them bounds the request to its values). Empty when nothing pins the key.
 */
export function pinnedValueSets(st: NormalizedStatement, key: string): string[][] {
  const out: string[][] = [];
  for (const [op, block] of Object.entries(st.conditions)) {
    const m = POSITIVE.exec(op);
    if (!m) continue;
    const forAll = /^ForAllValues:/i.test(m[1] ?? "");
    for (const [k, v] of Object.entries(block)) {
      if (!sameKey(k, key)) continue;
      if (forAll && !requiresKey(st, key)) continue;
      if (v.length > 0 && v.every(isLiteralValue)) out.push(v);
    }
  }
  return out;
}

/** The values of the first block that pins `key`, if any. */
export function pinnedValues(st: NormalizedStatement, key: string): string[] | undefined {
  return pinnedValueSets(st, key)[0];
}

/** Does some block pin `key` to values that all satisfy `ok`? */
export function pinnedTo(st: NormalizedStatement, key: string, ok: (value: string) => boolean): boolean {
  return pinnedValueSets(st, key).some((v) => v.every(ok));
}

/** Does a `…IfExists` (positive, literal) block bound `key` to values that all satisfy `ok`? Such a
 * block never pins on its own (an absent key passes); rules use it only next to a real pin. */
export function boundedIfPresent(
  st: NormalizedStatement,
  key: string,
  ok: (value: string) => boolean,
): boolean {
  if (pinnedTo(st, key, ok)) return true;
  for (const [op, block] of Object.entries(st.conditions)) {
    if (!/^(StringEquals|StringEqualsIgnoreCase|ArnEquals)IfExists$/i.test(op)) continue;
    for (const [k, v] of Object.entries(block))
      if (sameKey(k, key) && v.length > 0 && v.every(isLiteralValue) && v.every(ok)) return true;
  }
  return false;
}
