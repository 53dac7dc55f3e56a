/** Arguments judged by their meaning wherever they can be set: the runtime context arguments the job
 * builder locks, and the data-quality evaluator's arguments. */
import { strict as assert } from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy-pack/policies";
import { asFixtureProjectStack, runResourcePolicy } from "../support/policyHarness";
import { expectedRuntimeContextArguments } from "../../components/glue/runtimeContext";
import { PlatformNames } from "../../components/naming";
import { T } from "../../policy-pack/lib/types";

const PROJECT = "7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6"; // tests/fixtures/project/project.yaml
const P = `project-${PROJECT}`;
const FACTS = { accountId: "123456789012", region: "eu-west-1", partition: "aws" };
const policy = (name: string) => policies.find((p) => p.name === name) as ResourceValidationPolicy;
const CONTEXT = policy("glue-runtime-context-arguments");
const DQ = policy("glue-dq-evaluator-arguments");
const judge = (
  p: ResourceValidationPolicy,
  type: string,
  props: Record<string, unknown>,
  config: object = FACTS,
) => asFixtureProjectStack(() => runResourcePolicy(p, type, props, { config }).violations);

const expected = expectedRuntimeContextArguments({
  projectId: PROJECT,
  env: "dev",
  scope: FACTS,
  lakeBucket: (l) => new PlatformNames("dev", FACTS).lakeBucket(l),
});

describe("runtime context arguments are pinned wherever they are set", () => {
  it("computes every locked context argument, with the project's own values", () => {
    assert.equal(expected["--KEY_ALIAS"], `alias/${P}-glue-dev`);
    assert.equal(expected["--DB_SILVER"], `${P}-catalog-db-silver`);
    assert.equal(expected["--TOPIC_ARN"], `arn:aws:sns:eu-west-1:123456789012:${P}-glue-notifications`);
    assert.equal(expected["--DLQ_URL"], `https://sqs.eu-west-1.amazonaws.com/123456789012/${P}-glue-dlq`);
    assert.equal(expected["--LAKE_GOLD"], `s3://glue-lake-gold-123456789012-eu-west-1-dev/${P}/`);
  });

  it("passes the exact values in a job, a trigger action and a run property", () => {
    assert.deepEqual(judge(CONTEXT, T.job, { name: `${P}-job-a`, nonOverridableArguments: expected }), []);
    const action = { jobName: `${P}-job-a`, arguments: { "--ENV": "dev", "--INPUT": "x" } };
    assert.deepEqual(judge(CONTEXT, T.trigger, { actions: [action] }), []);
    assert.deepEqual(
      judge(CONTEXT, T.workflow, { defaultRunProperties: { STATE_TABLE: `${P}-glue-job-state` } }),
      [],
    );
  });

  it("refuses any other value in every place, naming the project's value", () => {
    const cases: [string, Record<string, unknown>][] = [
      [T.job, { nonOverridableArguments: { ...expected, "--KEY_ALIAS": "alias/aws/s3" } }],
      [T.job, { defaultArguments: { "--DB_SILVER": "default" } }],
      [
        T.trigger,
        {
          actions: [
            {
              jobName: `${P}-job-a`,
              arguments: { "--DLQ_URL": "https://sqs.eu-west-1.amazonaws.com/123456789012/shared" },
            },
          ],
        },
      ],
      [T.workflow, { defaultRunProperties: { TOPIC_ARN: "arn:aws:sns:eu-west-1:123456789012:ops" } }],
    ];
    for (const [type, props] of cases) {
      const v = judge(CONTEXT, type, props);
      assert.equal(v.length, 1, JSON.stringify(props));
      assert.match(v[0], /but the runtime context argument --\w+ of this project is "/);
    }
  });

  it("fails closed without the platform facts", () => {
    const v = judge(CONTEXT, T.job, { nonOverridableArguments: expected }, {});
    assert.match(v.join(), /platform fact/);
  });
});

describe("the data-quality evaluator's arguments mean what it does with them", () => {
  const evaluator = `${P}-job-dq-evaluate`;
  const good = {
    "--RULESETS": `${P}-dq-orders`,
    "--DATABASE": `${P}-catalog-db-silver`,
    "--TABLE": "orders",
    "--ROLE_ARN": `arn:aws:iam::123456789012:role/${P}-glue-job-role`,
    "--TOPIC_ARN": `arn:aws:sns:eu-west-1:123456789012:${P}-glue-notifications`,
    "--TIMEOUT_MINUTES": "30",
  };
  const trigger = (args: Record<string, string>, jobName = evaluator) => ({
    actions: [{ jobName, arguments: args }],
  });

  it("passes the project's own role, database, table, rulesets, topic and a short timeout", () => {
    assert.deepEqual(judge(DQ, T.trigger, trigger(good)), []);
    assert.deepEqual(judge(DQ, T.job, { name: evaluator, defaultArguments: { "--ENV": "dev" } }), []);
  });

  it("refuses each argument outside its meaning, in a trigger or on the job", () => {
    const bad: Record<string, string> = {
      "--ROLE_ARN": "arn:aws:iam::123456789012:role/service-role/AWSGlueServiceRole-Admin",
      "--DATABASE": "finance_hr",
      "--TABLE": "finance_hr.payroll",
      "--RULESETS": `${P}-dq-orders,shared-ruleset`,
      "--TOPIC_ARN": "arn:aws:sns:eu-west-1:123456789012:ops",
      "--TIMEOUT_MINUTES": "2880",
      "--EXTRA": "x",
    };
    for (const [k, v] of Object.entries(bad)) {
      assert.equal(judge(DQ, T.trigger, trigger({ ...good, [k]: v })).length, 1, k);
      assert.equal(judge(DQ, T.job, { name: evaluator, defaultArguments: { [k]: v } }).length, 1, k);
    }
    assert.equal(judge(DQ, T.trigger, trigger({ ...good, "--TIMEOUT_MINUTES": "0" })).length, 1);
  });

  it("leaves other jobs' own parameters to their own rules", () => {
    assert.deepEqual(judge(DQ, T.trigger, trigger({ "--DATABASE": "anything" }, `${P}-job-orders`)), []);
  });
});
