/** Destinations (policy-pack/lib/destinations.ts and the destinations-in-project policy): every
 * property naming where data, events, notifications or code go names this project's own resource in
 * the platform account; compliant styles pass, each kind of escape is refused, unknowns fail closed
 * unless made from a resource of the stack. */
import { strict as assert } from "assert";
import { PolicyResource, StackValidationPolicy, unknownCheckingProxy } from "@pulumi/policy";
import { destinationProblem, Owner, valuesAt } from "../../policy-pack/lib/destinations";
import { UNKNOWN as PEEKED_UNKNOWN } from "../../policy-pack/lib/values";
import { policies } from "../../policy-pack/policies";
import { runStackPolicy, UNKNOWN, asFixtureProjectStack } from "../support/policyHarness";

const ID = "7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6";
const P = `project-${ID}`;
const ACCOUNT = "123456789012";
const FOREIGN = "210987654321";
const owner: Owner = { prefix: P, accountId: ACCOUNT };
const policy = policies.find((p) => p.name === "destinations-in-project") as StackValidationPolicy;

function resource(
  type: string,
  props: Record<string, unknown>,
  propertyDependencies: Record<string, PolicyResource[]> = {},
): PolicyResource {
  const proxied = unknownCheckingProxy(props) as Record<string, unknown>;
  return {
    type,
    props: proxied,
    urn: `urn:pulumi:test::test::${type}::r`,
    name: "r",
    opts: {} as PolicyResource["opts"],
    dependencies: Object.values(propertyDependencies).flat(),
    propertyDependencies,
    isType: () => false,
    asType: (() => undefined) as PolicyResource["asType"],
  };
}

/** Runs the policy as a stack of the fixture project with the platform account in its config. */
function judge(resources: PolicyResource[], config: object = { accountId: ACCOUNT }): string[] {
  return asFixtureProjectStack(() => runStackPolicy(policy, resources, config).violations);
}

const SUB = "aws:sns/topicSubscription:TopicSubscription";
const TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:${P}-alerts`;

describe("destinations: the judgement", () => {
  it("accepts the project's own resources in the platform account and the default bus", () => {
    assert.equal(destinationProblem(TOPIC, "sns", owner), undefined);
    assert.equal(
      destinationProblem(`arn:aws:iam::${ACCOUNT}:role/${P}-events-role`, "role", owner),
      undefined,
    );
    assert.equal(destinationProblem("default", "bus", owner), undefined);
    assert.equal(
      destinationProblem(`arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/default`, "bus", owner),
      undefined,
    );
    assert.equal(destinationProblem(`s3://${P}-scripts-dev/x`, "bucket", owner), undefined);
    assert.equal(destinationProblem(ACCOUNT, "account", owner), undefined);
  });

  it("refuses other accounts, other services, foreign names, and fails closed without the account fact", () => {
    assert.match(
      String(destinationProblem(`arn:aws:sns:eu-west-1:${FOREIGN}:${P}-alerts`, "sns", owner)),
      /account/,
    );
    assert.match(String(destinationProblem("arn:aws:automate:eu-west-1:ec2:stop", "sns", owner)), /automate/);
    assert.match(
      String(destinationProblem(`arn:aws:sns:eu-west-1:${ACCOUNT}:shared`, "sns", owner)),
      /not exactly one resource/,
    );
    assert.match(
      String(destinationProblem(`arn:aws:events:eu-west-1:${FOREIGN}:event-bus/default`, "bus", owner)),
      /account/,
    );
    assert.match(String(destinationProblem("shared-bus", "bus", owner)), /no project/);
    assert.match(String(destinationProblem("exports", "bucket", owner)), /not a bucket/);
    assert.match(String(destinationProblem(FOREIGN, "account", owner)), /not the platform/);
    assert.match(String(destinationProblem(TOPIC, "sns", { prefix: P })), /not in the policy config/);
  });

  it("reads every element of list paths", () => {
    const v = valuesAt({ n: [{ a: ["x", "y"] }, { a: ["z"] }] }, ["n", "[]", "a", "[]"]);
    assert.deepEqual(v, ["x", "y", "z"]);
    assert.deepEqual(valuesAt({}, ["missing", "[]"]), []);
    assert.deepEqual(valuesAt(PEEKED_UNKNOWN, ["a"]), [PEEKED_UNKNOWN]);
  });
});

