/** A project program that calls the cloud itself (a cloud SDK, a network connection) is refused by
 * the gate (`gate-no-cloud-calls`, tools/gate/sideEffects.ts): under the CLI the call would run with
 * the deploying identity and no policy sees it. Preview and update runs are both watched. */
import { strict as assert } from "assert";
import * as path from "path";
import { runOfflineCheck } from "../../tools/gate/offlineCheck";
import { GATE_CLOUD_CALLS_RULE } from "../../tools/gate/sideEffects";
import { REPO_ROOT } from "../../tools/runner/discover";

const FIXTURES = path.join(REPO_ROOT, "tests", "fixtures");
const SPEC = path.join(FIXTURES, "project", "project.yaml");

describe("gate: programs that call the cloud themselves (tools/gate/sideEffects.ts)", () => {
  it("refuses a cloud SDK, a raw connection, an SDK loaded only outside preview and a started program, naming each", async () => {
    const programs = [
      "cloud-sdk-call.ts",
      "raw-http-call.ts",
      "cloud-sdk-only-at-update.ts",
      "starts-aws-cli.ts",
    ];
    const stacks = await runOfflineCheck({
      envs: ["dev"],
      programs: programs.map((p) => path.join(FIXTURES, "programs", p)),
      programSpec: SPEC,
      onlyExtra: true,
    });
    const hits = stacks.map((s) =>
      s.violations.filter((v) => v.policy === GATE_CLOUD_CALLS_RULE && v.level === "mandatory"),
    );
    assert.equal(stacks[0].error, undefined, stacks[0].error);
    assert.match(
      hits[0].map((v) => v.detail).join("\n"),
      /loads the cloud SDK module "@aws-sdk\/client-sts"/,
    );
    assert.equal(hits[0].length, 1, "the SDK's own modules are not listed again");
    assert.match(
      hits[1].map((v) => v.detail).join("\n"),
      /opens a network connection to \/nonexistent\/glue-check\.sock/,
    );
    assert.equal(hits[2].length, 1, JSON.stringify(hits[2]));
    assert.match(hits[2][0].message, /^at pulumi up: .*\n.*"@aws-sdk\/client-iam"/);
    assert.match(hits[3].map((v) => v.detail).join("\n"), /starts the program "aws"/);
  });

  it("finds nothing in the repository's own stacks", async () => {
    const stacks = await runOfflineCheck({ envs: ["dev"], withPolicies: false });
    for (const s of stacks) assert.ok(!s.violations.some((v) => v.policy === GATE_CLOUD_CALLS_RULE), s.name);
  });
});
