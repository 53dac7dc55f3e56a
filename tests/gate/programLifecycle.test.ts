/** A program's run ends as the Node language host ends it (tools/runner/programLifecycle.ts): late
 * registrations land in their own run, never in the next, and a program that never finishes, exits
 * the process or leaves work behind fails its stack instead of passing. */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { runStack, StackRunResult } from "../../tools/runner/runStack";
import { DEFAULT_ACCOUNT } from "../../tools/runner/mocks";
import { REPO_ROOT } from "../../tools/runner/discover";
import { cliPath, programEnvironment, removedVariable } from "../../tools/runner/programEnvironment";

const PROGRAMS = path.join(REPO_ROOT, "tests", "fixtures", "programs");
const run = (program: string, pendingWorkTimeoutMs?: number, preview = true): Promise<StackRunResult> =>
  runStack({
    program: path.join(PROGRAMS, program),
    project: "glue-project",
    stack: "lifecycle-dev",
    config: { "aws:region": "eu-west-1", "glue-project:env": "dev" },
    preview,
    account: DEFAULT_ACCOUNT,
    stackOutputs: () => ({}),
    pendingWorkTimeoutMs,
  });
const names = (r: StackRunResult) => r.resources.filter((x) => x.custom).map((x) => x.name);

describe("program lifecycle: the run ends when the program's work does (tools/runner/programLifecycle.ts)", () => {
  it("keeps a setTimeout(0) registration in its own run and out of the next run's capture", async () => {
    const first = await run("late-zero-timer.ts");
    assert.equal(first.error, undefined, String(first.error));
    assert.deepEqual(names(first).sort(), ["body", "late-zero"]);
    const second = await run("rejected-apply.ts");
    assert.ok(!names(second).includes("late-zero"), JSON.stringify(names(second)));
    assert.ok(!names(second).includes("body"), JSON.stringify(names(second)));
  });

  it("ends without an unreferenced timer, as Node does, and cancels it so it never fires later", async () => {
    const first = await run("late-unref-timer.ts");
    assert.equal(first.error, undefined, String(first.error));
    assert.deepEqual(names(first), ["body"]);
    await new Promise((r) => setTimeout(r, 80));
    const second = await run("late-zero-timer.ts");
    assert.ok(!names(second).includes("late-unref"), JSON.stringify(names(second)));
    assert.ok(!names(first).includes("late-unref"), "nothing lands in the closed run either");
  });

  it("fails a program whose timers never stop, names them, and cancels them before the next run", async () => {
    const started = performance.now();
    const endless = await run("interval-forever.ts", 150);
    assert.ok(performance.now() - started < 5000, "bounded by the timeout");
    assert.ok(endless.error, "the stack fails instead of passing");
    assert.match(endless.error.message, /still had work running 150 ms after its body \(setInterval\)/);
    assert.ok(
      names(endless).some((n) => n.startsWith("tick-")),
      "what it registered meanwhile is kept",
    );
    await new Promise((r) => setTimeout(r, 50));
    const next = await run("late-zero-timer.ts");
    assert.equal(next.error, undefined, String(next.error));
    assert.deepEqual(
      names(next).sort(),
      ["body", "late-zero"],
      "no tick of the cancelled interval lands here",
    );
  });

  it("fails a program that calls process.exit, and the check's process lives on", async () => {
    const exited = await run("process-exit.ts");
    assert.ok(exited.error);
    assert.match(exited.error.message, /calls process\.exit\(0\)/);
    const after = await run("late-zero-timer.ts");
    assert.equal(after.error, undefined, String(after.error));
  });

  it("fails every later stack when a program leaves work it cannot cancel (a listening socket)", () => {
    const r = spawnSync(
      process.execPath,
      [
        "-r",
        "./tools/register.js",
        "tests/support/runProgramsInOneProcess.ts",
        "100",
        ...["listening-server.ts", "late-zero-timer.ts"].map((p) => path.join(PROGRAMS, p)),
      ],
      { cwd: REPO_ROOT, encoding: "utf8", timeout: 60_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    const [server, next] = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { error?: string; resources: number });
    assert.match(server.error ?? "", /still had work running 100 ms after its body \(TCPServerWrap\)/);
    assert.match(next.error ?? "", /^not run: an earlier program in this check left work running/);
    assert.equal(next.resources, 0);
  });
});

describe("program lifecycle: failures the CLI would report (in a child process: mocha catches uncaught errors itself)", () => {
  it("fails a body that never settles, a failing exit code and a throw from a timer, each in its own stack", () => {
    const programs = [
      "body-never-settles.ts",
      "sets-exit-code.ts",
      "throws-in-timer.ts",
      "late-zero-timer.ts",
    ];
    const r = spawnSync(
      process.execPath,
      [
        "-r",
        "./tools/register.js",
        "tests/support/runProgramsInOneProcess.ts",
        "2000",
        ...programs.map((p) => path.join(PROGRAMS, p)),
      ],
      { cwd: REPO_ROOT, encoding: "utf8", timeout: 60_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    const [never, exitCode, thrown, fine] = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { error?: string; resources: number });
    assert.match(never.error ?? "", /body never finished/);
    assert.match(exitCode.error ?? "", /sets process\.exitCode = 3/);
    assert.match(thrown.error ?? "", /thrown from a timer on purpose/);
    assert.equal(fine.error, undefined, "the next program runs as usual");
    assert.equal(fine.resources, 3);
  });
});

describe("program environment: no credentials, the CLI's variables (tools/runner/programEnvironment.ts)", () => {
  it("hides credentials and npm's variables from the program and restores them after", async () => {
    const planted = {
      AWS_ACCESS_KEY_ID: "AKIAEXAMPLEEXAMPLE00",
      AWS_SECRET_ACCESS_KEY: "planted",
      AWS_PROFILE: "deployer",
      AWS_WEB_IDENTITY_TOKEN_FILE: "/tmp/token",
      ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.example",
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "planted",
      npm_lifecycle_event: "check",
    };
    const saved = Object.fromEntries(Object.keys(planted).map((k) => [k, process.env[k]]));
    Object.assign(process.env, planted);
    try {
      const probe = await run("environment-probe.ts");
      assert.equal(probe.error, undefined, String(probe.error));
      assert.equal(probe.outputs.npmVariables, 0);
      assert.equal(
        probe.outputs.credentials,
        "AWS_CONFIG_FILE,AWS_EC2_METADATA_DISABLED,AWS_SHARED_CREDENTIALS_FILE,PULUMI_CONFIG_SECRET_KEYS",
      );
      assert.equal(probe.outputs.sharedCredentialsFile, "/dev/null");
      assert.equal(probe.outputs.metadataDisabled, "true");
      assert.equal(probe.outputs.argv1, require.resolve("@pulumi/pulumi/cmd/run"));
      assert.equal(probe.outputs.execArgv, "");
      assert.equal(probe.outputs.stack, "lifecycle-dev");
      assert.equal(probe.outputs.dryRun, "true");
      assert.deepEqual(JSON.parse(String(probe.outputs.config)), {
        "aws:config:region": "eu-west-1",
        "glue-project:config:env": "dev",
      });
      assert.equal(probe.outputs.pathHasNpmBin, false);
      for (const [k, v] of Object.entries(planted)) assert.equal(process.env[k], v, `${k} restored`);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it("removes credential and npm variables by pattern, keeps the region and ordinary ones", () => {
    for (const k of [
      "AWS_SESSION_TOKEN",
      "AWS_CONTAINER_CREDENTIALS_FULL_URI",
      "GITHUB_TOKEN",
      "npm_config_cache",
    ])
      assert.ok(removedVariable(k), k);
    for (const k of ["AWS_REGION", "AWS_DEFAULT_REGION", "HOME", "LANG"]) assert.ok(!removedVariable(k), k);
    assert.equal(
      cliPath(["/r/node_modules/.bin", "/usr/bin", "/x/node-gyp-bin"].join(path.delimiter)),
      "/usr/bin",
    );
    const env = programEnvironment(
      { AWS_REGION: "eu-west-1", PULUMI_NODEJS_DRY_RUN: "true" },
      {
        project: "p",
        stack: "s",
        organization: "o",
        preview: false,
        config: {},
        secretKeys: [],
        programDir: "/",
      },
    );
    assert.equal(env.AWS_REGION, "eu-west-1");
    assert.equal(env.PULUMI_NODEJS_DRY_RUN, undefined, "cmd/run sets it only for a preview");
  });
});
