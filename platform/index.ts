/**
 * Platform stack program (`Pulumi.yaml` main). Exported as an async function: the Pulumi CLI calls it
 * and uses the returned object, exactly the platform contract, as the stack outputs.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountScope, arns } from "../components/arn";
import { ContractOutputs, contractOutputs } from "../components/contract";
import { PLATFORM_LIMITS } from "../components/limits";
import { keyPolicy, ManagedKey } from "../components/managedKey";
import { PLATFORM_PROJECT, PlatformNames } from "../components/naming";
import { platformTags } from "../components/tags";
import { CloudTrailLog, cloudTrailKeyStatement } from "./trail";
import { parsePlatformConfig } from "./config";
import { DataLake } from "./lake";
import { PlatformNetwork } from "./network";

async function main(): Promise<ContractOutputs> {
  const cfg = new pulumi.Config(PLATFORM_PROJECT);
  const config = parsePlatformConfig((k) => cfg.get(k), pulumi.getStack());

  const [identity, region, partition, zones] = await Promise.all([
    aws.getCallerIdentity(),
    aws.getRegion(),
    aws.getPartition(),
    aws.getAvailabilityZones({ state: "available" }),
  ]);
  const scope: AccountScope = {
    accountId: identity.accountId,
    region: region.region ?? region.name,
    partition: partition.partition,
  };
  if (zones.names.length < config.azCount) {
    throw new Error(
      `Pulumi.${pulumi.getStack()}.yaml: ${PLATFORM_PROJECT}:azCount is ${config.azCount} but ${scope.region} has only ` +
        `${zones.names.length} available zones (${zones.names.join(", ")}). Fix: lower azCount.`,
    );
  }
  const availabilityZones = [...zones.names].sort().slice(0, config.azCount);
  const names = new PlatformNames(config.env, scope);
  const tags = platformTags(config.env);

  const key = new ManagedKey("platform-data", {
    scope,
    description: `glue-platform ${config.env}: data lake, catalog, logs and trail encryption`,
    alias: names.keyAlias(),
    deletionWindowInDays: config.keyDeletionWindowDays,
    policy: keyPolicy({
      scope,
      logGroupPatterns: [names.logGroupPattern()],
      extraStatements: config.cloudTrailEnabled ? [cloudTrailKeyStatement(scope, names.trail())] : [],
    }),
    tags,
    protect: config.protectData,
  });

  const network = new PlatformNetwork("network", {
    names,
    scope,
    cidr: config.vpcCidr,
    availabilityZones,
    keyArn: key.arn,
    logRetentionDays: config.logRetentionDays,
    tags,
  });

  const lake = new DataLake("lake", { names, scope, config, keyArn: key.arn, tags });

  new aws.glue.DataCatalogEncryptionSettings("catalog-encryption", {
    catalogId: scope.accountId,
    dataCatalogEncryptionSettings: {
      encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: key.arn },
      connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: key.arn },
    },
  });

  if (config.cloudTrailEnabled) {
    new CloudTrailLog("audit", {
      names,
      scope,
      keyArn: key.arn,
      lakeBucketArns: Object.values(lake.buckets).map((b) => b.bucketArn),
      accessLogBucket: lake.accessLogs.bucketName,
      noncurrentVersionExpirationDays: config.noncurrentVersionExpirationDays,
      tags,
      protect: config.protectData,
    });
  }

  const endpoints = { ...network.gatewayEndpoints, ...network.interfaceEndpoints };
  return contractOutputs({
    env: config.env,
    accountId: scope.accountId,
    region: scope.region,
    partition: scope.partition,
    vpcId: network.vpc.id,
    vpcCidr: config.vpcCidr,
    privateSubnetIds: pulumi.all(network.subnets.map((s) => s.id)),
    privateSubnetAzs: availabilityZones,
    routeTableIds: pulumi.all(network.routeTables.map((r) => r.id)),
    endpointIds: pulumi.all(Object.fromEntries(Object.entries(endpoints).map(([svc, ep]) => [svc, ep.id]))),
    s3GatewayEndpointId: network.gatewayEndpoints.s3.id,
    s3PrefixListId: network.gatewayEndpoints.s3.prefixListId,
    dynamodbPrefixListId: network.gatewayEndpoints.dynamodb.prefixListId,
    endpointSecurityGroupId: network.endpointSecurityGroup.id,
    platformKeyArn: key.arn,
    lakeBuckets: {
      bronze: { name: names.lakeBucket("bronze"), arn: arns.bucket(scope, names.lakeBucket("bronze")) },
      silver: { name: names.lakeBucket("silver"), arn: arns.bucket(scope, names.lakeBucket("silver")) },
      gold: { name: names.lakeBucket("gold"), arn: arns.bucket(scope, names.lakeBucket("gold")) },
    },
    governanceLimits: { ...PLATFORM_LIMITS, rayEnabled: config.rayEnabled },
    accessLogBucket: names.accessLogBucket(),
    costAllocationTagsActive: config.costAllocationTagsActive,
    organizationId: config.organizationId ?? "",
    devPrincipalArnPatterns: config.devPrincipalArnPatterns ?? [
      arns.role(scope, "aws-reserved/sso.amazonaws.com/*"),
    ],
  });
}

export = main;
