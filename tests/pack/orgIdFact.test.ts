/** The organizationId platform fact: an aws:PrincipalOrgID condition pins callers only when it names
 * the platform's organization; without the fact it pins nothing (fail closed). The fact is optional
 * in the platform's outputs (a platform outside any organization). */
import { strict as assert } from "assert";
import { StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy-pack/policies";
import { factsFromOutputs } from "../../tools/gate/platformFacts";
import { CapturedResource } from "../../tools/runner/runStack";
import { runStackPolicy } from "../support/policyHarness";

const policy = policies.find((p) => p.name === "iam-resource-policy-scope") as StackValidationPolicy;
const P = "project-7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6";
const ORG = "o-a1b2c3d4e5";

function bucketPolicy(condition: object): CapturedResource[] {
  const policyDoc = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: `arn:aws:s3:::${P}-artifacts-dev/*`,
        Condition: condition,
      },
    ],
  };
  const inputs = { bucket: `${P}-artifacts-dev`, policy: JSON.stringify(policyDoc) };
  return [
    {
      urn: `urn:pulumi:s::p::aws:s3/bucketPolicy:BucketPolicy::bp`,
      type: "aws:s3/bucketPolicy:BucketPolicy",
      name: "bp",
      custom: true,
      read: false,
      inputs,
      outputs: inputs,
      parent: undefined,
      dependencies: [],
      propertyDependencies: {},
      protect: false,
      retainOnDelete: false,
      ignoreChanges: [],
      aliases: [],
      additionalSecretOutputs: [],
    },
  ];
}

const org = (id: string) => ({ StringEquals: { "aws:PrincipalOrgID": id } });
const config = (extra: object = {}) => ({ accountId: "123456789012", ...extra });

describe("organizationId fact: organization conditions pin only the platform's organization", () => {
  it("without the fact, an organization-only pin is refused, naming the fact", () => {
    const out = runStackPolicy(policy, bucketPolicy(org(ORG)), config());
    assert.ok(
      out.violations.some((v) => /"organizationId" is not in the policy config/.test(v)),
      out.violations.join("\n"),
    );
  });
  it("with the fact, the platform's organization pins and another one does not", () => {
    assert.deepEqual(
      runStackPolicy(policy, bucketPolicy(org(ORG)), config({ organizationId: ORG })).violations,
      [],
    );
    const foreign = runStackPolicy(
      policy,
      bucketPolicy(org("o-zzzzzzzzzz")),
      config({ organizationId: ORG }),
    );
    assert.ok(
      foreign.violations.some((v) => /not the platform's organization o-a1b2c3d4e5/.test(v)),
      foreign.violations.join("\n"),
    );
  });
  it("is optional in the platform's outputs; the others are not", () => {
    const outputs = {
      accountId: "123456789012",
      env: "dev",
      partition: "aws",
      region: "eu-west-1",
      vpcId: "vpc-1",
      vpcCidr: "10.0.0.0/16",
      privateSubnetIds: ["subnet-1"],
      routeTableIds: ["rtb-1"],
      endpointSecurityGroupId: "sg-1",
      s3PrefixListId: "pl-1",
      dynamodbPrefixListId: "pl-2",
      platformKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/x",
      devPrincipalArnPatterns: ["arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*"],
    };
    assert.equal(factsFromOutputs({ ...outputs, organizationId: "" }).organizationId, undefined);
    assert.equal(factsFromOutputs({ ...outputs, organizationId: ORG }).organizationId, ORG);
    assert.throws(() => factsFromOutputs({ ...outputs, accountId: "" }), /accountId/);
  });
});
