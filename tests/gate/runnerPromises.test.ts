import { strict as assert } from "assert";
import * as path from "path";
import { runStack } from "../../tools/runner/runStack";
import { DEFAULT_ACCOUNT } from "../../tools/runner/mocks";
import { REPO_ROOT } from "../../tools/runner/discover";

/* eslint-disable @typescript-eslint/no-require-imports -- the SDK's internal modules have no typings */
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: unknown };
const state = require("@pulumi/pulumi/runtime/state") as {
  getStore: () => { leakCandidates: Set<unknown> };
};
/* eslint-enable @typescript-eslint/no-require-imports */

const run = (program: string) =>
  runStack({
    program: path.join(REPO_ROOT, "tests", "fixtures", "programs", program),
    project: "glue-project",
    stack: "runner-dev",
    config: { "aws:region": "eu-west-1" },
    preview: false,
    account: DEFAULT_ACCOUNT,
    stackOutputs: () => ({}),
  });

describe("the runner tracks the SDK's promises as the SDK does (tools/runner/sdkDiagnostics.ts)", () => {
  it("reports a failing apply, leaves no leak candidates and restores the SDK's own wrapper", async () => {
    const sdkWrapper = debuggable.debuggablePromise;
    const result = await run("rejected-apply.ts");
    assert.ok(result.error, "the run reports the failure");
    assert.match(result.error.message, /apply failed on purpose/);
    assert.ok(result.resources.some((r) => r.type === "aws:sqs/queue:Queue"));
    assert.equal(state.getStore().leakCandidates.size, 0, "every tracked promise settled and was removed");
    assert.equal(debuggable.debuggablePromise, sdkWrapper, "the SDK's wrapper is back after the run");
  });
});
