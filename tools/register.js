// TypeScript hook for the command-line tools (`node -r ./tools/register.js tools/check.ts`): sucrase
// strips types without type-checking (npm test type-checks) and keeps line numbers, so no source-map
// machinery is needed; transpiled files are cached on disk by content hash. This keeps the offline
// check close to the cost of loading @pulumi/aws itself (docs/performance.md).
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

require("./codeCache").install(path.join(__dirname, "..", "node_modules", ".cache", "glue-platform-v8"));

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

require("./deferSdkModules").deferSdkModules(path.join(__dirname, ".."));
