// V8 code cache for the CommonJS modules the tools load, keyed by each module's exact text.
//
// Node compiles every module from source on every run (Node 20 has no built-in compile cache;
// `module.enableCompileCache()` arrived in Node 22.1). For the offline check that is ~900 modules
// (@pulumi/pulumi, the used parts of @pulumi/aws, google-protobuf, the pack, the components), about a
// tenth of the check's time (docs/performance.md). This hook compiles a module with `vm.Script` and
// V8's code cache (https://nodejs.org/api/vm.html#scriptcreatecacheddata): after the first run the
// bytecode of every function the run compiled, top level and lazy, is reused.
//
// Nothing can be stale: the cache file's name is a digest of Node's version and flags, the module's
// path and its full text, so an edited file (or a new transpile of an edited .ts file) has another key and is
// compiled from source; V8 itself rejects data from another V8 version or other flags
// (`script.cachedDataRejected`), and then the module is compiled from source and the file rewritten.
// A module the hook cannot handle the way Node does (a `#!` line) is left to Node. `GLUE_NO_CODE_CACHE=1`
// turns the hook off.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");
const vm = require("vm");

/** Scripts compiled without usable cached data this run, written when the process exits. */
const pending = [];
/** Entries kept at most; past it the folder is emptied before new entries are written (~8 KB each). */
const MAX_ENTRIES = 10000;
/** V8 accepts data only from the same version and flags: runs with other flags keep their own. */
const RUNTIME = `${process.version}\0${process.execArgv.join(" ")}\0${process.env.NODE_OPTIONS ?? ""}`;

function makeRequire(mod) {
  // As Node's makeRequireFunction (lib/internal/modules/helpers.js) for a CommonJS module.
  const require = function require(id) {
    return mod.require(id);
  };
  function resolve(request, options) {
    return Module._resolveFilename(request, mod, false, options);
  }
  resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

function install(cacheDir) {
  if (process.env.GLUE_NO_CODE_CACHE === "1") return;
  const nodeCompile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCodeCache(content, filename) {
    // A script compiled from cached data loses its dynamic-import callback on Node 20
    // (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING on the second run, e.g. prettier's `import("./index.mjs")`):
    // modules that may call import() are compiled by Node itself.
    if (content.startsWith("#!") || content.includes("import("))
      return nodeCompile.call(this, content, filename);
    const key = crypto
      .createHash("sha1")
      .update(RUNTIME)
      .update("\0")
      .update(filename)
      .update("\0")
      .update(content)
      .digest("hex");
    const file = path.join(cacheDir, `${key}.bin`);
    let cachedData;
    try {
      cachedData = fs.readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    const script = new vm.Script(Module.wrap(content), {
      filename,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (cachedData === undefined || script.cachedDataRejected) pending.push({ script, file });
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(
      this.exports,
      this.exports,
      makeRequire(this),
      this,
      filename,
      path.dirname(filename),
    );
  };
  process.once("exit", () => {
    if (pending.length === 0) return;
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      if (fs.readdirSync(cacheDir).length + pending.length > MAX_ENTRIES) {
        fs.rmSync(cacheDir, { recursive: true, force: true });
        fs.mkdirSync(cacheDir, { recursive: true });
      }
      for (const { script, file } of pending) {
        // Created at exit, the data holds every function compiled during the run, not only the top level.
        fs.writeFileSync(`${file}.${process.pid}`, script.createCachedData());
        fs.renameSync(`${file}.${process.pid}`, file);
      }
    } catch {
      // A read-only checkout still works, compiling from source every time.
    }
  });
}

module.exports = { install };
