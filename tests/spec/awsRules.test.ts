/**
 * Rules AWS enforces that the mock runtime cannot see: each is checked at spec validation (file:line)
 * and by a pack policy, and each test here fails if the rule is dropped.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { firesOn, minIntervalMinutes, parseAwsCron, scheduleProblem } from "../../components/cron";
import { evaluatorScript, planDataQualityEvaluation } from "../../components/project/dataQuality";
import { crawlerSchemaChangePolicy } from "../../components/project/orchestrationPlan";
import { failoverOrder } from "../../components/project/plan";
import { ProjectIdNames } from "../../components/naming";
import { formatProblem, SpecError } from "../../components/spec/problems";
import { loadProjectSpec } from "../../components/spec/validate";
import { policies } from "../../policy-pack/policies";
import { T } from "../../policy-pack/lib/types";
import { runResourcePolicy, runStackPolicy } from "../support/policyHarness";
import { ofType, repositoryStacks } from "../support/offline";
import { FIXTURES } from "../support/paths";

/** The pack policies this file exercises (the catalogue test in tests/pack/policies.test.ts reads this list). */
export const AWS_RULE_POLICIES = [
  "glue-crawler-incremental-log-only",
  "glue-schedule-aws-cron",
  "glue-event-trigger-wired",
  // exercised in tests/project/leastPrivilege.test.ts
  "iam-forallvalues-tag-keys-present",
];

const FIXTURE = path.join(FIXTURES, "aws-rules");
const BASE = fs.readFileSync(path.join(FIXTURE, "project.yaml"), "utf8");
const policy = (name: string) => policies.find((p) => p.name === name) as ResourceValidationPolicy;

