/**
 * Runs programs one after another in this process, as the offline check does, and prints each run's
 * error and resource count as JSON lines. Used by tests that must not run them in mocha's process
 * (tests/gate/programLifecycle.test.ts). Usage: node -r ./tools/register.js
 * tests/support/runProgramsInOneProcess.ts <pendingWorkTimeoutMs> <program>...
 */
import * as path from "path";
import { runStack } from "../../tools/runner/runStack";
import { DEFAULT_ACCOUNT } from "../../tools/runner/mocks";

async function main(): Promise<void> {
  const [timeout, ...programs] = process.argv.slice(2);
  for (const program of programs) {
    const r = await runStack({
      program: path.resolve(program),
      project: "glue-project",
      stack: "child-dev",
      config: { "aws:region": "eu-west-1" },
      preview: true,
      account: DEFAULT_ACCOUNT,
      stackOutputs: () => ({}),
      pendingWorkTimeoutMs: Number(timeout),
    });
    console.log(JSON.stringify({ program, error: r.error?.message, resources: r.resources.length }));
  }
  process.exit(0);
}

void main();
