// Mocha's spec reporter plus the plain closing line CI reads: "N passed, N failed".
// EXTRA_TEST_SUMMARIES (comma-separated JSON files {"suite","passed","failed"}, written by other test
// suites such as runtime/check.sh) are added to the line, so it counts every suite together.
"use strict";
const fs = require("node:fs");
const Mocha = require("mocha");

function extraSummaries() {
  const files = (process.env.EXTRA_TEST_SUMMARIES ?? "").split(",").filter(Boolean);
  return files.map((file) => {
    try {
      const s = JSON.parse(fs.readFileSync(file, "utf8"));
      return { suite: String(s.suite ?? file), passed: Number(s.passed) || 0, failed: Number(s.failed) || 0 };
    } catch {
      return { suite: file, passed: 0, failed: 1 }; // a suite that left no readable summary failed
    }
  });
}

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      let passed = passes;
      let failed = failures;
      const extra = extraSummaries();
      if (extra.length > 0) {
        process.stdout.write(`\nmocha: ${passes} passed, ${failures} failed (suite)\n`);
        for (const s of extra) {
          process.stdout.write(`${s.suite}: ${s.passed} passed, ${s.failed} failed (suite)\n`);
          passed += s.passed;
          failed += s.failed;
        }
      }
      process.stdout.write(`\n${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ""}\n`);
    });
  }
}

module.exports = SummaryReporter;
