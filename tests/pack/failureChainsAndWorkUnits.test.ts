/** Runs started on failure are retries (failure edges of triggers and event targets), and jobs of one
 * script / crawlers of overlapping targets are one unit of work for the schedule floor. The corpus
 * covers the policies end to end (glue-failure-chain-retries, schedule-floor-same-work). */
import { strict as assert } from "assert";
import { PolicyResource } from "@pulumi/policy";
import { failureEdges, nodeCost } from "../../policy-pack/lib/failureChains";
import { workUnits } from "../../policy-pack/lib/workUnits";
import { T } from "../../policy-pack/lib/types";

const res = (type: string, props: Record<string, unknown>): PolicyResource =>
  ({
    type,
    props,
    urn: `urn:${type}:${String(props.name)}`,
    name: String(props.name),
    propertyDependencies: {},
  }) as unknown as PolicyResource;
const conditional = (name: string, condition: Record<string, string>, job: string) =>
  res(T.trigger, {
    name,
    type: "CONDITIONAL",
    predicate: { conditions: [condition] },
    actions: [{ jobName: job }],
  });

describe("failure chains and units of work", () => {
  it("every state but SUCCEEDED starts a retry; SUCCEEDED chains are not retries", () => {
    const edges = failureEdges([
      conditional("a", { jobName: "j1", state: "FAILED" }, "j2"),
      conditional("b", { jobName: "j2", state: "STOPPED" }, "j3"),
      conditional("c", { crawlerName: "c1", crawlState: "CANCELLED" }, "j4"),
      conditional("d", { jobName: "j1", state: "SUCCEEDED" }, "j5"),
    ]);
    assert.deepEqual(
      edges.map((e) => `${e.from}>${e.to}`),
      ["job:j1>job:j2", "job:j2>job:j3", "crawler:c1>job:j4"],
    );
  });

  it("a node runs 1 + maxRetries attempts at its longest timeout, unknowns at the caps", () => {
    const caps = { maxRetries: 1, maxTimeoutMinutes: 480 };
    const resources = [
      res(T.job, { name: "j1", maxRetries: 1, timeout: 60 }),
      res(T.trigger, { name: "t", actions: [{ jobName: "j1", timeout: 90 }] }),
    ];
    assert.deepEqual(nodeCost(resources, "job:j1", caps), { attempts: 2, minutes: 180 });
    assert.deepEqual(nodeCost(resources, "job:unknown", caps), { attempts: 2, minutes: 960 });
    assert.deepEqual(nodeCost(resources, "crawler:c", caps), { attempts: 1, minutes: 0 });
  });

  it("groups jobs by canonical script and crawlers by overlapping targets", () => {
    const job = (name: string, scriptLocation: string) => res(T.job, { name, command: { scriptLocation } });
    const crawler = (name: string, path: string) => res(T.crawler, { name, s3Targets: [{ path }] });
    const units = workUnits([
      job("a", "s3://b/jobs/x.py"),
      job("b", "s3a://B/jobs/./y/../x.py"),
      job("c", "s3://b/jobs/y.py"),
      crawler("k1", "s3://lake/p/orders/"),
      crawler("k2", "s3://lake/p/orders/year=2024/"),
      crawler("k3", "s3://lake/p/customers/"),
      res(T.crawler, { name: "k4", catalogTargets: [{ databaseName: "db", tables: ["t"] }] }),
      res(T.crawler, { name: "k5", catalogTargets: [{ databaseName: "db", tables: ["t", "u"] }] }),
    ]);
    assert.deepEqual(units.map((u) => u.sort()).sort(), [
      ["crawler k1", "crawler k2"],
      ["crawler k4", "crawler k5"],
      ["job a", "job b"],
    ]);
  });
});
