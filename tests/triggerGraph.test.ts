/** glue-trigger-graph: conditional triggers form no loop; event triggers batch above the floor. */
import { strict as assert } from "assert";
import { PolicyResource, StackValidationPolicy, unknownCheckingProxy } from "@pulumi/policy";
import { MIN_EVENT_BATCH_SIZE, MIN_EVENT_BATCH_WINDOW_SECONDS } from "../components/limits";
import { policies } from "../policy-pack/policies";
import { runStackPolicy } from "./support/policyHarness";

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
