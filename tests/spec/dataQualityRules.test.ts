/**
 * Rules AWS enforces that the mock runtime cannot see: data-quality rulesets are evaluated after their job. Each is checked at spec validation
 * (file:line) and by a pack policy, and each test here fails if the rule is dropped.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { evaluatorScript, planDataQualityEvaluation } from "../../components/project/dataQuality";
import { ProjectIdNames } from "../../components/naming";
import { loadProjectSpec } from "../../components/spec/validate";
import { T } from "../../policy-pack/lib/types";
import { ofType, repositoryStacks } from "../support/offline";
import { AWS_RULES_FIXTURE, problemsOf } from "../support/awsRules";

describe("data-quality rulesets are evaluated after their job, results to the project topic", () => {
  it("plans one evaluator job and a conditional trigger per job, in that job's workflow", () => {
    const loaded = loadProjectSpec(path.join(AWS_RULES_FIXTURE, "project.yaml"));
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
