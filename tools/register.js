// TypeScript hook for the command-line tools (`node -r ./tools/register.js tools/check.ts`): sucrase
// strips types without type-checking (npm test type-checks) and keeps line numbers, so no source-map
// machinery is needed; transpiled files are cached on disk by content hash. This keeps the offline
// check close to the cost of loading @pulumi/aws itself (docs/performance.md).
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { addHook } = require("pirates");

const SUCRASE_VERSION = require("sucrase/package.json").version;
const CACHE_DIR = path.join(__dirname, "..", "node_modules", ".cache", "glue-platform-ts");

function cached(code, filePath) {
  const key = crypto
    .createHash("sha1")
    .update(SUCRASE_VERSION)
    .update("\0")
    .update(filePath)
    .update("\0")
    .update(code)
    .digest("hex");
  const file = path.join(CACHE_DIR, `${key}.js`);
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    // Loaded only on a cache miss: a warm cache needs no transpiler at all.
    const { transform } = require("sucrase");
    const out = transform(code, { transforms: ["typescript", "imports"], filePath }).code;
    try {
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      fs.writeFileSync(`${file}.${process.pid}`, out);
      fs.renameSync(`${file}.${process.pid}`, file);
    } catch {
      // A read-only checkout still works, just without the cache.
    }
    return out;
  }
}

addHook(cached, { exts: [".ts"], ignoreNodeModules: true });

// @pulumi/pulumi requires TypeScript (through its `typescript-shim.js`) when it loads, only to
// serialize function closures (`runtime/closure/parseFunction.js`), which the offline check and the
// tools never do; loading it cost ~150 ms of each check (docs/performance.md). The shim's exports
// are a proxy that loads the real shim on first use, so a caller that does use it gets the module.
try {
  const Module = require("module");
  const shim = require.resolve("@pulumi/pulumi/typescript-shim.js", {
    paths: [path.join(__dirname, "..")],
  });
  if (!require.cache[shim]) {
    let ts;
    const load = () => {
      if (ts === undefined) {
        delete require.cache[shim];
        ts = require(shim);
        require.cache[shim] = lazy;
      }
      return ts;
    };
    const lazy = new Module(shim, module);
    lazy.filename = shim;
    lazy.loaded = true;
    lazy.exports = new Proxy(
      {},
      {
        get: (_target, key) => load()[key],
        has: (_target, key) => key in load(),
      },
    );
    require.cache[shim] = lazy;
  }
} catch {
  // No @pulumi/pulumi next to the tools: nothing to defer.
}