/** Problems of the fixture spec after a text replacement, formatted as the CLI prints them. */
function problemsOf(from: string | RegExp, to: string): string[] {
  const text = BASE.replace(from, to);
  if (from !== "") assert.notEqual(text, BASE, `fixture does not contain ${String(from)}`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "aws-rules-"));
  fs.cpSync(FIXTURE, root, { recursive: true });
  fs.writeFileSync(path.join(root, "project.yaml"), text);
  try {
    loadProjectSpec(path.join(root, "project.yaml"));
    return [];
  } catch (e) {
    if (e instanceof SpecError) return e.problems.map((p) => formatProblem({ ...p, file: "project.yaml" }));
    throw e;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe("AWS cron grammar (components/cron.ts)", () => {
  for (const [expr, why] of [
    ["cron(0 * * * *)", /has 5 fields; AWS cron has six/],
    ["cron(0 2 * * * *)", /exactly one of Day-of-month and Day-of-week must be '\?'/],
    ["cron(0 2 ? * ? *)", /exactly one of Day-of-month and Day-of-week must be '\?'/],
    ["cron(99 99 * * ? *)", /Minutes 99 is outside 0–59/],
    ["cron(0 24 * * ? *)", /Hours 24 is outside 0–23/],
    ["cron(0 0 32 * ? *)", /Day-of-month 32 is outside 1–31/],
    ["cron(0 0 * 13 ? *)", /Month 13 is outside 1–12/],
    ["cron(0 0 ? * 8 *)", /Day-of-week 8 is outside 1–7/],
    ["cron(0 0 * * ? 2200)", /Year 2200 is outside 1970–2199/],
    ["cron(0 0 * FOO ? *)", /Month "FOO" is not a number or JAN–DEC/],
    ["cron(0 0 ? * FRI-MON *)", /runs backwards/],
    ["cron(0 0 ? * MON#6 *)", /week number must be 1–5/],
    ["cron(0 0 LW * ? *)", /L stands alone/],
    ["cron(0/0 * * * ? *)", /increment "\/0" must be a whole number ≥ 1/],
    ["0 2 * * ? *", /is not written cron/],
  ] as const) {
    it(`rejects ${expr} with a valid example`, () => {
      const p = parseAwsCron(expr).problem;
      assert.match(p ?? "", why);
      assert.match(p ?? "", /e\.g\. cron\(15 12 \* \* \? \*\)/);
    });
  }

  it("accepts AWS's documented examples and L/W/# forms", () => {
    for (const expr of [
      "cron(15 12 * * ? *)",
      "cron(0 18 ? * MON-FRI *)",
      "cron(0 8 1 * ? *)",
      "cron(0/15 * * * ? *)",
      "cron(0/5 8-17 ? * MON-FRI *)",
      "cron(0 0 L * ? *)",
      "cron(0 0 15W * ? *)",
      "cron(0 0 ? * 6L *)",
      "cron(0 0 ? * MON#1 *)",
      "cron(0 0 ? jan,Feb,MAR sun 2027-2030)",
    ])
      assert.equal(parseAwsCron(expr).problem, undefined, expr);
  });

  it("computes the fastest interval, across midnight too", () => {
    const gap = (e: string) => minIntervalMinutes(parseAwsCron(e).cron!, 2027);
    assert.equal(gap("cron(0/15 * * * ? *)"), 15);
    assert.equal(gap("cron(1/10 * * * ? *)"), 10);
    assert.equal(gap("cron(0 2 * * ? *)"), 1440);
    assert.equal(gap("cron(0,59 0,23 * * ? *)"), 1, "23:59 then 00:00 the next day");
    assert.equal(gap("cron(0 0,23 * * ? *)"), 60, "23:00 then 00:00 the next day");
    assert.equal(gap("cron(0 0,23 ? * MON *)"), 1380, "Monday 23:00 does not run into Tuesday 00:00");
    assert.equal(gap("cron(0 0 1 * ? *)"), undefined, "once a day at most, never on consecutive days");
  });

  it("evaluates L, W and # on real dates", () => {
    const c = (e: string) => parseAwsCron(e).cron!;
    assert.ok(firesOn(c("cron(0 0 L * ? *)"), 2028, 2, 29), "leap-year February ends on the 29th");
    assert.ok(!firesOn(c("cron(0 0 L * ? *)"), 2028, 2, 28));
    // 2027-05-01 is a Saturday: 1W is Monday the 3rd (it never leaves the month).
    assert.ok(firesOn(c("cron(0 0 1W * ? *)"), 2027, 5, 3));
    // MON#1 in March 2027 is the 1st; 6L (last Friday) in April 2027 is the 30th.
    assert.ok(firesOn(c("cron(0 0 ? * MON#1 *)"), 2027, 3, 1));
    assert.ok(firesOn(c("cron(0 0 ? * 6L *)"), 2027, 4, 30));
    assert.ok(!firesOn(c("cron(0 0 ? * 6L *)"), 2027, 4, 23));
  });

  it("enforces AWS's 5-minute floor even when the configured minimum is lower", () => {
    assert.match(scheduleProblem("cron(0/4 * * * ? *)", 1) ?? "", /every 4 minutes.*minimum interval of 5/);
    assert.equal(scheduleProblem("cron(0/5 * * * ? *)", 1), undefined);
    assert.match(scheduleProblem("cron(0/5 * * * ? *)", 30) ?? "", /minimum interval of 30/);
  });
});

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

describe("EVENT triggers fire: lake bucket → EventBridge → workflow", () => {
  it("the platform turns on EventBridge notifications for every lake bucket", async () => {
    const platforms = (await repositoryStacks()).filter((s) => s.project === "glue-platform" && !s.error);
    assert.ok(platforms.length > 0);
    for (const s of platforms) {
      const buckets = ofType(s, "aws:s3/bucket:Bucket")
        .map((b) => String(b.inputs.bucket))
        .filter((b) => /^glue-lake-(bronze|silver|gold)-/.test(b));
      const notified = ofType(s, "aws:s3/bucketNotification:BucketNotification")
        .filter((n) => n.inputs.eventbridge === true)
        .map((n) => String(n.inputs.bucket));
      assert.deepEqual(notified.sort(), buckets.sort(), s.name);
    }
  });

  it("every event trigger has a rule on its project's prefix targeting its workflow with a NotifyEvent role", async () => {
    const stacks = (await repositoryStacks()).filter((s) => s.project === "glue-project" && !s.error);
    let seen = 0;
    for (const s of stacks) {
      const rules = ofType(s, "aws:cloudwatch/eventRule:EventRule");
      const targets = ofType(s, "aws:cloudwatch/eventTarget:EventTarget");
      for (const t of ofType(s, T.trigger).filter((x) => x.inputs.type === "EVENT")) {
        seen++;
        const workflow = String(t.inputs.workflowName);
        const prefix = workflow.replace(/-workflow-.*$/, "/");
        const target = targets.find((x) => String(x.inputs.arn).endsWith(`:workflow/${workflow}`));
        assert.ok(target, `${t.urn}: no target`);
        const rule = rules.find((r) => r.inputs.name === target.inputs.rule);
        assert.ok(rule, `${t.urn}: no rule`);
        const pattern = JSON.parse(String(rule.inputs.eventPattern)) as {
          source: string[];
          "detail-type": string[];
          detail: { bucket: { name: string[] }; object: { key: { prefix: string }[] } };
        };
        assert.deepEqual(pattern.source, ["aws.s3"]);
        assert.deepEqual(pattern["detail-type"], ["Object Created"]);
        assert.match(pattern.detail.bucket.name[0], /^glue-lake-(bronze|silver|gold)-/);
        assert.ok(
          pattern.detail.object.key[0].prefix.startsWith(prefix),
          pattern.detail.object.key[0].prefix,
        );
        const roleName = String(target.inputs.roleArn).split("/").pop();
        const role = ofType(s, "aws:iam/role:Role").find((r) => r.inputs.name === roleName);
        assert.ok(role, `${t.urn}: no role ${roleName}`);
        assert.match(String(role.inputs.assumeRolePolicy), /events\.amazonaws\.com/);
        const grants = ofType(s, "aws:iam/rolePolicy:RolePolicy").map((p) => String(p.inputs.policy));
        assert.ok(
          grants.some((g) => g.includes("glue:NotifyEvent") && g.includes(`:workflow/${workflow}`)),
          `${t.urn}: no glue:NotifyEvent on the workflow`,
        );
      }
    }
    assert.ok(seen > 0 || stacks.every((s) => ofType(s, T.trigger).every((x) => x.inputs.type !== "EVENT")));
  });

  it("the pack rejects an EVENT trigger no rule targets", () => {
    const res = (type: string, name: string, props: Record<string, unknown>) => ({
      type,
      name,
      urn: `urn:pulumi:s::p::${type}::${name}`,
      props,
      dependencies: [],
      propertyDependencies: {},
    });
    const trigger = res(T.trigger, "t", { type: "EVENT", workflowName: "project-x-workflow-w" });
    const target = res("aws:cloudwatch/eventTarget:EventTarget", "e", {
      arn: "arn:aws:glue:eu-west-1:123456789012:workflow/project-x-workflow-w",
      roleArn: "arn:aws:iam::123456789012:role/r",
    });
    const p = policies.find((x) => x.name === "glue-event-trigger-wired") as StackValidationPolicy;
    assert.match(
      runStackPolicy(p, [trigger] as never).violations[0],
      /no EventBridge rule targets that workflow/,
    );
    assert.deepEqual(runStackPolicy(p, [trigger, target] as never).violations, []);
    const noRole = { ...target, props: { arn: target.props.arn } };
    assert.match(runStackPolicy(p, [trigger, noRole] as never).violations[0], /without a role/);
  });
});

describe("data-quality rulesets are evaluated after their job, results to the project topic", () => {
  it("plans one evaluator job and a conditional trigger per job, in that job's workflow", () => {
    const loaded = loadProjectSpec(path.join(FIXTURE, "project.yaml"));
    const names = new ProjectIdNames(loaded.spec.projectId);
    const dq = planDataQualityEvaluation(loaded.spec, names, {
      jobRoleArn: "arn:role",
      topicArn: "arn:topic",
    });
    assert.deepEqual(
      dq.jobs.map((j) => [j.name, j.kind]),
      [["dq-evaluate", "pythonShell"]],
    );
    assert.equal(dq.triggers.length, 1);
    const [t] = dq.triggers;
    assert.equal(t.type, "conditional");
    assert.equal(t.workflow, "flow", "the job runs in workflow flow, so its follow-up trigger must too");
    assert.deepEqual(t.conditions, [{ job: "load", state: "SUCCEEDED" }]);
    assert.equal(t.actions.length, 1, "both rulesets check one table: one evaluation run");
    assert.deepEqual(t.actions[0].arguments?.RULESETS.split(","), [
      names.dataQualityRuleset("loaded-complete"),
      names.dataQualityRuleset("loaded-unique"),
    ]);
    assert.equal(t.actions[0].arguments?.TOPIC_ARN, "arn:topic");
    assert.ok(fs.existsSync(evaluatorScript().absolutePath));
  });

  it("rejects afterJob naming an unknown job and reserved names", () => {
    assert.match(
      problemsOf("    afterJob: load\n", "    afterJob: nope\n")[0],
      /dataQuality\[0\]\.afterJob — job "nope" is not defined/,
    );
    assert.match(
      problemsOf("  - name: load\n", "  - name: dq-evaluate\n").join("\n"),
      /jobs\[0\]\.name — "dq-evaluate" is reserved/,
    );
  });

  it("in every project stack: the evaluator runs after its job, may start evaluations, results reach the topic", async () => {
    const stacks = (await repositoryStacks()).filter((s) => s.project === "glue-project" && !s.error);
    for (const s of stacks) {
      const evaluator = ofType(s, T.job).find((j) => String(j.inputs.name).endsWith("-job-dq-evaluate"));
      const rulesets = ofType(s, "aws:glue/dataQualityRuleset:DataQualityRuleset").map((r) =>
        String(r.inputs.name),
      );
      const rules = ofType(s, "aws:cloudwatch/eventRule:EventRule").map((r) => r.inputs);
      if (rulesets.length > 0) {
        const dqRule = rules.find((r) => String(r.name).endsWith("-glue-dq-results"));
        assert.ok(dqRule, `${s.name}: no data-quality results rule`);
        assert.deepEqual(JSON.parse(String(dqRule.eventPattern))["detail-type"], [
          "Data Quality Evaluation Results Available",
        ]);
        const topicPolicy = String(ofType(s, "aws:sns/topicPolicy:TopicPolicy")[0].inputs.policy);
        assert.ok(topicPolicy.includes(String(dqRule.name)), `${s.name}: the topic does not accept the rule`);
      }
      if (!evaluator) continue;
      const triggers = ofType(s, T.trigger).filter((t) =>
        (t.inputs.actions as { jobName?: string }[]).some((a) => a.jobName === evaluator.inputs.name),
      );
      assert.ok(triggers.length > 0, `${s.name}: nothing starts the evaluator`);
      for (const t of triggers) {
        assert.equal(t.inputs.type, "CONDITIONAL");
        for (const a of t.inputs.actions as { arguments: Record<string, string> }[])
          for (const r of a.arguments["--RULESETS"].split(",")) assert.ok(rulesets.includes(r), r);
      }
      const runtime = ofType(s, "aws:iam/policy:Policy").find((p) =>
        String(p.inputs.name).endsWith("-glue-job-runtime"),
      );
      assert.match(String(runtime?.inputs.policy), /glue:StartDataQualityRulesetEvaluationRun/);
    }
  });
});

describe("pack: glue-schedule-aws-cron", () => {
  const run = (type: string, schedule: string | undefined) =>
    runResourcePolicy(policy("glue-schedule-aws-cron"), type, { schedule }).violations;

  it("rejects the issue's examples on triggers and crawlers", () => {
    for (const bad of ["cron(0 * * * *)", "cron(0 2 * * * *)", "cron(99 99 * * ? *)"]) {
      assert.equal(run(T.trigger, bad).length, 1, bad);
      assert.equal(run(T.crawler, bad).length, 1, bad);
    }
  });

  it("accepts valid schedules and refuses ones faster than AWS's 5-minute floor", () => {
    assert.deepEqual(run(T.trigger, "cron(15 12 * * ? *)"), []);
    assert.deepEqual(run(T.trigger, undefined), []);
    assert.deepEqual(run(T.trigger, "cron(0/10 * * * ? *)"), []);
    assert.equal(run(T.trigger, "cron(0/2 * * * ? *)").length, 1);
  });
});
