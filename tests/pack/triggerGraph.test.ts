/** glue-trigger-graph (no loops of conditional triggers; event batching floor) and
 * glue-workflow-run-properties (run properties name nothing outside the project). */
import { strict as assert } from "assert";
import {
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
  unknownCheckingProxy,
} from "@pulumi/policy";
import { MIN_EVENT_BATCH_SIZE, MIN_EVENT_BATCH_WINDOW_SECONDS } from "../../components/limits";
import { policies } from "../../policy-pack/policies";
import { runResourcePolicy, runStackPolicy, asFixtureProjectStack } from "../support/policyHarness";

const policy = policies.find((p) => p.name === "glue-trigger-graph") as StackValidationPolicy;
const TRIGGER = "aws:glue/trigger:Trigger";

function trigger(name: string, props: Record<string, unknown>): PolicyResource {
  return {
    type: TRIGGER,
    props: unknownCheckingProxy({ name, ...props }) as Record<string, unknown>,
    urn: `urn:pulumi:test::test::${TRIGGER}::${name}`,
    name,
    opts: {} as PolicyResource["opts"],
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: (() => undefined) as PolicyResource["asType"],
  };
}

const after = (name: string, watched: string, started: { jobName?: string; crawlerName?: string }) =>
  trigger(name, {
    type: "CONDITIONAL",
    predicate: { conditions: [{ jobName: watched, state: "SUCCEEDED" }] },
    actions: [started],
  });
const judge = (rs: PolicyResource[]) => runStackPolicy(policy, rs).violations;

describe("glue-trigger-graph", () => {
  it("passes a one-way chain and an event trigger at the floor", () => {
    assert.deepEqual(
      judge([
        after("t1", "a", { jobName: "b" }),
        after("t2", "b", { jobName: "c" }),
        after("t3", "a", { jobName: "c" }),
        trigger("ev", {
          type: "EVENT",
          eventBatchingConditions: [
            { batchSize: MIN_EVENT_BATCH_SIZE, batchWindow: MIN_EVENT_BATCH_WINDOW_SECONDS },
          ],
        }),
        trigger("ev-default-window", { type: "EVENT", eventBatchingConditions: [{ batchSize: 50 }] }),
      ]),
      [],
    );
  });

  it("refuses a self-loop and a cycle through several triggers, naming each trigger on it", () => {
    assert.equal(judge([after("self", "a", { jobName: "a" })]).length, 1);
    const v = judge([
      after("t1", "a", { jobName: "b" }),
      after("t2", "b", { jobName: "c" }),
      after("t3", "c", { jobName: "a" }),
      after("off", "c", { jobName: "d" }),
    ]);
    assert.equal(v.length, 3, JSON.stringify(v));
    assert.ok(!v.some((m) => m.includes("'off'")));
  });

  it("refuses event triggers without batching or below either floor, and honours the configured floor", () => {
    assert.equal(judge([trigger("none", { type: "EVENT" })]).length, 1);
    assert.equal(
      judge([
        trigger("size", { type: "EVENT", eventBatchingConditions: [{ batchSize: 1, batchWindow: 900 }] }),
      ]).length,
      1,
    );
    assert.equal(
      judge([
        trigger("win", { type: "EVENT", eventBatchingConditions: [{ batchSize: 100, batchWindow: 1 }] }),
      ]).length,
      1,
    );
    const loose = runStackPolicy(
      policy,
      [trigger("win", { type: "EVENT", eventBatchingConditions: [{ batchSize: 1, batchWindow: 1 }] })],
      { minEventBatchSize: 1, minEventBatchWindowSeconds: 1 },
    );
    assert.deepEqual(loose.violations, []);
  });
});

describe("glue-workflow-run-properties", () => {
  const rp = policies.find((p) => p.name === "glue-workflow-run-properties") as ResourceValidationPolicy;
  const ID = "7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6";
  const P = `project-${ID}`;
  const judgeProps = (defaultRunProperties: Record<string, string>): string[] => {
    return asFixtureProjectStack(
      () =>
        runResourcePolicy(rp, "aws:glue/workflow:Workflow", {
          name: `${P}-workflow-w`,
          defaultRunProperties,
        }).violations,
    );
  };

  it("passes plain names and project locations", () => {
    assert.deepEqual(
      judgeProps({
        ENV: "dev",
        OUT: `s3://${P}-temp-dev/x/`,
        LAKE: `s3://glue-lake-silver-123456789012-eu-west-1-dev/${P}/orders/`,
      }),
      [],
    );
  });

  it("refuses Glue parameter names, foreign buckets, other projects' lake folders and other URL schemes", () => {
    assert.equal(judgeProps({ "--extra-jars": "x" }).length, 1);
    assert.equal(judgeProps({ LIB: "s3://public-libs/udf.jar" }).length, 1);
    assert.equal(
      judgeProps({ LAKE: "s3://glue-lake-silver-123456789012-eu-west-1-dev/project-x/" }).length,
      1,
    );
    assert.equal(judgeProps({ HOOK: "https://example.net/x" }).length, 1);
  });
});
