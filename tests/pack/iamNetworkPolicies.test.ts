import { strict as assert } from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../policy-pack/lib/types";
import { runResourcePolicy } from "../support/policyHarness";
import { byName, describeResourceCases } from "../support/policyCases";
import { IAM_NETWORK_CASES } from "./cases/iamNetworkCases";

describe("policy pack: IAM and network resource policies (pass, fail, unknown)", () => {
  describeResourceCases(IAM_NETWORK_CASES);

  it("network-no-internet-path blocks internet and NAT gateways outright", () => {
    for (const type of [T.internetGateway, T.natGateway]) {
      const r = runResourcePolicy(byName("network-no-internet-path") as ResourceValidationPolicy, type, {
        vpcId: "vpc-1",
      });
      assert.match(r.violations[0], /would give the private data network a path out of the VPC/);
    }
  });
});
