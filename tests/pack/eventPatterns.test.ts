/** EventBridge patterns judged semantically (policy-pack/lib/eventPattern.ts): the project
 * component's own patterns are confined to the project; every way of widening one is not. */
import { strict as assert } from "assert";
import { dataQualityResultsPattern, objectCreatedPattern } from "../../components/project/operationsPlan";
import { ProjectNames, PlatformNames } from "../../components/naming";
import { alternativeProblem, patternAlternatives } from "../../policy-pack/lib/eventPattern";

const names = new ProjectNames("7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6", "dev");
const other = new ProjectNames("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", "dev");
const lake = new PlatformNames("dev", { accountId: "123456789012", region: "eu-west-1", partition: "aws" });
const problems = (pattern: unknown) =>
  patternAlternatives(pattern)
    .map((a) => alternativeProblem(a, names.prefix))
    .filter(Boolean);

describe("event patterns: only the project's own events", () => {
  it("accepts the patterns the project component builds", () => {
    assert.deepEqual(problems(dataQualityResultsPattern(names.dataQualityRuleset(""))), []);
    assert.deepEqual(
      problems(
        objectCreatedPattern({
          bucket: lake.lakeBucket("bronze"),
          keyPrefix: names.lakePrefix(),
        }),
      ),
      [],
    );
  });

  const job = (m: unknown) => ({ source: ["aws.glue"], detail: { jobName: [m] } });
  const refused: [string, unknown][] = [
    ["no source", { detail: { jobName: [names.job("a")] } }],
    ["another project's job", job(other.job("a"))],
    ["a partial prefix", job({ prefix: "project-0f1e" })],
    ["a suffix", job({ suffix: "-job-a" })],
    ["anything-but", job({ "anything-but": names.job("a") })],
    ["exists", job({ exists: true })],
    ["a wildcard before the prefix", job({ wildcard: "project-*-job-a" })],
    ["a source prefix", { source: [{ prefix: "aws." }], detail: { jobName: [names.job("a")] } }],
    ["a source not allowed", { source: ["aws.ec2"], detail: { jobName: [names.job("a")] } }],
    [
      "an unpinned $or branch",
      {
        source: ["aws.glue"],
        $or: [{ detail: { jobName: [names.job("a")] } }, { detail: { state: ["FAILED"] } }],
      },
    ],
    [
      "a lake bucket without key",
      { source: ["aws.s3"], detail: { bucket: { name: [lake.lakeBucket("gold")] } } },
    ],
    [
      "another project's lake folder",
      {
        source: ["aws.s3"],
        detail: {
          bucket: { name: [lake.lakeBucket("gold")] },
          object: { key: [{ prefix: other.lakePrefix() }] },
        },
      },
    ],
    ["a second source left open", { source: ["aws.glue", "aws.s3"], detail: { jobName: [names.job("a")] } }],
  ];
  for (const [what, pattern] of refused)
    it(`refuses ${what}`, () => assert.ok(problems(pattern).length > 0, JSON.stringify(pattern)));

  it("accepts exact, prefix, ignore-case and wildcard matchers that start with the prefix, and nested $or", () => {
    for (const m of [
      names.job("a"),
      { prefix: `${names.prefix}-job-` },
      { "equals-ignore-case": names.job("A").toUpperCase() },
      { wildcard: `${names.prefix}-job-*` },
    ])
      assert.deepEqual(problems(job(m)), [], JSON.stringify(m));
    assert.deepEqual(
      problems({
        source: ["aws.glue"],
        $or: [
          { detail: { jobName: [names.job("a")] } },
          { detail: { crawlerName: [{ prefix: names.prefix }] } },
        ],
      }),
      [],
    );
  });

  it("refuses invalid JSON", () => assert.throws(() => patternAlternatives("{")));
});
