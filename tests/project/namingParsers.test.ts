/** The name parsers the policy pack uses (components/naming.ts) read exactly what ProjectNames and
 * PlatformNames write, and nothing of another project. */
import { strict as assert } from "assert";
import {
  catalogDatabaseLayerOf,
  inProjectLakeFolder,
  isAccessLogBucket,
  lakeLayerOfBucket,
  LAKE_LAYERS,
  parseProjectName,
  PlatformNames,
  projectBucketPurposeOf,
  projectIdsMentioned,
  projectPrefixFragments,
  ProjectNames,
  PROJECT_BUCKET_PURPOSES,
} from "../../components/naming";

const ID = "7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6";
const OTHER = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
const own = new ProjectNames(ID, "dev");
const platform = new PlatformNames("dev", {
  accountId: "123456789012",
  region: "eu-west-1",
  partition: "aws",
});

describe("naming parsers", () => {
  it("read back what the name builders write", () => {
    assert.deepEqual(parseProjectName(own.job("orders")), { projectId: ID, rest: "job-orders" });
    assert.equal(parseProjectName("project-not-a-uuid-job-x"), undefined);
    for (const l of LAKE_LAYERS) {
      assert.equal(catalogDatabaseLayerOf(own.catalogDatabase(l), ID), l);
      assert.equal(catalogDatabaseLayerOf(own.catalogDatabase(l), OTHER), undefined);
      assert.equal(lakeLayerOfBucket(platform.lakeBucket(l)), l);
      assert.ok(inProjectLakeFolder(`s3://${platform.lakeBucket(l)}/${own.lakePrefix()}t/`, l, "dev", ID));
      assert.ok(!inProjectLakeFolder(`s3://${platform.lakeBucket(l)}/project-${OTHER}/t/`, l, "dev", ID));
      assert.ok(!inProjectLakeFolder(`s3://${platform.lakeBucket(l)}/${own.lakePrefix()}t/`, l, "prod", ID));
    }
    for (const p of PROJECT_BUCKET_PURPOSES) {
      assert.equal(projectBucketPurposeOf(own.bucket(p), ID), p);
      assert.equal(projectBucketPurposeOf(own.bucket(p), OTHER), undefined);
    }
    assert.ok(isAccessLogBucket(platform.accessLogBucket()));
    assert.ok(!isAccessLogBucket(platform.lakeBucket("gold")));
  });

  it("find full and partial project prefixes in text", () => {
    assert.deepEqual(projectIdsMentioned(`a ${own.job("x")} b PROJECT-${OTHER.toUpperCase()}`), [ID, OTHER]);
    assert.deepEqual(projectPrefixFragments("s3://b/project-0f1e2d3c/x and project-data"), ["0f1e2d3c"]);
  });
});
