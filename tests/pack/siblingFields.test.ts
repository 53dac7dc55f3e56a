/** Sibling fields judged alike: every connection input, every KMS-key-named input, every target kind
 * of a crawler, every ARN of a Glue resource, and catalog views. */
import { strict as assert } from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy-pack/policies";
import { foreignArns } from "../../policy-pack/lib/arnOwnership";
import { kmsKeyInputs } from "../../policy-pack/lib/kmsKeyFields";
import { asFixtureProjectStack, runResourcePolicy } from "../support/policyHarness";
import { UNKNOWN } from "../../policy-pack/lib/values";
import { T } from "../../policy-pack/lib/types";

const PROJECT = "7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6"; // tests/fixtures/project/project.yaml
const P = `project-${PROJECT}`;
const A = "arn:aws";
const policy = (name: string) => policies.find((p) => p.name === name) as ResourceValidationPolicy;
const judge = (name: string, type: string, props: Record<string, unknown>) =>
  asFixtureProjectStack(() => runResourcePolicy(policy(name), type, props).violations);

describe("ARN ownership across services (default-deny)", () => {
  it("accepts the project's own resources of any service, its lake folders and the catalog", () => {
    for (const arn of [
      `${A}:iam::123456789012:role/${P}-glue-job-role`,
      `${A}:secretsmanager:eu-west-1:123456789012:secret:${P}/db-AbCdEf`,
      `${A}:kinesis:eu-west-1:123456789012:stream/${P}-events`,
      `${A}:sqs:eu-west-1:123456789012:${P}-glue-dlq`,
      `${A}:glue:eu-west-1:123456789012:table/${P}-catalog-db-silver/orders`,
      `${A}:glue:eu-west-1:123456789012:catalog`,
      `${A}:s3:::glue-lake-silver-123456789012-eu-west-1-dev/${P}/orders/`,
      `${A}:s3:::${P}-temp-dev/x`,
      `${A}:iam::aws:policy/ReadOnlyAccess`,
    ])
      assert.deepEqual(foreignArns(arn, P), [], arn);
  });

  it("refuses every other owner's resource, whatever the service, and finds ARNs inside text", () => {
    for (const arn of [
      `${A}:kinesis:eu-west-1:123456789012:stream/payments`,
      `${A}:kafka:eu-west-1:123456789012:cluster/shared/abc`,
      `${A}:lambda:eu-west-1:123456789012:function:connector`,
      `${A}:iam::123456789012:role/Admin`,
      `${A}:secretsmanager:eu-west-1:123456789012:secret:prod/admin-x`,
      `${A}:s3:::glue-lake-silver-123456789012-eu-west-1-dev/project-0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9/`,
      `${A}:s3:::shared-bucket/${P}/`,
      `${A}:sqs:eu-west-1:123456789012:shared-${P}x`,
      `${A}:newservice:eu-west-1:123456789012:thing/other`,
    ])
      assert.deepEqual(foreignArns(`read from ${arn} now`, P), [arn], arn);
  });
});

describe("KMS key inputs found by name", () => {
  it("finds key-named inputs at any depth, known or unknown, and nothing else", () => {
    const found = kmsKeyInputs({
      authenticationConfiguration: { kmsKeyArn: "alias/aws/glue", secretArn: "x" },
      rules: [{ applyServerSideEncryptionByDefault: { kmsMasterKeyId: "k" } }],
      replicaKmsKeyID: UNKNOWN,
      targetKeyId: "not a field that holds the resource's key",
      name: "kms-key",
    });
    assert.deepEqual(found.map((k) => `${k.where}=${typeof k.value === "string" ? k.value : "?"}`).sort(), [
      "authenticationConfiguration.kmsKeyArn=alias/aws/glue",
      "replicaKmsKeyID=?",
      "rules.applyServerSideEncryptionByDefault.kmsMasterKeyId=k",
    ]);
  });
});

describe("Glue connections: every input is judged", () => {
  const base = {
    name: `${P}-glue-network`,
    connectionType: "NETWORK",
    physicalConnectionRequirements: {},
    tags: {},
  };
  it("passes the inputs of a NETWORK connection", () => {
    assert.deepEqual(
      judge("glue-connection-properties-allowlist", T.connection, { ...base, description: "d" }),
      [],
    );
  });
  it("refuses authentication, Athena, Spark and unknown future inputs", () => {
    for (const extra of [
      "authenticationConfiguration",
      "athenaProperties",
      "sparkProperties",
      "somethingNew",
    ])
      assert.match(
        judge("glue-connection-properties-allowlist", T.connection, { ...base, [extra]: {} }).join(),
        new RegExp(`sets ${extra}`),
      );
  });
});

describe("references of Glue resources", () => {
  const refs = (type: string, props: Record<string, unknown>) =>
    judge("glue-references-own-resources", type, props);
  it("judges connection names of every field, table source parameters and ARNs in arguments", () => {
    assert.equal(refs(T.crawler, { catalogTargets: [{ connectionName: "shared" }] }).length, 1);
    assert.equal(refs(T.catalogTable, { parameters: { connectionName: "shared-msk" } }).length, 1);
    assert.equal(refs(T.catalogTable, { parameters: { topicName: "orders" } }).length, 1);
    assert.equal(
      refs(T.job, { defaultArguments: { "--IN": `${A}:kinesis:eu-west-1:1:stream/x` } }).length,
      1,
    );
    assert.deepEqual(
      refs(T.catalogTable, {
        parameters: {
          classification: "json",
          streamName: `${P}-events`,
          kinesisUrl: "https://kinesis.eu-west-1.amazonaws.com",
        },
      }),
      [],
    );
    assert.deepEqual(refs(T.crawler, { catalogTargets: [{ connectionName: `${P}-glue-network-2` }] }), []);
  });
});

describe("crawler target kinds are judged alike", () => {
  const crawler = (catalogTargets: unknown[]) => ({
    name: `${P}-crawler-c`,
    databaseName: `${P}-catalog-db-silver`,
    catalogTargets,
  });
  const targets = (c: Record<string, unknown>) =>
    judge("glue-crawler-targets-project-prefixes", T.crawler, c);
  it("refuses raw and curated catalog targets together and foreign connections of any kind", () => {
    const t = (layer: string) => ({ databaseName: `${P}-catalog-db-${layer}`, tables: ["t"] });
    assert.match(targets(crawler([t("bronze"), t("gold")])).join(), /raw and curated/);
    assert.match(
      targets(crawler([{ ...t("silver"), connectionName: "shared" }])).join(),
      /not the project connection/,
    );
    assert.deepEqual(targets(crawler([t("silver"), t("gold")])), []);
  });
});

describe("catalog views are not part of the design", () => {
  it("refuses view types and view definitions, passes lake tables", () => {
    const views = (p: Record<string, unknown>) => judge("glue-catalog-no-views", T.catalogTable, p);
    assert.equal(views({ tableType: "VIRTUAL_VIEW" }).length, 1);
    assert.equal(views({ tableType: "EXTERNAL_TABLE", viewDefinition: { refreshSeconds: 60 } }).length, 1);
    assert.equal(views({ viewOriginalText: "SELECT 1" }).length, 1);
    assert.deepEqual(views({ tableType: "EXTERNAL_TABLE", parameters: {} }), []);
  });
});
