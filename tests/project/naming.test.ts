import { strict as assert } from "assert";
import * as fc from "fast-check";
import { checkedName, NameLimitError, nameProblem } from "../../components/nameLimits";
import {
  ENVIRONMENTS,
  hasProjectNamePrefix,
  isAccessLogBucket,
  isManagedName,
  LAKE_LAYERS,
  lakeLayerOfBucket,
  PlatformNames,
  PROJECT_BUCKET_PURPOSES,
  projectBucketPurposeOf,
  projectIdOfName,
  ProjectIdNames,
  ProjectNames,
  SHORT_NAME,
} from "../../components/naming";

/** Lowercase UUID v4 strings (the project ids the naming module accepts). */
const projectIds = fc.uuid({ version: 4 });
const shortNames = fc.stringMatching(SHORT_NAME);
const envs = fc.constantFrom(...ENVIRONMENTS);
const scopes = fc.record({
  partition: fc.constantFrom("aws", "aws-cn", "aws-us-gov"),
  accountId: fc.stringMatching(/^[0-9]{12}$/),
  region: fc.constantFrom("eu-west-1", "us-east-1", "ap-southeast-2", "cn-north-1"),
});

describe("naming: direct tests of components/naming.ts", () => {
  it("every project name carries its project id, whatever the id, env and short name", () => {
    fc.assert(
      fc.property(projectIds, envs, shortNames, (id, env, short) => {
        const n = new ProjectNames(id, env);
        const all = [
          n.jobRole(),
          n.crawlerRole(),
          n.devRole(),
          n.job(short),
          n.crawler(short),
          n.workflow(short),
          n.trigger(short),
          n.dataQualityRuleset(short),
          n.connection(),
          n.securityConfiguration(),
          n.topic(),
          n.deadLetterQueue(),
          n.jobStateTable(),
          n.budget(),
          ...PROJECT_BUCKET_PURPOSES.map((p) => n.bucket(p)),
          ...LAKE_LAYERS.map((l) => n.catalogDatabase(l)),
        ];
        for (const name of all) assert.equal(projectIdOfName(name), id, name);
      }),
    );
  });

  it("env-independent names need no environment and equal the env-bound ones", () => {
    fc.assert(
      fc.property(projectIds, envs, shortNames, (id, env, short) => {
        const a = new ProjectIdNames(id);
        const b = new ProjectNames(id, env);
        assert.equal(a.jobRole(), b.jobRole());
        assert.equal(a.job(short), b.job(short));
        assert.equal(a.deadLetterQueue(), b.deadLetterQueue());
        assert.deepEqual(a.logGroupPatterns(), b.logGroupPatterns());
      }),
    );
  });

  it("a name of a kind starts with that kind's prefix and matches that kind's pattern", () => {
    fc.assert(
      fc.property(projectIds, shortNames, (id, short) => {
        const n = new ProjectIdNames(id);
        for (const [kind, name] of [
          ["job", n.job(short)],
          ["crawler", n.crawler(short)],
          ["workflow", n.workflow(short)],
          ["trigger", n.trigger(short)],
          ["dataQualityRuleset", n.dataQualityRuleset(short)],
        ] as const) {
          assert.ok(name.startsWith(n.namePrefix(kind)), name);
          assert.equal(n.namePattern(kind), `${n.namePrefix(kind)}*`);
        }
        assert.ok(n.catalogDatabase("gold").startsWith(n.catalogDatabasePattern().slice(0, -1)));
        // Another project's prefix never covers this project's names.
        const other = new ProjectIdNames(
          id === "00000000-0000-4000-8000-000000000001"
            ? "00000000-0000-4000-8000-000000000002"
            : "00000000-0000-4000-8000-000000000001",
        );
        assert.ok(!n.job(short).startsWith(other.namePrefix("job")));
      }),
    );
  });

  it("bucket names parse back to their layer or purpose", () => {
    fc.assert(
      fc.property(projectIds, envs, scopes, (id, env, scope) => {
        const platform = new PlatformNames(env, scope);
        for (const layer of LAKE_LAYERS) assert.equal(lakeLayerOfBucket(platform.lakeBucket(layer)), layer);
        assert.equal(lakeLayerOfBucket(platform.accessLogBucket()), undefined);
        assert.equal(isAccessLogBucket(platform.accessLogBucket()), true);
        assert.equal(isAccessLogBucket(platform.lakeBucket("bronze")), false);
        const n = new ProjectNames(id, env);
        for (const p of PROJECT_BUCKET_PURPOSES) {
          assert.equal(projectBucketPurposeOf(n.bucket(p), id), p);
          assert.equal(lakeLayerOfBucket(n.bucket(p)), undefined);
        }
        assert.equal(projectBucketPurposeOf(platform.lakeBucket("gold"), id), undefined);
      }),
    );
  });

  it("managed names are project, lake and platform names, nothing else", () => {
    const platform = new PlatformNames("dev", {
      partition: "aws",
      accountId: "123456789012",
      region: "eu-west-1",
    });
    for (const name of [platform.lakeBucket("silver"), platform.trail(), platform.flowLogRole(), "project-x"])
      assert.equal(isManagedName(name), true, name);
    for (const name of ["glue-lakehouse", "my-project-bucket", "platform-glue"])
      assert.equal(isManagedName(name), false, name);
    assert.equal(hasProjectNamePrefix("project-x"), true);
    assert.equal(projectIdOfName("project-x-job-a"), undefined);
  });

  it("refuses a name over its AWS limit and a project id that is not a UUID v4", () => {
    assert.match(nameProblem("iamRole", "r".repeat(65)) ?? "", /65 characters; an IAM role name .* 1–64/);
    assert.throws(() => checkedName("s3Bucket", "Upper-Case"), NameLimitError);
    assert.throws(() => new ProjectIdNames("not-a-uuid"), /not a lowercase UUID v4/);
    const n = new ProjectIdNames("0b8f1c52-3c1e-4f7a-9a55-0d5c2f3b8a10");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), (length) => {
        const short = "a".repeat(length);
        const fits = n.namePrefix("job").length + length <= 255;
        if (fits) assert.equal(n.job(short).length, n.namePrefix("job").length + length);
        else assert.throws(() => n.job(short), /an Glue name \(1–255, single line\) must be 1–255/);
      }),
    );
  });
});
