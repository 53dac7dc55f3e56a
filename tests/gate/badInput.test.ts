/** Bad input everywhere gives a clear error, exits non-zero and writes nothing. */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runStack } from "../../tools/runner/runStack";
import { DEFAULT_ACCOUNT } from "../../tools/runner/mocks";
import { REPO_ROOT } from "../../tools/runner/discover";
import { ContractError } from "../../components/contract";

describe("bad input everywhere gives a clear error, exits non-zero and writes nothing", () => {
  it("missing platform outputs name the stack and key and say to deploy the platform first", async () => {
    const run = await runStack({
      program: path.join(REPO_ROOT, "projects", "index.ts"),
      project: "glue-project",
      stack: "customer-360-dev",
      config: {
        "aws:region": "eu-west-1",
        "glue-project:spec": path.join(REPO_ROOT, "projects/customer-360/project.yaml"),
        "glue-project:env": "dev",
      },
      preview: true,
      account: DEFAULT_ACCOUNT,
      stackOutputs: () => ({ env: "dev", accountId: "123456789012" }),
    });
    assert.ok(run.error instanceof ContractError);
    assert.match(
      run.error.message,
      /platform stack 'organization\/glue-platform\/dev' has no output 'region'\. Deploy the platform first/,
    );
    assert.deepEqual(run.resources.map((r) => r.type).sort(), [
      "pulumi:pulumi:Stack",
      "pulumi:pulumi:StackReference",
    ]);
  });

  it("oversized names are rejected before anything is planned", async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "big-")), "projects", "customer-360");
    fs.cpSync(path.join(REPO_ROOT, "projects", "customer-360"), dir, { recursive: true });
    const file = path.join(dir, "project.yaml");
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, "utf8")
        .replace("- name: raw-to-silver", `- name: ${"x".repeat(60)}`)
        .replace("job: raw-to-silver", `job: ${"x".repeat(60)}`),
    );
    const { loadProjectSpec } = await import("../../components/spec/validate");
    assert.throws(() => loadProjectSpec(file), /jobs\[0\]\.name — does not match the required pattern/);
  });

  for (const [tool, args] of [
    ["tools/check.ts", ["--nope"]],
    ["tools/check.ts", ["--env"]],
    ["tools/onboard.ts", ["--name"]],
    ["tools/onboard.ts", ["--name", "x", "--frobnicate"]],
    ["tools/drift.ts", ["--concurrency", "many"]],
    ["tools/drift.ts", ["positional"]],
  ] as const) {
    it(`${tool} ${args.join(" ")} exits non-zero with usage and writes nothing`, () => {
      const before = fs.readdirSync(path.join(REPO_ROOT, "projects")).join();
      const r = spawnSync(process.execPath, ["-r", "./tools/register.js", tool, ...args], {
        cwd: REPO_ROOT,
        encoding: "utf8",
      });
      assert.equal(r.status, 2, r.stdout + r.stderr);
      assert.match(r.stdout + r.stderr, /error: [\s\S]*usage: npm run/);
      assert.equal(fs.readdirSync(path.join(REPO_ROOT, "projects")).join(), before);
    });
  }
});
