/**
 * Writes FIELD_DOCS (components/spec/fieldDocs.ts) into the project-spec JSON Schema: each
 * property's description (text, default, link) and its `default` annotation. A property without an
 * entry is an error, so a new spec field cannot go undocumented.
 */
import { FIELD_DOCS, FieldDoc } from "./fieldDocs";

/** The description written into the schema: text, default, link. */
export function fieldDescription(doc: FieldDoc): string {
  const dflt = doc.defaultText ?? (doc.default === undefined ? undefined : JSON.stringify(doc.default));
  return `${doc.text}.${dflt === undefined ? "" : ` Default: ${dflt}.`} See ${doc.link}`;
}

type Schema = Record<string, unknown>;
const isObject = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

function walk(schema: Schema, path: string): Schema {
  const out: Schema = { ...schema };
  if (isObject(schema.properties)) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, child]) => {
        const childPath = path === "" ? key : `${path}.${key}`;
        const doc = FIELD_DOCS[childPath];
        if (doc === undefined)
          throw new Error(
            `components/spec/schemaDocs.ts: no FIELD_DOCS entry (components/spec/fieldDocs.ts) for ${childPath}`,
          );
        const documentedChild = walk(child as Schema, childPath);
        return [
          key,
          {
            ...documentedChild,
            description: fieldDescription(doc),
            ...(doc.default === undefined ? {} : { default: doc.default }),
          },
        ];
      }),
    );
  }
  if (isObject(schema.items)) out.items = walk(schema.items, `${path}[]`);
  for (const key of ["allOf", "oneOf", "anyOf"] as const) {
    const list = schema[key];
    if (Array.isArray(list)) out[key] = list.map((s: Schema) => walk(s, path));
  }
  if (isObject(schema.then)) out.then = walk(schema.then, path);
  return out;
}

/** The schema with every property's description and default annotation from FIELD_DOCS. */
export function documented<T extends object>(schema: T): T {
  return walk(schema as Schema, "") as T;
}
