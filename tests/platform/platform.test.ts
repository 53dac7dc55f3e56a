import { strict as assert } from "assert";
import { CONTRACT_KEYS, checkContractValue } from "../../components/contract";
import { nameProblem } from "../../components/nameLimits";
import { planSubnets } from "../../platform/cidr";
import { runStack } from "../../tools/runner/runStack";
import { inputs, one, ofType, stackNamed } from "../support/offline";
import { UNKNOWN } from "../../tools/runner/encoding";
import { platformRun } from "../support/platformRun";

const json = (v: unknown) => JSON.parse(String(v)) as { Statement: Record<string, unknown>[] };

for (const env of ["dev", "prod"] as const) {
  const prod = env === "prod";
  describe(`platform stack ${env}`, () => {
    it("builds a private-only VPC across the configured AZs", async () => {
      const s = await stackNamed(env, env);
      const vpc = inputs(one(s, "aws:ec2/vpc:Vpc"));
      assert.equal(vpc.cidrBlock, prod ? "10.50.0.0/16" : "10.40.0.0/16");
      assert.equal(vpc.enableDnsHostnames, true);
      assert.equal(vpc.enableDnsSupport, true);
      const subnets = ofType(s, "aws:ec2/subnet:Subnet").map(inputs);
      assert.equal(subnets.length, prod ? 3 : 2);
      assert.deepEqual(
        new Set(subnets.map((x) => x.availabilityZone)).size,
        subnets.length,
        "one subnet per AZ",
      );
      for (const sn of subnets) assert.equal(sn.mapPublicIpOnLaunch, false);
      // As in a real first preview: the new VPC's id is unknown, its known inputs stay known.
      for (const sn of subnets) assert.equal(sn.vpcId, UNKNOWN);
      assert.deepEqual(
        subnets.map((x) => x.cidrBlock),
        planSubnets(String(vpc.cidrBlock), subnets.length),
      );
      const tables = ofType(s, "aws:ec2/routeTable:RouteTable");
      assert.equal(tables.length, subnets.length);
      for (const t of tables) assert.equal(inputs(t).routes, undefined, "no inline routes");
      assert.equal(ofType(s, "aws:ec2/routeTableAssociation:RouteTableAssociation").length, subnets.length);
      for (const forbidden of [
        "internetGateway:InternetGateway",
        "natGateway:NatGateway",
        "route:Route",
        "egressOnlyInternetGateway:EgressOnlyInternetGateway",
      ]) {
        assert.equal(ofType(s, `aws:ec2/${forbidden}`).length, 0, `no ${forbidden}`);
      }
    });

    it("logs VPC flows to a KMS-encrypted log group with the env retention", async () => {
      const s = await stackNamed(env, env);
      const group = inputs(one(s, "aws:cloudwatch/logGroup:LogGroup"));
      assert.equal(group.name, `/glue-platform/${env}/vpc-flow-logs`);
      assert.equal(group.retentionInDays, prod ? 365 : 30);
      assert.ok(group.kmsKeyId !== undefined, "encrypted with the platform key");
      const flow = one(s, "aws:ec2/flowLog:FlowLog");
      assert.equal(inputs(flow).trafficType, "ALL");
      assert.equal(
        inputs(flow).logDestination,
        `arn:aws:logs:eu-west-1:123456789012:log-group:/glue-platform/${env}/vpc-flow-logs`,
      );
      const trust = json(inputs(one(s, "aws:iam/role:Role")).assumeRolePolicy);
      assert.deepEqual(trust.Statement[0].Principal, { Service: "vpc-flow-logs.amazonaws.com" });
    });

    it("has gateway and interface endpoints limited to the platform account", async () => {
      const s = await stackNamed(env, env);
      const eps = ofType(s, "aws:ec2/vpcEndpoint:VpcEndpoint").map(inputs);
      const byService = new Map(eps.map((e) => [String(e.serviceName).split(".").pop(), e]));
      for (const svc of ["s3", "dynamodb"]) {
        const e = byService.get(svc);
        assert.ok(e, `${svc} endpoint`);
        assert.equal(e.vpcEndpointType, "Gateway");
        assert.equal((e.routeTableIds as unknown[]).length, prod ? 3 : 2, "on every private route table");
      }
      for (const svc of ["glue", "logs", "kms", "sts", "monitoring", "secretsmanager", "sqs", "sns"]) {
        const e = byService.get(svc);
        assert.ok(e, `${svc} endpoint`);
        assert.equal(e.serviceName, `com.amazonaws.eu-west-1.${svc}`);
        assert.equal(e.vpcEndpointType, "Interface");
        assert.equal(e.privateDnsEnabled, true);
        assert.equal((e.subnetIds as unknown[]).length, prod ? 3 : 2);
      }
      for (const e of eps) {
        const st = json(e.policy).Statement[0];
        assert.deepEqual(st.Condition, { StringEquals: { "aws:PrincipalAccount": "123456789012" } });
      }
      const sg = inputs(one(s, "aws:ec2/securityGroup:SecurityGroup"));
      assert.deepEqual(sg.ingress, [
        {
          description: "HTTPS from the VPC",
          protocol: "tcp",
          fromPort: 443,
          toPort: 443,
          cidrBlocks: [prod ? "10.50.0.0/16" : "10.40.0.0/16"],
        },
      ]);
      assert.deepEqual(sg.egress, []);
    });

    it("has a rotating platform key whose policy scopes CloudWatch Logs by encryption context", async () => {
      const s = await stackNamed(env, env);
      const keyRes = one(s, "aws:kms/key:Key");
      const key = inputs(keyRes);
      assert.equal(key.enableKeyRotation, true);
      assert.equal(key.deletionWindowInDays, prod ? 30 : 7);
      assert.equal(keyRes.protect, prod);
      assert.equal(keyRes.retainOnDelete, prod);
      const statements = json(key.policy).Statement;
      assert.deepEqual(statements[0].Principal, { AWS: "arn:aws:iam::123456789012:root" });
      const logs = statements.find((x) => x.Sid === "AllowCloudWatchLogsForNamedLogGroups");
      assert.deepEqual(logs?.Condition, {
        ArnLike: {
          "kms:EncryptionContext:aws:logs:arn": [
            `arn:aws:logs:eu-west-1:123456789012:log-group:/glue-platform/${env}/*`,
          ],
        },
      });
      assert.equal(
        statements.some((x) => x.Sid === "AllowCloudTrailToEncryptLogs"),
        prod,
        "CloudTrail statement only with the trail",
      );
      assert.equal(inputs(one(s, "aws:kms/alias:Alias")).name, `alias/glue-platform-${env}`);
    });

    it("hardens the bronze, silver and gold buckets value by value", async () => {
      const s = await stackNamed(env, env);
      for (const layer of ["bronze", "silver", "gold"]) {
        const name = `glue-lake-${layer}-123456789012-eu-west-1-${env}`;
        const bucket = one(s, "aws:s3/bucket:Bucket", layer);
        assert.equal(inputs(bucket).bucket, name);
        assert.equal(bucket.protect, prod);
        assert.equal(bucket.retainOnDelete, prod);
        const sse = inputs(
          one(
            s,
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            layer,
          ),
        );
        const rule = (sse.rules as Record<string, Record<string, unknown>>[])[0];
        assert.equal(rule.applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
        assert.ok(rule.applyServerSideEncryptionByDefault.kmsMasterKeyId !== undefined);
        assert.equal(rule.bucketKeyEnabled, true);
        assert.deepEqual(
          {
            ...inputs(one(s, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", layer)),
            bucket: undefined,
          },
          {
            bucket: undefined,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
          },
        );
        assert.deepEqual(
          inputs(one(s, "aws:s3/bucketVersioning:BucketVersioning", layer)).versioningConfiguration,
          { status: "Enabled" },
        );
        assert.deepEqual(
          inputs(one(s, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", layer)).rule,
          { objectOwnership: "BucketOwnerEnforced" },
        );
        const policy = json(inputs(one(s, "aws:s3/bucketPolicy:BucketPolicy", layer)).policy).Statement;
        assert.deepEqual(policy[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
        assert.deepEqual(policy[1], {
          Sid: "DenyPutWithoutSseKms",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:PutObject",
          Resource: `arn:aws:s3:::${name}/*`,
          Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
        });
        const lc = inputs(one(s, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", layer))
          .rules as Record<string, unknown>[];
        assert.deepEqual(lc[0].abortIncompleteMultipartUpload, { daysAfterInitiation: 7 });
        assert.deepEqual(lc[1].noncurrentVersionExpiration, { noncurrentDays: prod ? 90 : 30 });
        const transitions = lc.find((r) => r.id === "transition-current-versions");
        assert.deepEqual(
          transitions?.transitions,
          layer === "bronze" && prod ? [{ days: 90, storageClass: "GLACIER_IR" }] : undefined,
        );
        const logging = inputs(one(s, "aws:s3/bucketLogging:BucketLogging", layer));
        assert.equal(logging.targetBucket, `glue-lake-access-logs-123456789012-eu-west-1-${env}`);
        assert.equal(logging.targetPrefix, `${layer}/`);
      }
      const accessSse = inputs(
        one(
          s,
          "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
          "access-logs",
        ),
      );
      assert.deepEqual(
        accessSse.rules,
        [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
        "S3 log delivery supports SSE-S3 only",
      );
    });

    it("encrypts the Data Catalog and connection passwords with the platform key", async () => {
      const s = await stackNamed(env, env);
      const cat = inputs(one(s, "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings"));
      const settings = cat.dataCatalogEncryptionSettings as Record<string, Record<string, unknown>>;
      assert.equal(cat.catalogId, "123456789012");
      assert.equal(settings.encryptionAtRest.catalogEncryptionMode, "SSE-KMS");
      assert.equal(settings.connectionPasswordEncryption.returnConnectionPasswordEncrypted, true);
    });

    it(`${prod ? "has" : "has no"} a KMS-encrypted CloudTrail trail with lake data events`, async () => {
      const s = await stackNamed(env, env);
      const trails = ofType(s, "aws:cloudtrail/trail:Trail");
      assert.equal(trails.length, prod ? 1 : 0);
      if (!prod) return;
      const t = inputs(trails[0]);
      assert.equal(t.enableLogFileValidation, true);
      assert.ok(t.kmsKeyId !== undefined);
      const selectors = t.advancedEventSelectors as {
        fieldSelectors: { field: string; startsWiths?: string[] }[];
      }[];
      const arnSel = selectors[1].fieldSelectors.find((f) => f.field === "resources.ARN");
      assert.deepEqual(
        arnSel?.startsWiths,
        ["bronze", "silver", "gold"].map((l) => `arn:aws:s3:::glue-lake-${l}-123456789012-eu-west-1-prod/`),
      );
    });

    it("exports every contract key with the right type", async () => {
      const s = await stackNamed(env, env);
      const deployed = await runStack({
        ...platformRun(env),
        preview: false,
      });
      assert.equal(deployed.error, undefined);
      assert.deepEqual(Object.keys(deployed.outputs).sort(), [...CONTRACT_KEYS].sort());
      for (const key of CONTRACT_KEYS)
        assert.equal(
          checkContractValue(`organization/glue-platform/${env}`, key, deployed.outputs[key]),
          undefined,
          key,
        );
      assert.equal((deployed.outputs.privateSubnetIds as string[]).length, prod ? 3 : 2);
      assert.ok(s.resources.length > 50);
    });

    it("keeps every physical name within its AWS limits", async () => {
      const s = await stackNamed(env, env);
      const kinds: Record<string, Parameters<typeof nameProblem>[0]> = {
        "aws:s3/bucket:Bucket": "s3Bucket",
        "aws:iam/role:Role": "iamRole",
        "aws:cloudwatch/logGroup:LogGroup": "logGroup",
        "aws:kms/alias:Alias": "kmsAlias",
        "aws:cloudtrail/trail:Trail": "trail",
      };
      for (const r of s.resources) {
        const kind = kinds[r.type];
        const name = inputs(r).bucket ?? inputs(r).name;
        if (kind) assert.equal(nameProblem(kind, String(name)), undefined, `${r.type} ${String(name)}`);
      }
    });
  });
}
