import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

import { projectRuntime, readProjectDocument, readProjectFile } from "../../tools/runner/stackFiles";

const ROOT = path.resolve(__dirname, "..", "..");

/** Every TypeScript source under `dir` (compiled output and dependencies excluded). */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name === "bin") continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.name.endsWith(".ts")) out.push(p);
  }
  return out;
}

/** Relative imports of a file, resolved to repository paths. */
function relativeImports(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)["'](\.{1,2}\/[^"']+)["']/g)].map(
    (m) => m[1],
  );
  return specs.map((s) => path.relative(ROOT, path.resolve(path.dirname(file), s)));
}

/** Files in `layer` that import something under one of `forbidden`. */
function violations(layer: string, forbidden: readonly string[]): string[] {
  return sources(path.join(ROOT, layer)).flatMap((f) =>
    relativeImports(f)
      .filter((i) => forbidden.some((d) => i === d || i.startsWith(`${d}/`)))
      .map((i) => `${path.relative(ROOT, f)} imports ${i}`),
  );
}

describe("architecture: dependencies point from programs and tools to shared components", () => {
  it("the policy pack imports neither the platform program nor the tools", () => {
    assert.deepEqual(violations("policy-pack", ["platform", "tools", "projects"]), []);
  });

  it("components import neither the programs nor the tools", () => {
    assert.deepEqual(violations("components", ["platform", "tools", "policy-pack"]), []);
  });

  it("one Pulumi.yaml reader: the runner's and the CLI host's views of every project agree", () => {
    const dirs = [ROOT, path.join(ROOT, "projects")].filter((d) =>
      fs.existsSync(path.join(d, "Pulumi.yaml")),
    );
    assert.ok(dirs.length > 0);
    for (const dir of dirs) {
      const project = readProjectFile(dir);
      const runtime = projectRuntime(dir);
      assert.equal(runtime.name, project.name);
      assert.equal(path.join(runtime.programDir, runtime.entryPoint), project.main);
      assert.equal(readProjectDocument(dir).doc.name, project.name);
    }
  });

  it("the check finds an import that points the wrong way", () => {
    const file = path.join(ROOT, "policy-pack", "lib", "platform.ts");
    assert.ok(relativeImports(file).some((i) => i.startsWith("components/")));
    assert.deepEqual(
      relativeImports(path.join(ROOT, "platform", "network.ts")).filter((i) =>
        i.startsWith("components/endpoints"),
      ),
      ["components/endpoints"],
    );
  });
});
