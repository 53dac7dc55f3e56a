/** The pack reads like its anchors: every file in policy-pack/policies/ (but the catalogue index.ts)
 * holds exactly one policy, exported under the file's name, whose policy name is that name in
 * kebab case; helpers live in policy-pack/lib/. The catalogue lists every policy file once. */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policy-pack/policies";

const DIR = path.join(__dirname, "..", "..", "policy-pack", "policies");
const kebab = (camel: string) => camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const isPolicy = (v: unknown): v is { name: string } =>
  typeof v === "object" && v !== null && ("validateResource" in v || "validateStack" in v);

const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith(".ts") && f !== "index.ts")
  .map((f) => f.slice(0, -".ts".length));

describe("policy files: file name = export = policy name", () => {
  it("finds the policy files", () => {
    assert.ok(files.length >= 20, files.join(", "));
  });

  for (const base of files) {
    it(`${base}.ts exports only the policy ${base} named ${kebab(base)}`, () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- each file is loaded by its name
      const mod = require(path.join(DIR, base)) as Record<string, unknown>;
      assert.deepEqual(Object.keys(mod), [base], `${base}.ts must export only ${base}; helpers go to lib/`);
      const p = mod[base];
      assert.ok(isPolicy(p), `${base} is not a policy`);
      assert.equal(p.name, kebab(base));
    });
  }

  it("the catalogue holds exactly the policies of these files", () => {
    assert.deepEqual(policies.map((p) => p.name).sort(), files.map(kebab).sort());
  });
});
