// Parts of @pulumi/pulumi that only serialize function closures (`runtime/closure/`), which the
// offline check and the tools never do, are loaded on first use instead of when the SDK loads:
// TypeScript (through `typescript-shim.js`, for parsing function text) and `codePaths.js` (with
// @npmcli/arborist and normalize-package-data, ~500 modules, for packaging a closure's
// dependencies). Together they were about a third of the modules a check loaded and ~0.3 s of its
// start-up (docs/performance.md). A caller that does use them gets the real module; the export names
// are checked against the installed SDK by tests/repo/deferSdkModules.test.ts.
"use strict";
const Module = require("module");
const path = require("path");

/** Modules deferred, relative to @pulumi/pulumi: a proxy for an object of values, or named functions. */
const DEFERRED = {
  "typescript-shim.js": { proxy: true },
  "runtime/closure/codePaths.js": {
    functions: ["computeCodePaths", "findWorkspaceRoot", "packageArchivePath"],
  },
};

function defer(file, how) {
  if (require.cache[file]) return;
  let real;
  const load = () => {
    if (real === undefined) {
      delete require.cache[file];
      real = require(file);
      require.cache[file] = stub;
    }
    return real;
  };
  const stub = new Module(file, module);
  stub.filename = file;
  stub.paths = Module._nodeModulePaths(path.dirname(file));
  stub.loaded = true;
  if (how.proxy) {
    stub.exports = new Proxy(
      {},
      {
        get: (_target, key) => load()[key],
        has: (_target, key) => key in load(),
      },
    );
  } else {
    const exports = {};
    Object.defineProperty(exports, "__esModule", { value: true });
    for (const name of how.functions)
      exports[name] = function deferred(...args) {
        return load()[name].apply(this, args);
      };
    stub.exports = exports;
  }
  require.cache[file] = stub;
}

function deferSdkModules(root) {
  let sdk;
  try {
    sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [root] }));
  } catch {
    return; // no @pulumi/pulumi next to the tools: nothing to defer
  }
  for (const [rel, how] of Object.entries(DEFERRED)) defer(path.join(sdk, rel), how);
}

module.exports = { DEFERRED, deferSdkModules };
