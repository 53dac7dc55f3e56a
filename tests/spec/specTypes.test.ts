import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { PYTHON_SHELL_CAPACITIES, WORKER_TYPES } from "../../components/limits";
import { ENVIRONMENTS, LAKE_LAYERS } from "../../components/naming";
import {
  CONDITION_STATES,
  CRAWLER_ZONES,
  EXECUTION_CLASSES,
  JOB_KINDS,
  RECRAWL_BEHAVIORS,
  TRIGGER_LOGICALS,
  TRIGGER_TYPES,
} from "../../components/spec/enums";
import { FIELD_DOCS } from "../../components/spec/fieldDocs";
import type {
  CrawlerSpec,
  JobSpec,
  ProjectSpec,
  PythonShellJobSpec,
  SparkEtlJobSpec,
  TableSpec,
  TriggerSpec,
} from "../../components/spec/model";
import { PROJECT_SPEC_SCHEMA } from "../../components/spec/schema";
import { fieldDescription } from "../../components/spec/schemaDocs";
import { TABLE_LAYERS } from "../../components/spec/tables";
import { REPO_ROOT } from "../../tools/runner/discover";
import { SPEC_TYPES_FILE, specTypesText, typesSchema } from "../../tools/specTypes";

/** `true` only when A and B are the same type (https://github.com/microsoft/TypeScript/issues/27024). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Of<T extends readonly unknown[]> = T[number];

// Checked by `npm run typecheck`: the generated types take their value sets from the same constants
// as the schema, so none is written twice.
const sameValueSets: true[] = [
  true satisfies Equal<JobSpec["kind"], Of<typeof JOB_KINDS>>,
  true satisfies Equal<NonNullable<SparkEtlJobSpec["executionClass"]>, Of<typeof EXECUTION_CLASSES>>,
  true satisfies Equal<SparkEtlJobSpec["workerType"], Of<typeof WORKER_TYPES>>,
  true satisfies Equal<NonNullable<PythonShellJobSpec["maxCapacity"]>, Of<typeof PYTHON_SHELL_CAPACITIES>>,
  true satisfies Equal<CrawlerSpec["zone"], Of<typeof CRAWLER_ZONES>>,
  true satisfies Equal<NonNullable<CrawlerSpec["recrawl"]>, Of<typeof RECRAWL_BEHAVIORS>>,
  true satisfies Equal<CrawlerSpec["database"], Of<typeof LAKE_LAYERS>>,
  true satisfies Equal<TriggerSpec["type"], Of<typeof TRIGGER_TYPES>>,
  true satisfies Equal<NonNullable<TriggerSpec["logical"]>, Of<typeof TRIGGER_LOGICALS>>,
  true satisfies Equal<
    NonNullable<NonNullable<TriggerSpec["conditions"]>[number]["state"]>,
    Of<typeof CONDITION_STATES>
  >,
  true satisfies Equal<TableSpec["layer"], Of<typeof TABLE_LAYERS>>,
  true satisfies Equal<ProjectSpec["environments"][number], Of<typeof ENVIRONMENTS>>,
];

describe("spec types generated from the schema (npm run schema)", () => {
  it("components/spec/specTypes.generated.ts is what the schema generates now (else run npm run schema)", async () => {
    const file = path.join(REPO_ROOT, SPEC_TYPES_FILE);
    assert.ok(fs.existsSync(file), `${SPEC_TYPES_FILE} is missing: run npm run schema`);
    assert.ok(
      fs.readFileSync(file, "utf8") === (await specTypesText()),
      `${SPEC_TYPES_FILE} is stale: run npm run schema`,
    );
  });

  it("every field's documentation is in the generated JSDoc", () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, SPEC_TYPES_FILE), "utf8");
    const missing = Object.entries(FIELD_DOCS).filter(([, doc]) => !text.includes(fieldDescription(doc)));
    assert.deepEqual(
      missing.map(([p]) => p),
      [],
    );
    assert.equal(sameValueSets.length, 12);
  });

  it("every titled schema is an exported type of the generated module", () => {
    const titles: string[] = [];
    const walk = (s: unknown): void => {
      if (Array.isArray(s)) s.forEach(walk);
      else if (typeof s === "object" && s !== null) {
        const t = (s as { title?: unknown }).title;
        if (typeof t === "string" && /^[A-Z][A-Za-z]+$/.test(t)) titles.push(t);
        Object.values(s).forEach(walk);
      }
    };
    walk(PROJECT_SPEC_SCHEMA.properties);
    assert.ok(titles.length >= 10, `only ${titles.length} titled schemas`);
    const text = fs.readFileSync(path.join(REPO_ROOT, SPEC_TYPES_FILE), "utf8");
    for (const t of titles) assert.match(text, new RegExp(`^export (interface|type) ${t}\\b`, "m"), t);
  });

  it("an allOf of const-selected if/then branches is typed as the union of its branches", () => {
    const a = { type: "object", properties: { kind: { const: "a" }, x: { type: "string" } } };
    const b = { type: "object", properties: { kind: { const: "b" }, y: { type: "number" } } };
    const things = (items: object) => ({
      type: "object",
      properties: { things: { type: "array", description: "things", items } },
    });
    const out = typesSchema(
      things({
        title: "Thing",
        type: "object",
        required: ["kind"],
        properties: { kind: { enum: ["a", "b"] } },
        allOf: [
          { if: { properties: { kind: { const: "a" } } }, then: a },
          { if: { properties: { kind: { const: "b" } } }, then: b },
        ],
      }),
    );
    assert.deepEqual(
      out,
      things({ title: "Thing", anyOf: [a, b], description: "One item of `things`: things" }),
    );
    // Any other allOf is left to the generator as an intersection.
    const plain = { allOf: [{ type: "object" }, { required: ["x"] }] };
    assert.deepEqual(typesSchema(plain), plain);
  });
});
