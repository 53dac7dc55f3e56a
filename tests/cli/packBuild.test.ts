import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../../tools/runner/discover";
import { TEST_TMP } from "../support/paths";

const PACK = path.join(REPO_ROOT, "policy-pack");

function walk(dir: string, ext: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "bin" || e.name === "node_modules" ? [] : walk(p, ext);
    return p.endsWith(ext) ? [p] : [];
  });
}

describe("the policy pack the CLI loads is compiled and current", () => {
  it("package.json main points at the built entry, so the CLI does not type-check the pack at preview", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACK, "package.json"), "utf8")) as { main: string };
    assert.equal(pkg.main, "bin/policy-pack/index.js");
    assert.ok(
      fs.existsSync(path.join(PACK, pkg.main)),
      "policy-pack/bin is missing: run npm run build:pack (npm ci runs it)",
    );
  });

  it("every compiled file is newer than its TypeScript source, and every pack source is compiled", () => {
    const built = walk(path.join(PACK, "bin"), ".js");
    assert.ok(built.length > 0, "policy-pack/bin is empty: run npm run build:pack");
    const stale: string[] = [];
    for (const js of built) {
      const source = path.join(REPO_ROOT, path.relative(path.join(PACK, "bin"), js)).replace(/\.js$/, ".ts");
      if (!fs.existsSync(source)) continue;
      if (fs.statSync(source).mtimeMs > fs.statSync(js).mtimeMs) stale.push(path.relative(REPO_ROOT, source));
    }
    assert.deepEqual(stale, [], "sources changed since the last build: run npm run build:pack");
    const compiled = new Set(
      built.map((js) => path.relative(path.join(PACK, "bin"), js).replace(/\.js$/, ".ts")),
    );
    const missing = walk(PACK, ".ts")
      .map((f) => path.relative(REPO_ROOT, f))
      .filter((f) => !f.endsWith(".d.ts") && !compiled.has(f));
    assert.deepEqual(missing, [], "pack sources without compiled output: run npm run build:pack");
  });
});

describe("npm test type-checks strictly even though programs start transpile-only", () => {
  it("the strict tsconfig rejects a deliberate type error", () => {
    const dir = path.join(TEST_TMP, "strict-probe");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "bad.ts"), 'export const count: number = "not a number";\n');
    fs.writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({ extends: "../../../tsconfig.json", include: ["bad.ts"] }),
    );
    try {
      const r = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "--noEmit", "-p", dir], {
        encoding: "utf8",
      });
      assert.notEqual(r.status, 0);
      assert.match(
        r.stdout,
        /bad\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("npm test runs that type-check over every folder; the runtime tsconfig only adds noCheck and a faster transpiler", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    assert.match(pkg.scripts.test, /npm run typecheck/);
    assert.match(pkg.scripts.typecheck, /tsc --noEmit -p \. && tsc --noEmit -p policy-pack/);
    const root = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "tsconfig.json"), "utf8")) as {
      compilerOptions: Record<string, unknown>;
      include: string[];
    };
    assert.equal(root.compilerOptions.strict, true);
    assert.deepEqual([...root.include].sort(), [
      "billing",
      "components",
      "e2e",
      "platform",
      "policy-pack",
      "projects",
      "tests",
      "tools",
    ]);
    const runtime = JSON.parse(
      fs.readFileSync(path.join(REPO_ROOT, "tsconfig.pulumi.json"), "utf8"),
    ) as unknown;
    assert.deepEqual(runtime, {
      extends: "./tsconfig.json",
      compilerOptions: { noCheck: true },
      "ts-node": { transpiler: "./tools/ts-node-sucrase.js" },
    });
  });
});
