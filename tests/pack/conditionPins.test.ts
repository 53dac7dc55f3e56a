// When a condition pins an identity-policy statement (policy-pack/lib/conditionPins.ts) and how the
// project action allowlist uses it (policy-pack/lib/actionAllowlist.ts): ForAllValues needs Null
// false, aws:RequestTag pins only what the action creates, metric namespaces are exact, and the
// platform key is used only through the services the design names.
import { strict as assert } from "assert";
import { parsePolicyDocument, pinningConditions } from "../../policy-pack/lib/iamDoc";
import { pinnedValueSets, requiresKey } from "../../policy-pack/lib/conditionPins";
import { statementProblems } from "../../policy-pack/lib/actionAllowlist";

const OWN = "11111111-2222-4333-8444-555555555555";
const P = `project-${OWN}`;
const OTHER = "project-99999999-2222-4333-8444-555555555555";
const ACCOUNT = "210987654321";
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0b6c7a1e-1111-4222-8333-444455556666`;
const arn = (svc: string, res: string) => `arn:aws:${svc}:eu-west-1:${ACCOUNT}:${res}`;
const st = (s: object) => parsePolicyDocument({ Statement: [{ Effect: "Allow", ...s }] })[0]!;
const problems = (s: object) =>
  statementProblems(st(s), OWN, { env: "dev", accountId: ACCOUNT, platformKeyArn: KEY, vpcId: "vpc-1" });

describe("condition pins", () => {
  it("plain and ForAnyValue comparisons pin; ForAllValues pins only with Null false", () => {
    const key = "aws:ResourceTag/Project";
    assert.deepEqual(pinnedValueSets(st({ Condition: { StringEquals: { [key]: P } } }), key), [[P]]);
    assert.deepEqual(pinnedValueSets(st({ Condition: { "ForAnyValue:StringEquals": { [key]: P } } }), key), [
      [P],
    ]);
    const forAll = { "ForAllValues:StringEquals": { [key]: [P] } };
    assert.deepEqual(pinnedValueSets(st({ Condition: forAll }), key), []);
    assert.deepEqual(pinnedValueSets(st({ Condition: { ...forAll, Null: { [key]: "false" } } }), key), [[P]]);
    assert.equal(requiresKey(st({ Condition: { Null: { [key]: "true" } } }), key), false);
  });

  it("negated, IfExists, wildcard and policy-variable conditions never pin", () => {
    const key = "aws:ResourceTag/Project";
    for (const Condition of [
      { StringNotEquals: { [key]: OTHER } },
      { "ForAllValues:StringNotEquals": { [key]: OTHER }, Null: { [key]: "false" } },
      { StringEqualsIfExists: { [key]: P } },
      { StringLike: { [key]: "project-*" } },
      { StringEquals: { [key]: "${aws:PrincipalTag/Project}" } },
    ])
      assert.deepEqual(pinnedValueSets(st({ Condition }), key), [], JSON.stringify(Condition));
  });

  it("a resource-policy pin written with ForAllValues counts only with Null false", () => {
    const cond = { "ForAllValues:StringEquals": { "aws:PrincipalAccount": [ACCOUNT] } };
    assert.deepEqual(pinningConditions(st({ Condition: cond })), []);
    assert.equal(
      pinningConditions(st({ Condition: { ...cond, Null: { "aws:PrincipalAccount": "false" } } })).length,
      1,
    );
  });
});

describe("project action allowlist with condition pins", () => {
  it("refuses ForAllValues pins without Null on key aliases, session tags and security-group tags", () => {
    for (const [Action, Resource, key, value] of [
      ["kms:Decrypt", arn("kms", "key/*"), "kms:ResourceAliases", `alias/${P}-glue-dev`],
      ["glue:GetSession", arn("glue", "session/*"), "aws:ResourceTag/Project", P],
      ["ec2:CreateNetworkInterface", arn("ec2", "security-group/*"), "aws:ResourceTag/Project", P],
    ] as const) {
      const forAll = { "ForAllValues:StringEquals": { [key]: [value] } };
      assert.equal(problems({ Action, Resource, Condition: forAll }).length, 1, `${Action} without Null`);
      assert.deepEqual(
        problems({ Action, Resource, Condition: { ...forAll, Null: { [key]: "false" } } }),
        [],
      );
    }
  });

  it("aws:RequestTag pins only a created resource, never an existing group or session", () => {
    const tag = { StringEquals: { "aws:RequestTag/Project": P } };
    const eni = "ec2:CreateNetworkInterface";
    assert.deepEqual(
      problems({ Action: eni, Resource: arn("ec2", "network-interface/*"), Condition: tag }),
      [],
    );
    assert.equal(
      problems({ Action: eni, Resource: arn("ec2", "security-group/*"), Condition: tag }).length,
      1,
    );
    assert.equal(problems({ Action: eni, Resource: "*", Condition: tag }).length, 1);
    const sessions = arn("glue", "session/*");
    assert.deepEqual(problems({ Action: "glue:CreateSession", Resource: sessions, Condition: tag }), []);
    assert.equal(problems({ Action: "glue:GetSession", Resource: sessions, Condition: tag }).length, 1);
    // Tagging an existing session: only when its Project tag, if any, is already this project's.
    assert.equal(problems({ Action: "glue:TagResource", Resource: sessions, Condition: tag }).length, 1);
    const ifOwn = { ...tag, StringEqualsIfExists: { "aws:ResourceTag/Project": P } };
    assert.deepEqual(problems({ Action: "glue:TagResource", Resource: sessions, Condition: ifOwn }), []);
  });

  it("ec2:Vpc pins only interfaces, and only the platform VPC", () => {
    const vpc = (id: string) => ({ ArnEquals: { "ec2:Vpc": arn("ec2", `vpc/${id}`) } });
    const eni = arn("ec2", "network-interface/*");
    assert.deepEqual(
      problems({ Action: "ec2:CreateNetworkInterface", Resource: eni, Condition: vpc("vpc-1") }),
      [],
    );
    assert.equal(
      problems({ Action: "ec2:CreateNetworkInterface", Resource: eni, Condition: vpc("vpc-2") }).length,
      1,
    );
    assert.equal(
      problems({
        Action: "ec2:CreateNetworkInterface",
        Resource: arn("ec2", "security-group/*"),
        Condition: vpc("vpc-1"),
      }).length,
      1,
    );
  });

  it("PutMetricData only with the namespace bound to the project's namespaces, exactly", () => {
    const put = (Condition?: object) =>
      problems({ Action: "cloudwatch:PutMetricData", Resource: "*", Condition });
    assert.deepEqual(put({ StringEquals: { "cloudwatch:namespace": "Glue" } }), []);
    assert.deepEqual(
      put({ StringEquals: { "cloudwatch:namespace": [`GluePlatform/Jobs/${P}`, "Glue"] } }),
      [],
    );
    for (const c of [
      undefined,
      // The shared root and another project's runtime namespace: forging its run metrics.
      { StringEquals: { "cloudwatch:namespace": "GluePlatform/Jobs" } },
      { StringEquals: { "cloudwatch:namespace": `GluePlatform/Jobs/${OTHER}` } },
      { StringLike: { "cloudwatch:namespace": ["GluePlatform/Jobs", "*"] } },
      { StringEquals: { "cloudwatch:namespace": ["Glue", "AWS/Glue"] } },
      { StringEqualsIfExists: { "cloudwatch:namespace": "Glue" } },
      { "ForAllValues:StringEquals": { "cloudwatch:namespace": "Glue" } },
    ])
      assert.equal(put(c).length, 1, JSON.stringify(c));
  });

  it("the platform key only through S3 and Glue (kms:ViaService)", () => {
    const use = (Condition?: object) => problems({ Action: "kms:Decrypt", Resource: KEY, Condition });
    assert.equal(use().length, 1);
    assert.deepEqual(use({ StringEquals: { "kms:ViaService": ["s3.eu-west-1.amazonaws.com"] } }), []);
    assert.deepEqual(
      use({
        StringEquals: { "kms:ViaService": ["s3.eu-west-1.amazonaws.com", "glue.eu-west-1.amazonaws.com"] },
      }),
      [],
    );
    assert.equal(
      use({ StringEquals: { "kms:ViaService": ["secretsmanager.eu-west-1.amazonaws.com"] } }).length,
      1,
    );
    assert.equal(use({ StringLike: { "kms:ViaService": "*.eu-west-1.amazonaws.com" } }).length, 1);
  });
});
