import { strict as assert } from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../policy-pack/lib/types";
import { runResourcePolicy } from "../support/policyHarness";
import { ResourceCase, baseProps, byName, describeResourceCases } from "../support/policyCases";
import { STORAGE_CASES } from "./cases/storageCases";

describe("policy pack: S3, KMS, tag and protection resource policies (pass, fail, unknown)", () => {
  describeResourceCases(STORAGE_CASES);

  it("prod-data-protected blocks an unprotected bucket", async () => {
    const { props } = await baseProps(
      STORAGE_CASES.find((c) => c.policy === "prod-data-protected") as ResourceCase,
    );
    const r = runResourcePolicy(byName("prod-data-protected") as ResourceValidationPolicy, T.bucket, props, {
      protect: false,
    });
    assert.match(r.violations[0], /is not protected\. Fix: add the resource option protect: true/);
  });

  it("s3-no-deprecated-bucket-types blocks the V2 types", () => {
    const r = runResourcePolicy(
      byName("s3-no-deprecated-bucket-types") as ResourceValidationPolicy,
      T.bucketV2,
      { bucket: "x" },
    );
    assert.match(r.violations[0], /uses a deprecated S3 V2 resource type/);
  });
});
