/**
 * The job scaffold (tools/scaffold/newJob.ts): what it writes is a valid project (spec schema,
 * cross-field rules and the script/parameter check), the spec keeps its comments, and nothing is
 * overwritten. That the scaffolded job's own tests pass on local Spark is runtime/tests/test_scaffold.py.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { validateSpecText } from "../../components/spec/validate";
import { runOfflineCheck } from "../../tools/gate/offlineCheck";
import { main } from "../../tools/newJob";
import { newJob, NewJobError, parseNewJobArgs } from "../../tools/scaffold/newJob";

const SPEC = `# a comment the scaffold keeps
slug: scaffold-fixture
projectId: 2b7e4c1a-9d3f-4e6a-8b5c-1f2e3d4c5b6a
displayName: Scaffold fixture
owner: team@example.com
costCenter: CC-1
environments: [dev]
monthlyBudgetUsd: { dev: 10 }
notificationEmails: [team@example.com]
catalog:
  databases: [bronze, silver] # used by the job
jobs: []
`;

describe("job scaffold (npm run new-job)", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "new-job-"));
    fs.writeFileSync(path.join(dir, "project.yaml"), SPEC);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes a job, its data and test, and a spec that validates with the parameter check", () => {
    const { written } = newJob({ project: dir, name: "orders-clean" });
    assert.deepEqual(written.map((f) => path.relative(dir, f)).sort(), [
      "data/bronze/orders_clean_raw/orders_clean_raw.csv",
      "project.yaml",
      "scripts/orders_clean.py",
      "tests/test_orders_clean.py",
    ]);
    const text = fs.readFileSync(path.join(dir, "project.yaml"), "utf8");
    assert.match(text, /^# a comment the scaffold keeps/);
    assert.match(text, /databases: \[bronze, silver\] # used by the job/);
    const loaded = validateSpecText(text, path.join(dir, "project.yaml"));
    const job = loaded.spec.jobs?.find((j) => j.name === "orders-clean");
    assert.equal(job?.kind, "sparkEtl");
    assert.deepEqual(job?.parameters, { INPUT_TABLE: "orders_clean_raw", OUTPUT_TABLE: "orders_clean" });
    assert.deepEqual(
      loaded.spec.tables?.map((t) => `${t.layer}.${t.name}`),
      ["silver.orders_clean"],
    );
    // The script's parameters and the job's agree: drop one and the parameter check fails.
    const broken = text.replace(/\n\s+OUTPUT_TABLE: orders_clean/, "");
    assert.throws(() => validateSpecText(broken, path.join(dir, "project.yaml")), /OUTPUT_TABLE/);
    // A second job goes after the first, with its own table and data.
    newJob({ project: dir, name: "orders-gold", source: "orders_feed", table: "orders_daily" });
    const again = validateSpecText(
      fs.readFileSync(path.join(dir, "project.yaml"), "utf8"),
      path.join(dir, "project.yaml"),
    );
    assert.deepEqual(
      again.spec.jobs?.map((j) => j.name),
      ["orders-clean", "orders-gold"],
    );
    assert.ok(fs.existsSync(path.join(dir, "data/bronze/orders_feed/orders_feed.csv")));
  });

  it("passes the offline gate: the project stack runs and no mandatory policy is violated", async function () {
    this.timeout(120000);
    newJob({ project: dir, name: "orders-clean" });
    const stacks = await runOfflineCheck({
      envs: ["dev"],
      specs: [path.join(dir, "project.yaml")],
      onlyExtra: true,
    });
    assert.equal(stacks.length, 1);
    assert.equal(stacks[0].error, undefined, stacks[0].error);
    const job = stacks[0].resources.find((r) => r.type === "aws:glue/job:Job");
    assert.match(String(job?.inputs.name), /-job-orders-clean$/);
    assert.deepEqual(
      stacks[0].violations.filter((v) => v.level === "mandatory").map((v) => v.message),
      [],
    );
  });

  it("overwrites nothing and explains bad input", async () => {
    newJob({ project: dir, name: "orders-clean" });
    const before = fs.readFileSync(path.join(dir, "project.yaml"), "utf8");
    assert.throws(
      () => newJob({ project: dir, name: "orders-clean" }),
      /a job "orders-clean" exists already/,
    );
    assert.throws(
      () => newJob({ project: dir, name: "other", table: "orders_clean" }),
      /a table "orders_clean" exists already/,
    );
    fs.writeFileSync(path.join(dir, "scripts", "taken.py"), "# mine\n");
    assert.throws(
      () => newJob({ project: dir, name: "taken" }),
      /taken\.py exists already; nothing was written/,
    );
    assert.equal(fs.readFileSync(path.join(dir, "project.yaml"), "utf8"), before);
    assert.equal(fs.readFileSync(path.join(dir, "scripts", "taken.py"), "utf8"), "# mine\n");
    assert.throws(() => newJob({ project: dir, name: "Bad_Name" }), NewJobError);
    assert.throws(() => parseNewJobArgs(["--name", "x"]), /--project and --name are required/);
    const lines: string[] = [];
    assert.equal(await main(["--project", dir, "--name", "x", "--bogus", "1"], (l) => lines.push(l)), 2);
    assert.match(lines.join("\n"), /unknown argument "--bogus"[\s\S]*usage: npm run new-job/);
    const noSilver = SPEC.replace("[bronze, silver]", "[bronze]");
    fs.writeFileSync(path.join(dir, "project.yaml"), noSilver);
    assert.throws(() => newJob({ project: dir, name: "y" }), /catalog.databases has no silver/);
  });
});
