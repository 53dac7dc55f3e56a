import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { planProject } from "../../components/project/plan";
import { FIELD_DOCS } from "../../components/spec/fieldDocs";
import { loadProjectSpec } from "../../components/spec/validate";
import { contract } from "../support/contract";
import { SCHEMA_FILE } from "../../tools/writeSchema";

type Schema = Record<string, unknown>;
interface Field {
  path: string;
  schema: Schema;
  required: boolean;
}
const isObject = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every property of a schema, however deep (items, allOf/oneOf branches, if/then), with its path. */
function fields(schema: Schema, at = ""): Field[] {
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const own = isObject(schema.properties)
    ? Object.entries(schema.properties).flatMap(([key, child]) => {
        const p = at === "" ? key : `${at}.${key}`;
        return [
          { path: p, schema: child as Schema, required: required.has(key) },
          ...fields(child as Schema, p),
        ];
      })
    : [];
  const nested = [
    ...(isObject(schema.items) ? fields(schema.items, `${at}[]`) : []),
    ...(["allOf", "oneOf", "anyOf"] as const).flatMap((k) =>
      Array.isArray(schema[k]) ? (schema[k] as Schema[]).flatMap((s) => fields(s, at)) : [],
    ),
    ...(isObject(schema.then) ? fields(schema.then, at) : []),
  ];
  return [...own, ...nested];
}

const published = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")) as Schema;
const all = fields(published);
const LINK = /See (https:\/\/\S+|docs\/\S+|README\.md)/;

const PROJECTS = path.join(__dirname, "..", "..", "projects");
/** Every project spec in the repository (a project added the README way is covered too). */
const SPECS = fs
  .readdirSync(PROJECTS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(PROJECTS, d.name, "project.yaml")))
  .map((d) => path.join(PROJECTS, d.name, "project.yaml"));

/** Sets every absent field that has a `default` annotation to that default; returns how many. */
function fillDefaults(schema: Schema, value: unknown): number {
  if (Array.isArray(value) && isObject(schema.items))
    return value.reduce((n: number, v) => n + fillDefaults(schema.items as Schema, v), 0);
  if (!isObject(value)) return 0;
  let n = 0;
  const branches = (["allOf", "oneOf", "anyOf"] as const).flatMap((k) =>
    Array.isArray(schema[k]) ? (schema[k] as Schema[]) : [],
  );
  for (const b of branches) {
    const kind = ((b.if as Schema | undefined)?.properties as Schema | undefined)?.kind as Schema | undefined;
    if (kind !== undefined && kind.const !== value.kind) continue;
    n += fillDefaults(isObject(b.then) ? b.then : b, value);
  }
  for (const [key, child] of Object.entries(isObject(schema.properties) ? schema.properties : {})) {
    const c = child as Schema;
    if (value[key] === undefined && c.default !== undefined) {
      value[key] = structuredClone(c.default);
      n += 1;
    } else n += fillDefaults(c, value[key]);
  }
  return n;
}

/** The plan without the spec objects it carries (they differ by the filled-in fields). */
const planJson = (plan: unknown) =>
  JSON.stringify(plan, (k, v) => (k === "spec" || k === "loaded" ? undefined : v));

describe("spec schema documentation", () => {
  it("walks every field of the published schema", () => assert.ok(all.length > 50, `${all.length} fields`));

  it("every field has a description with a link to AWS/Pulumi/Iceberg docs, docs/ or the README", () => {
    const bad = all.filter(
      (f) => typeof f.schema.description !== "string" || !LINK.test(f.schema.description),
    );
    assert.deepEqual(
      bad.map((f) => f.path),
      [],
    );
  });

  it("every optional field says its default; a default annotation is the one the description gives", () => {
    const silent = all.filter((f) => !f.required && !/Default: /.test(String(f.schema.description)));
    assert.deepEqual(
      silent.map((f) => f.path),
      [],
    );
    for (const f of all.filter((x) => x.schema.default !== undefined))
      assert.ok(
        String(f.schema.description).includes(`Default: ${JSON.stringify(f.schema.default)}.`),
        `${f.path}: description does not give the default ${JSON.stringify(f.schema.default)}`,
      );
  });

  it("every FIELD_DOCS entry names a field of the schema", () => {
    const paths = new Set(all.map((f) => f.path));
    assert.deepEqual(
      Object.keys(FIELD_DOCS).filter((p) => !paths.has(p)),
      [],
    );
  });

  it("the default annotations are what the plan uses: writing them out changes no planned value", () => {
    let filled = 0;
    const scope = { partition: "aws", accountId: "123456789012", region: "eu-west-1" };
    for (const file of SPECS) {
      for (const env of ["dev", "prod"]) {
        const loaded = loadProjectSpec(file);
        const before = planJson(planProject(loaded, contract(env, scope), env));
        const spec = structuredClone(loaded.spec);
        filled += fillDefaults(published, spec);
        const after = planJson(planProject({ ...loaded, spec }, contract(env, scope), env));
        assert.equal(after, before, `${path.relative(PROJECTS, file)} (${env})`);
      }
    }
    assert.ok(filled > 0, "the sample specs leave out at least one defaulted field");
  });
});
