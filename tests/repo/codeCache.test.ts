import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const CODE_CACHE = path.resolve(__dirname, "..", "..", "tools", "codeCache.js");

/** Loads `module.js` of `dir` in a fresh Node process with the code cache in `dir/cache`. */
function load(dir: string, env: NodeJS.ProcessEnv = {}): { value: unknown } {
  const script =
    `require(${JSON.stringify(CODE_CACHE)}).install(${JSON.stringify(path.join(dir, "cache"))});` +
    `const m = require(${JSON.stringify(path.join(dir, "module.js"))});` +
    `console.log(JSON.stringify({ value: m.value() }));`;
  const out = execFileSync(process.execPath, ["-e", script], {
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return JSON.parse(out) as { value: unknown };
}

const moduleText = (n: number) =>
  `"use strict";\nconst path = require("path");\nexports.value = () => [${n}, path.basename(__filename), typeof module.require];\n`;

describe("V8 code cache of the tools (tools/codeCache.js)", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "glue-code-cache-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes an entry on the first run and gives the same module on a cached run", () => {
    fs.writeFileSync(path.join(dir, "module.js"), moduleText(1));
    const first = load(dir);
    const entries = fs.readdirSync(path.join(dir, "cache"));
    assert.ok(entries.length >= 1, "the first run leaves a cache entry");
    const second = load(dir);
    assert.deepEqual(second.value, first.value);
    assert.deepEqual(first.value, [1, "module.js", "function"]);
    assert.deepEqual(fs.readdirSync(path.join(dir, "cache")).sort(), entries.sort(), "a hit writes nothing");
  });

  it("never runs stale code: an edit of the same length (which V8's own check cannot tell) is compiled anew", () => {
    fs.writeFileSync(path.join(dir, "module.js"), moduleText(1));
    assert.deepEqual(load(dir).value, [1, "module.js", "function"]);
    assert.equal(moduleText(2).length, moduleText(1).length);
    fs.writeFileSync(path.join(dir, "module.js"), moduleText(2));
    assert.deepEqual(load(dir).value, [2, "module.js", "function"]);
  });

  it("leaves a module with a dynamic import() to Node, so the import works on every run", () => {
    // Top-level import() as prettier's index.cjs does; the module's value is the imported builtin's type.
    const text =
      '"use strict";\nconst p = import("node:path");\nlet t = "pending";\np.then((m) => { t = typeof m.join; });\n' +
      "exports.value = () => t;\n";
    fs.writeFileSync(path.join(dir, "module.js"), text);
    const script = (d: string) =>
      `require(${JSON.stringify(CODE_CACHE)}).install(${JSON.stringify(path.join(d, "cache"))});` +
      `const m = require(${JSON.stringify(path.join(d, "module.js"))});` +
      `setTimeout(() => console.log(JSON.stringify({ value: m.value() })), 50);`;
    for (let run = 0; run < 2; run++) {
      const out = execFileSync(process.execPath, ["-e", script(dir)], { encoding: "utf8" });
      assert.deepEqual(JSON.parse(out), { value: "function" }, `run ${run + 1}`);
    }
  });

  it("keeps working when the cached data is damaged, and GLUE_NO_CODE_CACHE=1 turns it off", () => {
    fs.writeFileSync(path.join(dir, "module.js"), moduleText(3));
    load(dir);
    for (const f of fs.readdirSync(path.join(dir, "cache")))
      fs.writeFileSync(path.join(dir, "cache", f), "not V8 code cache data");
    assert.deepEqual(load(dir).value, [3, "module.js", "function"]);
    fs.rmSync(path.join(dir, "cache"), { recursive: true });
    assert.deepEqual(load(dir, { GLUE_NO_CODE_CACHE: "1" }).value, [3, "module.js", "function"]);
    assert.equal(fs.existsSync(path.join(dir, "cache")), false, "off means no cache written");
  });
});
