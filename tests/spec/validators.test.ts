import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { parse } from "yaml";
import { errorsText, schemaKey, SchemaValidator, validatorFor } from "../../components/precompiledSchemas";
import { PROJECT_SPEC_SCHEMA } from "../../components/spec/schema";
import { SPEC_SCHEMA_SETTINGS, validateSpecSchema } from "../../components/spec/schemaValidator";
import { policies } from "../../policy-pack/policies";
import { POLICY_CONFIG_SETTINGS, policyConfigSchema } from "../../tools/gate/policyConfig";
import { REPO_ROOT } from "../../tools/runner/discover";
import { generatedValidators } from "../../tools/validators";

/** Compiled now, as without generated code. */
const compiledNow = (schema: object, settings = SPEC_SCHEMA_SETTINGS) => validatorFor(schema, settings, {});

/** Every project.yaml of the repository's sample projects (derived, never listed). */
function sampleSpecs(): Record<string, unknown>[] {
  const dir = path.join(REPO_ROOT, "projects");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "project.yaml")))
    .map(
      (e) =>
        parse(fs.readFileSync(path.join(dir, e.name, "project.yaml"), "utf8")) as Record<string, unknown>,
    );
}

function outcome(v: SchemaValidator, data: unknown) {
  const valid = v(data);
  return { valid, errors: JSON.stringify(v.errors ?? null), data: JSON.stringify(data) };
}

describe("validators compiled ahead of time (npm run validators)", () => {
  it("the generated files are what the schemas compile to now (else run npm run validators)", () => {
    for (const g of generatedValidators()) {
      const file = path.join(REPO_ROOT, g.file);
      assert.ok(fs.existsSync(file), `${g.file} is missing: run npm run validators`);
      assert.ok(fs.readFileSync(file, "utf8") === g.text, `${g.file} is stale: run npm run validators`);
    }
  });

  it("the spec schema's generated validator is the one in use, and judges as one compiled now", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- generated CommonJS
    const generated = require("../../components/spec/projectSpec.validators.js") as Record<
      string,
      SchemaValidator
    >;
    assert.equal(validateSpecSchema, generated[schemaKey(PROJECT_SPEC_SCHEMA, SPEC_SCHEMA_SETTINGS)]);
    const now = compiledNow(PROJECT_SPEC_SCHEMA);
    const specs = sampleSpecs();
    assert.ok(specs.length > 0, "no sample project specs found");
    for (const spec of specs) {
      assert.deepEqual(outcome(validateSpecSchema, spec), outcome(now, spec));
      assert.equal(validateSpecSchema(spec), true);
      // Broken in several ways at once: every error, with its schema (verbose), in the same order.
      const broken = { ...structuredClone(spec), owner: "not-an-address", slug: "Not A Slug", extra: 1 };
      delete (broken as Record<string, unknown>).projectId;
      const a = outcome(validateSpecSchema, structuredClone(broken));
      assert.equal(a.valid, false);
      assert.deepEqual(a, outcome(now, structuredClone(broken)));
      const keywords = (validateSpecSchema.errors ?? []).map((e) => e.keyword);
      for (const k of ["required", "additionalProperties", "pattern", "format"])
        assert.ok(keywords.includes(k), k);
      assert.ok((validateSpecSchema.errors ?? []).every((e) => e.parentSchema !== undefined));
    }
  });

  it("each policy's configSchema has a generated validator that fills defaults and reports as Ajv", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- generated CommonJS
    const generated = require("../../tools/gate/policyConfig.validators.js") as Record<
      string,
      SchemaValidator
    >;
    const withSchema = policies.filter((p) => p.configSchema);
    assert.ok(withSchema.length > 0, "the pack has no configurable policy");
    for (const p of withSchema) {
      const schema = policyConfigSchema(p.configSchema as object);
      const key = schemaKey(schema, POLICY_CONFIG_SETTINGS);
      const pre = generated[key];
      assert.ok(pre, `${p.name}: no generated validator (run npm run validators)`);
      assert.equal(validatorFor(schema, POLICY_CONFIG_SETTINGS, generated), pre);
      const now = compiledNow(structuredClone(schema), POLICY_CONFIG_SETTINGS);
      for (const props of [
        {},
        { notASetting: [1] },
        { ...Object.fromEntries(Object.keys(schema).map((k) => [k, 0])) },
      ])
        assert.deepEqual(outcome(pre, structuredClone(props)), outcome(now, structuredClone(props)), p.name);
    }
  });

  it("a schema changed since generation is compiled at run time, never judged by stale code", () => {
    const changed = {
      ...PROJECT_SPEC_SCHEMA,
      required: [...(PROJECT_SPEC_SCHEMA.required ?? []), "newField"],
    };
    const generated = { [schemaKey(PROJECT_SPEC_SCHEMA, SPEC_SCHEMA_SETTINGS)]: validateSpecSchema };
    const v = validatorFor(changed, SPEC_SCHEMA_SETTINGS, generated);
    assert.notEqual(v, validateSpecSchema);
    const spec = sampleSpecs()[0];
    assert.equal(validateSpecSchema(spec), true);
    assert.equal(v(spec), false);
    assert.ok((v.errors ?? []).some((e) => e.keyword === "required"));
    assert.notEqual(
      schemaKey(PROJECT_SPEC_SCHEMA, SPEC_SCHEMA_SETTINGS),
      schemaKey(changed, SPEC_SCHEMA_SETTINGS),
    );
    assert.notEqual(
      schemaKey(PROJECT_SPEC_SCHEMA, SPEC_SCHEMA_SETTINGS),
      schemaKey(PROJECT_SPEC_SCHEMA, { ...SPEC_SCHEMA_SETTINGS, formats: [] }),
    );
  });

  it("errorsText reads as Ajv's", () => {
    const v = compiledNow({ type: "object", properties: { a: { type: "string" } }, required: ["b"] });
    assert.equal(v({ a: 1 }), false);
    assert.equal(errorsText(v.errors), new Ajv().errorsText(v.errors));
    assert.match(errorsText(v.errors), /^data\S* must .*, data\S* must /);
    assert.equal(errorsText([]), "No errors");
  });
});
