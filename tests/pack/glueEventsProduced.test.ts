/** Which events a job's or crawler's activity may produce (S3 objects under the locations its
 * arguments name, catalog changes, data-quality results) and which patterns may match them: the
 * EventBridge edges glue-trigger-graph adds beyond state changes (the corpus covers whole loops). */
import { strict as assert } from "assert";
import { PolicyResource } from "@pulumi/policy";
import { patternMayMatch } from "../../policy-pack/lib/eventLoopEdges";
import { eventsProducedBy } from "../../policy-pack/lib/glueEventsProduced";
import { T } from "../../policy-pack/lib/types";
import { UNKNOWN } from "../../policy-pack/lib/values";

const res = (type: string, props: Record<string, unknown>): PolicyResource =>
  ({
    type,
    props,
    urn: `urn:${type}:${String(props.name)}`,
    name: String(props.name),
  }) as unknown as PolicyResource;

const resources = [
  res(T.job, {
    name: "p-job-orders",
    defaultArguments: {
      "--OUT": "s3://lake-bronze/p/landing/clean/",
      "--LAKE_BRONZE": "s3://lake-bronze/p/",
    },
  }),
  res(T.crawler, { name: "p-crawler-orders", databaseName: "p-db-bronze" }),
  res(T.trigger, {
    name: "t",
    actions: [{ jobName: "p-job-orders", arguments: { "--tmp": "S3://p-temp/x/" } }],
  }),
];
const events = eventsProducedBy(resources);
const s3 = (bucket: string, key: unknown[]) =>
  JSON.stringify({ source: ["aws.s3"], detail: { bucket: { name: [bucket] }, object: { key } } });

describe("events a project's Glue activity produces", () => {
  it("a job's objects lie under every location its own and its triggers' arguments name", () => {
    const job = events("job:p-job-orders");
    for (const key of [
      [{ prefix: "p/landing/" }],
      [{ prefix: "p/landing/clean/x" }],
      ["p/landing/clean/a.json"],
    ])
      assert.equal(patternMayMatch(s3("lake-bronze", key), job), true, JSON.stringify(key));
    assert.equal(
      patternMayMatch(s3("p-temp", [{ prefix: "x/" }]), job),
      true,
      "trigger argument, any scheme case",
    );
    assert.equal(patternMayMatch(s3("lake-bronze", [{ suffix: ".json" }]), job), true, "suffix: may match");
    // Not under what it writes: another prefix, another bucket, or only the platform's read roots.
    for (const [bucket, key] of [
      ["lake-bronze", [{ prefix: "p/raw/" }]],
      ["lake-bronze", ["p/landing/other.json"]],
      ["lake-silver", [{ prefix: "p/landing/" }]],
    ] as const)
      assert.equal(patternMayMatch(s3(bucket, [...key]), job), false, `${bucket} ${JSON.stringify(key)}`);
    assert.equal(
      patternMayMatch(s3("lake-bronze", [{ prefix: "p/" }]), job),
      true,
      "covers the written prefix",
    );
  });

  it("a job may produce data-quality results and catalog changes of any database; a crawler of its own", () => {
    const dq = JSON.stringify({
      source: ["aws.glue-dataquality"],
      "detail-type": ["Data Quality Evaluation Results Available"],
      detail: { rulesetNames: [{ prefix: "p-" }] },
    });
    const catalog = (db: string) =>
      JSON.stringify({
        source: ["aws.glue"],
        "detail-type": ["Glue Data Catalog Table State Change"],
        detail: { databaseName: [db] },
      });
    assert.equal(patternMayMatch(dq, events("job:p-job-orders")), true);
    assert.equal(patternMayMatch(dq, events("crawler:p-crawler-orders")), false);
    assert.equal(patternMayMatch(catalog("p-db-gold"), events("job:p-job-orders")), true);
    assert.equal(patternMayMatch(catalog("p-db-bronze"), events("crawler:p-crawler-orders")), true);
    assert.equal(patternMayMatch(catalog("p-db-gold"), events("crawler:p-crawler-orders")), false);
    assert.equal(
      patternMayMatch(s3("lake-bronze", [{ prefix: "p/" }]), events("crawler:p-crawler-orders")),
      false,
    );
  });

  it("an argument map unknown at preview may name any location; no arguments name none", () => {
    const produced = eventsProducedBy([
      res(T.job, { name: "p-job-x", defaultArguments: UNKNOWN }),
      res(T.job, { name: "p-job-y" }),
    ]);
    assert.equal(patternMayMatch(s3("lake-bronze", [{ prefix: "p/" }]), produced("job:p-job-x")), true);
    assert.equal(patternMayMatch(s3("lake-bronze", [{ prefix: "p/" }]), produced("job:p-job-y")), false);
  });
});
