import { strict as assert } from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../policy-pack/lib/types";
import { runResourcePolicy } from "../support/policyHarness";
import { byName, describeResourceCases } from "../support/policyCases";
import { GLUE_JOB_CASES } from "./cases/glueJobCases";

describe("policy pack: Glue job resource policies (pass, fail, unknown)", () => {
  describeResourceCases(GLUE_JOB_CASES);

  it("ignores resource types a policy does not judge", () => {
    const r = runResourcePolicy(byName("glue-job-timeout") as ResourceValidationPolicy, T.crawler, {});
    assert.deepEqual(r.violations, []);
  });
});
