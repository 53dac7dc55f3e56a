// `npm test`'s test step: the Python suite (runtime/check.sh: ruff, mypy, pytest on local Spark), then
// mocha. The mocha reporter folds the Python counts into the one closing "N passed, N failed" line.
// Exit status: non-zero when either suite failed.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..", "..");
const summary = path.join(root, "reports", "python-summary.json");
fs.rmSync(summary, { force: true });

const python = spawnSync("bash", [path.join(root, "runtime", "check.sh")], { stdio: "inherit", cwd: root });
if (!fs.existsSync(summary)) {
  fs.mkdirSync(path.dirname(summary), { recursive: true });
  fs.writeFileSync(summary, JSON.stringify({ suite: "python", passed: 0, failed: 1 }));
}
const mocha = spawnSync(
  process.execPath,
  [require.resolve("mocha/bin/mocha.js"), "--reporter", path.join(__dirname, "summaryReporter.js")],
  { stdio: "inherit", cwd: root, env: { ...process.env, EXTRA_TEST_SUMMARIES: summary } },
);
process.exit(python.status === 0 && mocha.status === 0 ? 0 : 1);
