/** YAML parsed once per text within a run. One check reads the same stack config files and specs
 * from several places (discovery, conformance, the pack's stack identity and pinned accounts, the
 * other projects' identities); each place still reads the file, and the parsed value is keyed by the
 * text just read, so an edited file is always parsed anew. Nothing is kept across runs (the map lives
 * in the process). Callers only read the returned value, never change it. */
import { parse } from "yaml";

// One map per process, also shared with the compiled copy of this module the policy pack loads
// (policy-pack/bin), so the check's tools and its pack parse a text once between them.
const SHARED = Symbol.for("glue-platform.parsedYaml");
const holder = globalThis as unknown as Record<symbol, Map<string, unknown> | undefined>;
const parsed: Map<string, unknown> = (holder[SHARED] ??= new Map<string, unknown>());

/** `yaml`'s `parse(text, { maxAliasCount })` (https://eemeli.org/yaml/#parse-options), memoised; a text that
 * fails to parse is not kept, so it throws the same error every time. */
export function parseYamlOnce(text: string, maxAliasCount?: number): unknown {
  const key = `${maxAliasCount ?? ""}\0${text}`;
  if (parsed.has(key)) return parsed.get(key);
  const value: unknown = maxAliasCount === undefined ? parse(text) : parse(text, { maxAliasCount });
  parsed.set(key, value);
  return value;
}
