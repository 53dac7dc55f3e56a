/** Resource policies of a project stack name only the project's own principals: its roles (and
 * sessions of them), the account root only in a key policy, and allowed service principals pinned to
 * the project's own sources; a key policy's Deny never overrides the account's administration. */
import { strict as assert } from "assert";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy-pack/policies";
import {
  actionAllowed,
  isProjectIdentity,
  projectSourceKind,
  ProjectPlace,
} from "../../policy-pack/lib/projectPrincipals";
import { T } from "../../policy-pack/lib/types";
import { CapturedResource } from "../../tools/runner/runStack";
import { asFixtureProjectStack, runResourcePolicy, runStackPolicy } from "../support/policyHarness";

const ID = "7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6";
const OTHER_ID = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
const P = `project-${ID}`;
const ACCT = "123456789012";
const FACTS = { accountId: ACCT, region: "eu-west-1", partition: "aws" };
const place: ProjectPlace = { ...FACTS, projectId: ID };
const role = (r: string, prefix = P) => `arn:aws:iam::${ACCT}:role/${prefix}-glue-${r}-role`;
const named = <T>(name: string) => policies.find((p) => p.name === name) as T;
const PRINCIPALS = named<StackValidationPolicy>("resource-policy-principals-in-project");
const KMS_ADMIN = named<ResourceValidationPolicy>("kms-key-store-and-admin");
const EVERYONE = named<ResourceValidationPolicy>("resource-policy-no-everyone-grants");

const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
function resource(type: string, inputs: Record<string, unknown>): CapturedResource {
  return {
    urn: `urn:pulumi:s::p::${type}::r`,
    type,
    name: "r",
    custom: true,
    read: false,
    inputs,
    outputs: inputs,
    parent: undefined,
    dependencies: [],
    propertyDependencies: {},
  } as unknown as CapturedResource;
}
const judge = (type: string, policy: string, config: object = FACTS) =>
  asFixtureProjectStack(() => runStackPolicy(PRINCIPALS, [resource(type, { policy })], config)).violations;
const allow = (principal: object, action: string | string[], condition?: object) => ({
  Effect: "Allow",
  Principal: principal,
  Action: action,
  Resource: "*",
  ...(condition ? { Condition: condition } : {}),
});

describe("project principals, parsed exactly", () => {
  it("accepts the project's roles and their sessions in the platform account, nothing that only looks like them", () => {
    for (const v of [
      role("job"),
      role("dev"),
      role("optimizer"),
      `arn:aws:sts::${ACCT}:assumed-role/${P}-glue-dev-role/alice`,
    ])
      assert.ok(isProjectIdentity(v, place), v);
    for (const v of [
      role("job", `project-${OTHER_ID}`),
      `arn:aws:iam::${ACCT}:role/team/${P}-glue-job-role`,
      `arn:aws:iam::${ACCT}:role/x-${P}-glue-job-role`,
      `arn:aws:iam::${ACCT}:role/${P}-glue-job-role-copy`,
      `arn:aws:iam::${ACCT}:role/${P}-*`,
      `arn:aws:iam::${ACCT}:user/${P}-glue-job-role`,
      `arn:aws:iam::999999999999:role/${P}-glue-job-role`,
      `arn:aws-cn:iam::${ACCT}:role/${P}-glue-job-role`,
      `arn:aws:sts::${ACCT}:assumed-role/AWSReservedSSO_Ops/${P}-glue-job-role`,
      `arn:aws:iam::${ACCT}:root`,
    ])
      assert.ok(!isProjectIdentity(v, place), v);
  });

  it("recognises the project's own sources, with wildcards only after its full prefix", () => {
    const cases: [string, string | undefined][] = [
      [`arn:aws:events:eu-west-1:${ACCT}:rule/${P}-glue-job-failed`, "eventRule"],
      [`arn:aws:events:eu-west-1:${ACCT}:rule/${P}-*`, "eventRule"],
      [`arn:aws:cloudwatch:eu-west-1:${ACCT}:alarm:${P}-*`, "alarm"],
      [`arn:aws:budgets::${ACCT}:budget/${P}-glue-dev`, "budget"],
      [`arn:aws:sns:eu-west-1:${ACCT}:${P}-glue-notifications`, "topic"],
      [
        `arn:aws:logs:eu-west-1:${ACCT}:log-group:/aws-glue/jobs/${P}-glue-secconf-v1-role/${P}-glue-job-role/*`,
        "logGroup",
      ],
      [
        `arn:aws:logs:eu-west-1:${ACCT}:log-group:/aws-glue/jobs/${P}-glue-secconf-v1-role/${P}-glue-job-role/output`,
        "logGroup",
      ],
      [`arn:aws:logs:eu-west-1:${ACCT}:log-group:/aws-glue/jobs/*`, undefined],
      [`arn:aws:cloudwatch:eu-west-1:${ACCT}:alarm:project-*`, undefined],
      [`arn:aws:events:eu-west-1:${ACCT}:rule/project-${OTHER_ID}-x`, undefined],
      [`arn:aws:events:eu-west-1:${ACCT}:rule/other-bus/${P}-x`, undefined],
      [`arn:aws:events:eu-west-1:*:rule/${P}-x`, undefined],
      [`arn:aws:events:us-east-1:${ACCT}:rule/${P}-x`, undefined],
      [`arn:aws:sns:eu-west-1:${ACCT}:x-${P}-glue-notifications`, undefined],
      [`arn:aws:s3:::${P}-artifacts-dev`, undefined],
    ];
    for (const [v, kind] of cases) assert.equal(projectSourceKind(v, place), kind, v);
  });

  it("allows a service only the listed actions, a wildcard only in its listed spelling", () => {
    const listed = ["kms:Decrypt", "kms:GenerateDataKey*"];
    assert.ok(actionAllowed("KMS:decrypt", listed));
    assert.ok(actionAllowed("kms:GenerateDataKeyWithoutPlaintext", listed));
    assert.ok(actionAllowed("kms:GenerateDataKey*", listed));
    assert.ok(!actionAllowed("kms:*", listed));
    assert.ok(!actionAllowed("kms:Decrypt*", listed));
    assert.ok(!actionAllowed("kms:CreateGrant", listed));
  });
});

