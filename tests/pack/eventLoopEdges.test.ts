/** Which EventBridge patterns may match a Glue job's or crawler's state change (the run-graph edges
 * glue-trigger-graph adds through EventBridge; the corpus covers whole loops). */
import { strict as assert } from "assert";
import { patternMayMatch } from "../../policy-pack/lib/eventLoopEdges";
import { UNKNOWN } from "../../policy-pack/lib/values";

const JOB = "job:p-job-orders";
const CRAWLER = "crawler:p-crawler-orders";
const glue = (detail: Record<string, unknown>, detailType = "Glue Job State Change") =>
  JSON.stringify({ source: ["aws.glue"], "detail-type": [detailType], detail });

describe("EventBridge edges of the run graph", () => {
  it("matches the job or crawler a pattern names, by each operator", () => {
    const matching = [
      glue({ jobName: ["p-job-orders"] }),
      glue({ jobName: [{ prefix: "p-job-" }] }),
      glue({ jobName: [{ suffix: "-orders" }] }),
      glue({ jobName: [{ wildcard: "p-*-orders" }] }),
      glue({ jobName: [{ "equals-ignore-case": "P-JOB-ORDERS" }] }),
      glue({ jobName: [{ "anything-but": ["p-job-other"] }] }),
      glue({ jobName: [{ exists: true }] }),
      glue({ state: ["FAILED"] }),
      JSON.stringify({ source: ["aws.glue"] }),
      JSON.stringify({ $or: [{ source: ["aws.s3"] }, { source: [{ prefix: "aws.gl" }] }] }),
    ];
    for (const p of matching) assert.equal(patternMayMatch(p, JOB), true, p);
    assert.equal(
      patternMayMatch(glue({ crawlerName: [{ prefix: "p-crawler" }] }, "Glue Crawler State Change"), CRAWLER),
      true,
    );
  });

  it("does not match other names, other sources or another kind's events", () => {
    const other = [
      glue({ jobName: ["p-job-other"] }),
      glue({ jobName: [{ prefix: "q-" }] }),
      glue({ jobName: [{ "anything-but": { prefix: "p-job-" } }] }),
      glue({ jobName: [{ exists: false }] }),
      glue({ jobName: ["p-job-orders"] }, "Glue Crawler State Change"),
      JSON.stringify({ source: ["aws.s3"], detail: { jobName: ["p-job-orders"] } }),
    ];
    for (const p of other) assert.equal(patternMayMatch(p, JOB), false, p);
    assert.equal(patternMayMatch(glue({ jobName: [{ prefix: "p-" }] }), CRAWLER), false);
  });

  it("treats what it cannot read as a match (default-deny)", () => {
    for (const p of [UNKNOWN, undefined, "{not json", glue({ jobName: [{ numeric: [">", 0] }] })])
      assert.equal(patternMayMatch(p, JOB), true, String(p));
    assert.equal(patternMayMatch(glue({ jobName: [{ "anything-but": { future: "x" } }] }), JOB), true);
  });
});