describe("destinations-in-project", () => {
  it("passes the compliant styles: email, own queue, own topic, default bus, IAM_ALLOWED_PRINCIPALS", () => {
    const queue = resource("aws:sqs/queue:Queue", {
      name: `${P}-q`,
      arn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:${P}-q`,
    });
    const v = judge([
      queue,
      resource(SUB, { topic: TOPIC, protocol: "email", endpoint: "team@example.com" }),
      resource(SUB, { topic: TOPIC, protocol: "sqs", endpoint: UNKNOWN }, { endpoint: [queue] }),
      resource(SUB, { topic: TOPIC, protocol: "sqs", endpoint: `arn:aws:sqs:eu-west-1:${ACCOUNT}:${P}-q` }),
      resource("aws:cloudwatch/eventRule:EventRule", { name: `${P}-r`, eventBusName: "default" }),
      resource("aws:cloudwatch/metricAlarm:MetricAlarm", { alarmActions: [TOPIC], okActions: [TOPIC] }),
      resource("aws:budgets/budget:Budget", {
        accountId: ACCOUNT,
        notifications: [{ subscriberSnsTopicArns: [TOPIC], subscriberEmailAddresses: ["Team@Example.com"] }],
      }),
      resource("aws:glue/catalogDatabase:CatalogDatabase", {
        name: `${P}-catalog-db-bronze`,
        createTableDefaultPermissions: [
          { permissions: ["ALL"], principal: { dataLakePrincipalIdentifier: "IAM_ALLOWED_PRINCIPALS" } },
        ],
      }),
    ]);
    assert.deepEqual(v, []);
  });

  const cases: [string, PolicyResource, RegExp][] = [
    [
      "an email subscription to an address not in the spec's notificationEmails",
      resource(SUB, { topic: TOPIC, protocol: "email", endpoint: "team@example.com.evil.example" }),
      /not one of the project's notificationEmails/,
    ],
    [
      "a budget notifying an address not in the spec's notificationEmails",
      resource("aws:budgets/budget:Budget", {
        accountId: ACCOUNT,
        notifications: [{ subscriberEmailAddresses: ["someone@elsewhere.example"] }],
      }),
      /not one of the project's notificationEmails/,
    ],
    [
      "an https subscription",
      resource(SUB, { topic: TOPIC, protocol: "https", endpoint: "https://x" }),
      /https/,
    ],
    ["an sms subscription", resource(SUB, { topic: TOPIC, protocol: "sms", endpoint: "+100" }), /sms/],
    [
      "a lambda subscription, even to a function named for the project",
      resource(SUB, {
        topic: TOPIC,
        protocol: "lambda",
        endpoint: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${P}-f`,
      }),
      /protocol "lambda" is not one the platform allows/,
    ],
    [
      "an sqs subscription of another account",
      resource(SUB, {
        topic: TOPIC,
        protocol: "sqs",
        endpoint: `arn:aws:sqs:eu-west-1:${FOREIGN}:${P}-q`,
      }),
      /endpoint names account/,
    ],
    [
      "an unknown endpoint made from nothing in the stack",
      resource(SUB, { topic: TOPIC, protocol: "sqs", endpoint: UNKNOWN }),
      /unknown at preview/,
    ],
    [
      "an event target role and dead-letter queue of another account",
      resource("aws:cloudwatch/eventTarget:EventTarget", {
        roleArn: `arn:aws:iam::${FOREIGN}:role/x`,
        deadLetterConfig: { arn: `arn:aws:sqs:eu-west-1:${FOREIGN}:dlq` },
      }),
      /deadLetterConfig\.arn names account/,
    ],
    [
      "an EC2 alarm action",
      resource("aws:cloudwatch/metricAlarm:MetricAlarm", {
        insufficientDataActions: ["arn:aws:automate:eu-west-1:ec2:terminate"],
      }),
      /insufficientDataActions names a automate resource/,
    ],
    [
      "a budget of another account",
      resource("aws:budgets/budget:Budget", { accountId: FOREIGN }),
      /accountId/,
    ],
    [
      "a global table",
      resource("aws:dynamodb/table:Table", { name: `${P}-t`, replicas: [{ regionName: "us-east-1" }] }),
      /replicas/,
    ],
    [
      "a restore from another table",
      resource("aws:dynamodb/table:Table", { restoreSourceName: "orders", restoreToLatestTime: true }),
      /restoreSourceName/,
    ],
    [
      "a resource link to another catalog",
      resource("aws:glue/catalogDatabase:CatalogDatabase", {
        targetDatabase: { catalogId: FOREIGN, databaseName: `${P}-x` },
      }),
      /targetDatabase\.catalogId/,
    ],
    [
      "default table permissions for another account's principal",
      resource("aws:glue/catalogDatabase:CatalogDatabase", {
        createTableDefaultPermissions: [
          {
            permissions: ["ALL"],
            principal: { dataLakePrincipalIdentifier: `arn:aws:iam::${FOREIGN}:root` },
          },
        ],
      }),
      /createTableDefaultPermissions/,
    ],
    [
      "a crawler's Lake Formation account",
      resource("aws:glue/crawler:Crawler", { lakeFormationConfiguration: { accountId: FOREIGN } }),
      /lakeFormationConfiguration\.accountId/,
    ],
    [
      "a job from source control",
      resource("aws:glue/job:Job", { sourceControlDetails: { provider: "GITHUB" } }),
      /sourceControlDetails/,
    ],
  ];
  for (const [what, r, expected] of cases)
    it(`refuses ${what}`, () => {
      const v = judge([r]);
      assert.ok(
        v.some((m) => expected.test(m)),
        JSON.stringify(v),
      );
    });

  it("fails closed when the platform account is not in the policy config", () => {
    const v = judge([resource("aws:cloudwatch/metricAlarm:MetricAlarm", { alarmActions: [TOPIC] })], {});
    assert.ok(
      v.some((m) => /not in the policy config/.test(m)),
      JSON.stringify(v),
    );
  });
});
