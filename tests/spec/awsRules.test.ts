/**
 * Rules AWS enforces that the mock runtime cannot see: schedules, event triggers and crawlers at spec validation, incremental crawlers, one connection per subnet. Each is checked at spec validation
 * (file:line) and by a pack policy, and each test here fails if the rule is dropped.
 */
import { strict as assert } from "assert";
import { crawlerSchemaChangePolicy } from "../../components/project/orchestrationPlan";
import { failoverOrder } from "../../components/project/plan";
import { T } from "../../policy-pack/lib/types";
import { runResourcePolicy } from "../support/policyHarness";
import { ofType, repositoryStacks } from "../support/offline";
import { policy, problemsOf } from "../support/awsRules";

describe("AWS rules at spec validation (file:line)", () => {
  it("the fixture is valid", () => assert.deepEqual(problemsOf("", ""), []));

  it("rejects a 5-field trigger schedule at its line", () => {
    const [p] = problemsOf("cron(15 2 * * ? *)", "cron(0 * * * *)");
    assert.match(p, /^project\.yaml:34:5 triggers\[0\]\.schedule — "cron\(0 \* \* \* \*\)" has 5 fields/);
  });

  it("rejects a crawler schedule faster than the minimum interval", () => {
    const [p] = problemsOf("cron(0 3 * * ? *)", "cron(0/5 * * * ? *)");
    assert.match(
      p,
      /^project\.yaml:27:5 crawlers\[0\]\.schedule — .*every 5 minutes.*minimum interval of 60/,
    );
  });

  it("rejects two schedules that together start one job more often than the floor", () => {
    const second =
      "  - name: again\n    type: scheduled\n    schedule: cron(45 2 * * ? *)\n    actions:\n      - job: load\n";
    const problems = problemsOf("triggers:\n", `triggers:\n${second}`);
    assert.equal(problems.length, 1, problems.join("\n"));
    assert.match(
      problems[0],
      /triggers\[1\]\.schedule — job "load" is started by 2 schedules .* every 30 minutes/,
    );
    assert.deepEqual(problemsOf("triggers:\n", `triggers:\n${second.replace("45 2", "15 14")}`), []);
  });

  it("rejects both day fields set", () => {
    const [p] = problemsOf("cron(15 2 * * ? *)", "cron(0 2 * * * *)");
    assert.match(p, /triggers\[0\]\.schedule — .*exactly one of Day-of-month and Day-of-week/);
  });

  it("rejects two event triggers starting one workflow", () => {
    const second = "  - name: again\n    type: event\n    workflow: flow\n    actions:\n      - job: load\n";
    const problems = problemsOf("triggers:\n", `triggers:\n${second}`);
    assert.equal(problems.length, 1, problems.join("\n"));
    assert.match(
      problems[0],
      /triggers\[2\]\.workflow — workflow "flow" already has the event trigger triggers\[0\]/,
    );
  });

  it("rejects eventSource on a non-event trigger", () => {
    const [p] = problemsOf(
      "    actions:\n      - job: load\n  - name: on-drop",
      "    eventSource:\n      layer: bronze\n    actions:\n      - job: load\n  - name: on-drop",
    );
    assert.match(p, /triggers\[0\]\.eventSource — only event triggers watch the lake/);
  });
});

describe("incremental crawlers log schema changes", () => {
  it("plans LOG/LOG for CRAWL_NEW_FOLDERS_ONLY and never deletes tables", () => {
    assert.deepEqual(crawlerSchemaChangePolicy("CRAWL_NEW_FOLDERS_ONLY"), {
      updateBehavior: "LOG",
      deleteBehavior: "LOG",
    });
    assert.equal(crawlerSchemaChangePolicy("CRAWL_EVERYTHING").deleteBehavior, "LOG");
  });

  it("every incremental crawler in the repository's stacks is LOG/LOG", async () => {
    const crawlers = (await repositoryStacks()).flatMap((s) => ofType(s, T.crawler));
    const incremental = crawlers.filter(
      (c) =>
        (c.inputs.recrawlPolicy as { recrawlBehavior?: string })?.recrawlBehavior ===
        "CRAWL_NEW_FOLDERS_ONLY",
    );
    for (const c of incremental)
      assert.deepEqual(c.inputs.schemaChangePolicy, { updateBehavior: "LOG", deleteBehavior: "LOG" }, c.urn);
  });

  const run = (props: Record<string, unknown>) =>
    runResourcePolicy(policy("glue-crawler-incremental-log-only"), T.crawler, props).violations;
  const incremental = {
    recrawlPolicy: { recrawlBehavior: "CRAWL_NEW_FOLDERS_ONLY" },
    s3Targets: [{ path: "s3://b/p/" }],
  };

  it("the pack rejects UPDATE_IN_DATABASE, a missing policy and non-S3 targets", () => {
    assert.match(
      run({
        ...incremental,
        schemaChangePolicy: { updateBehavior: "UPDATE_IN_DATABASE", deleteBehavior: "LOG" },
      })[0],
      /updateBehavior UPDATE_IN_DATABASE.*InvalidInputException/,
    );
    assert.match(run(incremental)[0], /DEPRECATE_IN_DATABASE \(the default\)/);
    const ok = { ...incremental, schemaChangePolicy: { updateBehavior: "LOG", deleteBehavior: "LOG" } };
    assert.deepEqual(run(ok), []);
    assert.match(run({ ...ok, jdbcTargets: [{ path: "x" }] })[0], /only to Amazon S3 targets/);
    assert.deepEqual(run({ recrawlPolicy: { recrawlBehavior: "CRAWL_EVERYTHING" } }), []);
  });
});

describe("one NETWORK connection per platform subnet, on every job in failover order", () => {
  it("every project stack has one connection per platform subnet and lists all of them on each job", async () => {
    const stacks = (await repositoryStacks()).filter((s) => s.project === "glue-project" && !s.error);
    assert.ok(stacks.length > 0);
    for (const s of stacks) {
      const ref = ofType(s, T.stackReference)[0];
      const outputs = (ref.outputs as { outputs: { privateSubnetIds: string[] } }).outputs;
      const connections = ofType(s, T.connection).map((c) => c.inputs);
      const subnets = connections.map(
        (c) => (c.physicalConnectionRequirements as { subnetId: string }).subnetId,
      );
      assert.deepEqual([...subnets].sort(), [...outputs.privateSubnetIds].sort(), s.name);
      const names = connections.map((c) => String(c.name));
      for (const job of ofType(s, T.job))
        assert.deepEqual([...(job.inputs.connections as string[])].sort(), [...names].sort(), job.urn);
    }
  });

  it("rotates the first choice by project so projects spread over the AZs", () => {
    const firsts = new Set(
      ["00000000", "00000001", "00000002"].map(
        (h) => failoverOrder(["a", "b", "c"], `${h}-0000-4000-8000-000000000000`)[0],
      ),
    );
    assert.deepEqual([...firsts].sort(), ["a", "b", "c"]);
    assert.deepEqual(failoverOrder(["a", "b", "c"], "00000001-0000-4000-8000-000000000000"), ["b", "c", "a"]);
  });
});
