/** A platform contract for tests of the pure plan: the given env and scope, three subnets, the
 * platform limits (tests/project/plan.test.ts, tests/spec/schemaDocs.test.ts). */
import { arns } from "../../components/arn";
import { PlatformContract } from "../../components/contract";
import { PLATFORM_LIMITS } from "../../components/limits";
import { LAKE_LAYERS, PlatformNames } from "../../components/naming";

export function contract(
  env: string,
  scope: { partition: string; accountId: string; region: string },
): PlatformContract {
  const names = new PlatformNames(env, scope);
  const azs = ["a", "b", "c"].map((z) => `${scope.region}${z}`);
  return {
    env,
    ...scope,
    organizationId: "",
    vpcId: "vpc-0123456789abcdef0",
    vpcCidr: "10.20.0.0/16",
    privateSubnetIds: azs.map((_, i) => `subnet-0${i}23456789abcdef0`),
    privateSubnetAzs: azs,
    routeTableIds: ["rtb-0123456789abcdef0"],
    endpointIds: { glue: "vpce-0123456789abcdef0" },
    s3GatewayEndpointId: "vpce-0123456789abcdef1",
    s3PrefixListId: "pl-12345678",
    dynamodbPrefixListId: "pl-87654321",
    endpointSecurityGroupId: "sg-0123456789abcdef0",
    platformKeyArn: `arn:${scope.partition}:kms:${scope.region}:${scope.accountId}:key/00000000-0000-4000-8000-000000000000`,
    lakeBuckets: Object.fromEntries(
      LAKE_LAYERS.map((l) => [
        l,
        { name: names.lakeBucket(l), arn: arns.bucket(scope, names.lakeBucket(l)) },
      ]),
    ) as PlatformContract["lakeBuckets"],
    governanceLimits: PLATFORM_LIMITS,
    accessLogBucket: names.accessLogBucket(),
    devPrincipalArnPatterns: [arns.role(scope, "aws-reserved/sso.amazonaws.com/*")],
    costAllocationTagsActive: true,
  };
}
