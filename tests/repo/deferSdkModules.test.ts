import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const REGISTER = path.join(ROOT, "tools", "register.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS tool module
const { DEFERRED } = require("../../tools/deferSdkModules.js") as {
  DEFERRED: Record<string, { proxy?: boolean; functions?: string[] }>;
};

/** Runs a script in a fresh Node process (with or without tools/register.js) and returns its JSON. */
function inNode(script: string, register: boolean): unknown {
  const args = [
    ...(register ? ["-r", REGISTER] : []),
    "-e",
    `console.log(JSON.stringify((() => {${script}})()))`,
  ];
  return JSON.parse(execFileSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" })) as unknown;
}

describe("SDK modules deferred until used (tools/deferSdkModules.js)", () => {
  it("names every function the installed SDK's deferred modules export", () => {
    for (const [rel, how] of Object.entries(DEFERRED)) {
      if (!how.functions) continue;
      const real = inNode(
        `const m = require(require.resolve("@pulumi/pulumi/${rel}"));` +
          `return Object.keys(m).filter((k) => typeof m[k] === "function").sort();`,
        false,
      );
      assert.deepEqual(
        [...how.functions].sort(),
        real,
        `${rel}: update DEFERRED in tools/deferSdkModules.js`,
      );
    }
  });

  it("loading @pulumi/pulumi under tools/register.js loads neither TypeScript nor npm's package tooling", () => {
    const loaded = inNode(
      `require("@pulumi/pulumi");` +
        `return Object.keys(require.cache).filter((k) => /node_modules[\\\\/](typescript|@npmcli[\\\\/]arborist|normalize-package-data)[\\\\/]/.test(k));`,
      true,
    );
    assert.deepEqual(loaded, []);
  });

  it("a deferred module loads on first use and gives the real module's results", () => {
    const used = inNode(
      `const pulumi = require("@pulumi/pulumi");` +
        `const ts = require("@pulumi/pulumi/typescript-shim.js");` +
        `const codePaths = require("@pulumi/pulumi/runtime/closure/codePaths.js");` +
        `const before = Object.keys(require.cache).some((k) => k.includes("arborist"));` +
        `const archive = codePaths.packageArchivePath("node_modules/.pnpm/x@1/node_modules/x", "x");` +
        `return { before, archive, after: Object.keys(require.cache).some((k) => k.includes("arborist")),` +
        ` sameFunction: pulumi.runtime.computeCodePaths === codePaths.computeCodePaths,` +
        ` identifier: ts.SyntaxKind.Identifier === require("typescript").SyntaxKind.Identifier,` +
        ` parse: typeof ts.createSourceFile };`,
      true,
    );
    assert.deepEqual(used, {
      before: false,
      archive: "node_modules/x",
      after: true,
      sameFunction: true,
      identifier: true,
      parse: "function",
    });
  });
});