describe("resource-policy-principals-in-project", () => {
  const ROOT = allow({ AWS: `arn:aws:iam::${ACCT}:root` }, "kms:*");

  it("passes the project's roles, the root in a key policy, and pinned services", () => {
    const topic = `arn:aws:sns:eu-west-1:${ACCT}:${P}-glue-notifications`;
    const rule = `arn:aws:events:eu-west-1:${ACCT}:rule/${P}-glue-job-failed`;
    assert.deepEqual(
      judge(
        T.kmsKey,
        doc(
          ROOT,
          allow({ AWS: [role("job"), ACCT] }, ["kms:Decrypt"]),
          allow({ Service: "events.amazonaws.com" }, "kms:GenerateDataKey", {
            ArnEquals: { "aws:SourceArn": rule },
          }),
          allow({ Service: "cloudwatch.amazonaws.com" }, "kms:Decrypt", {
            StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": topic },
          }),
        ),
      ),
      [],
    );
    assert.deepEqual(
      judge(
        T.topicPolicy,
        doc(
          allow({ Service: "events.amazonaws.com" }, "sns:Publish", { ArnLike: { "aws:SourceArn": rule } }),
        ),
      ),
      [],
    );
  });

  it("refuses other identities of the account and the root outside key policies", () => {
    const out = judge(
      T.bucketPolicy,
      doc(
        allow(
          { AWS: [`arn:aws:iam::${ACCT}:role/analytics`, `arn:aws:iam::${ACCT}:root`, role("job")] },
          "s3:GetObject",
        ),
      ),
    );
    assert.equal(out.length, 2, out.join("\n"));
    assert.match(out[0], /analytics, which is not one of this project's own roles/);
    assert.match(out[1], /account root .* only a key policy needs the account/);
  });

  it("refuses services not listed for the kind, actions beyond the list, and pins that do not name the project", () => {
    const rule = `arn:aws:events:eu-west-1:${ACCT}:rule/${P}-glue-job-failed`;
    const cases: [string, object, RegExp][] = [
      [
        T.bucketPolicy,
        allow({ Service: "cloudfront.amazonaws.com" }, "s3:GetObject", {
          ArnEquals: { "aws:SourceArn": rule },
        }),
        /no service is allowed here/,
      ],
      [
        T.topicPolicy,
        allow({ Service: "s3.amazonaws.com" }, "sns:Publish", { ArnEquals: { "aws:SourceArn": rule } }),
        /may not name/,
      ],
      [
        T.topicPolicy,
        allow({ Service: "events.amazonaws.com" }, "sns:*", { ArnEquals: { "aws:SourceArn": rule } }),
        /may give it only sns:Publish/,
      ],
      [
        T.topicPolicy,
        allow({ Service: "events.amazonaws.com" }, "sns:Publish", {
          StringEquals: { "aws:SourceAccount": ACCT },
        }),
        /aws:SourceAccount alone/,
      ],
      [
        T.topicPolicy,
        allow({ Service: "events.amazonaws.com" }, "sns:Publish", {
          ArnLikeIfExists: { "aws:SourceArn": rule },
        }),
        /pins its source/,
      ],
      [
        T.topicPolicy,
        allow({ Service: "events.amazonaws.com" }, "sns:Publish", {
          "ForAllValues:ArnLike": { "aws:SourceArn": rule },
        }),
        /pins its source/,
      ],
      [
        T.topicPolicy,
        allow({ Service: "events.amazonaws.com" }, "sns:Publish", {
          ArnLike: { "aws:SourceArn": [rule, `arn:aws:events:eu-west-1:${ACCT}:rule/*`] },
        }),
        /pins its source/,
      ],
      [
        T.queuePolicy,
        allow({ Service: "sns.amazonaws.com" }, "sqs:SendMessage", { ArnEquals: { "aws:SourceArn": rule } }),
        /pins its source/,
      ],
      [
        T.kmsKey,
        {
          ...allow({ Service: "events.amazonaws.com" }, "kms:Decrypt"),
          Action: undefined,
          NotAction: "kms:PutKeyPolicy",
          Condition: { ArnEquals: { "aws:SourceArn": rule } },
        },
        /NotAction/,
      ],
    ];
    for (const [type, st, expected] of cases) {
      const out = judge(type, doc(st));
      assert.ok(out.length > 0, `${type} ${JSON.stringify(st)} passed`);
      assert.match(out.join("\n"), expected);
    }
  });

  it("fails closed without the platform facts", () => {
    const out = judge(T.bucketPolicy, doc(allow({ AWS: role("job") }, "s3:GetObject")), {});
    assert.match(out.join("\n"), /platform fact "accountId" is not in the policy config/);
  });
});

describe("key policy Denys never lock the account out (kms-key-store-and-admin)", () => {
  const ROOT = allow({ AWS: `arn:aws:iam::${ACCT}:root` }, "kms:*");
  const key = (...extra: object[]) =>
    asFixtureProjectStack(() =>
      runResourcePolicy(KMS_ADMIN, T.kmsKey, { policy: doc(ROOT, ...extra) }, { config: FACTS }),
    ).violations;
  const deny = (rest: object) => ({ Effect: "Deny", Action: "kms:*", Resource: "*", ...rest });

  it("accepts a TLS deny and Denys that reach only the project's roles or AWS services", () => {
    assert.deepEqual(
      key(deny({ Principal: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } })),
      [],
    );
    assert.deepEqual(key(deny({ Principal: { AWS: [role("dev"), role("job")] } })), []);
    assert.deepEqual(
      key(deny({ Principal: "*", Condition: { ArnEquals: { "aws:PrincipalArn": role("dev") } } })),
      [],
    );
    assert.deepEqual(key(deny({ Principal: { Service: "events.amazonaws.com" } })), []);
  });

  it("refuses a Deny that can reach the account's administrators, however it is spelled", () => {
    const cases = [
      deny({ Principal: "*", Condition: { ArnNotEquals: { "aws:PrincipalArn": [role("dev")] } } }),
      deny({ Principal: { AWS: "*" }, Condition: { StringNotEquals: { "aws:PrincipalTag/Project": P } } }),
      deny({ NotPrincipal: { AWS: `arn:aws:iam::${ACCT}:root` } }),
      deny({ Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: "kms:PutKeyPolicy" }),
      deny({
        Principal: "*",
        Condition: { ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCT}:role/x-${P}-glue-dev-role` } },
      }),
      deny({ Principal: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } }),
      { Effect: "Deny", Principal: "*", NotAction: "kms:Decrypt", Resource: "*" },
    ];
    for (const st of cases)
      assert.match(key(st).join("\n"), /overrides the account-root statement/, JSON.stringify(st));
  });
});

describe("resource-policy-no-everyone-grants parses its pins", () => {
  const everyone = (condition: object) =>
    asFixtureProjectStack(
      () =>
        runResourcePolicy(
          EVERYONE,
          T.topicPolicy,
          { policy: doc(allow({ AWS: "*" }, "sns:Publish", condition)) },
          { config: FACTS },
        ).violations,
    );

  it("accepts an exact pin to the project's role or source, refuses names that only contain its prefix", () => {
    assert.deepEqual(everyone({ ArnEquals: { "aws:PrincipalArn": role("job") } }), []);
    assert.deepEqual(
      everyone({ StringEquals: { "aws:SourceArn": `arn:aws:events:eu-west-1:${ACCT}:rule/${P}-x` } }),
      [],
    );
    for (const c of [
      { StringEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCT}:role/analytics-${P}-glue-job-role` } },
      { StringEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCT}:user/${P}-glue-job-role` } },
      { ArnEquals: { "aws:SourceArn": `arn:aws:s3:::x-${P}-bucket` } },
      { StringEquals: { "aws:SourceAccount": ACCT } },
    ])
      assert.match(everyone(c).join("\n"), /allows everyone/, JSON.stringify(c));
  });
});
