// `npm run lint:workflows`: validates .github/workflows/*.yml with GitHub's own workflow parser
// (@actions/workflow-parser). The package imports its JSON schema without an import attribute, which
// Node's ESM loader rejects, so a loader hook adds `type: "json"` for that one import.
import { register } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

register(
  "data:text/javascript," +
    encodeURIComponent(`export async function load(url, context, next) {
  if (url.endsWith(".json") && !(context.importAttributes && context.importAttributes.type)) {
    return next(url, { ...context, importAttributes: { ...context.importAttributes, type: "json" } });
  }
  return next(url, context);
}`),
);
const { parseWorkflow, NoOperationTraceWriter } = await import("@actions/workflow-parser");

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const files =
  args.length > 0
    ? args
    : readdirSync(".github/workflows")
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => join(".github/workflows", f));
const results = files.map((file) => {
  const result = parseWorkflow(
    { name: file, content: readFileSync(file, "utf8") },
    new NoOperationTraceWriter(),
  );
  return { file, errors: result.context.errors.getErrors().map((e) => e.message) };
});
if (process.argv.includes("--json")) console.log(JSON.stringify(results));
else for (const r of results) console.log(`${r.file}: ${r.errors.length === 0 ? "ok" : r.errors.join("; ")}`);
process.exit(results.some((r) => r.errors.length > 0) ? 1 : 0);
