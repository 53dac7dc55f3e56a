import { strict as assert } from "assert";
import { PolicyResource, StackValidationPolicy, unknownCheckingProxy } from "@pulumi/policy";
import { policies } from "../../policy-pack/policies";
import { runStackPolicy, UNKNOWN, asFixtureProjectStack } from "../support/policyHarness";
import { accountRegionProblems, PlatformPlace } from "../../policy-pack/lib/accountRegion";
import { forEachDeepString } from "../../policy-pack/lib/deepStrings";
import { canonicalKey, expandBraces, s3LocationsIn } from "../../policy-pack/lib/s3Locations";

const PLACE: PlatformPlace = { accountId: "123456789012", region: "eu-west-1", partition: "aws" };
const problems = (text: string, key = "value") => accountRegionProblems(text, key, PLACE);

describe("account and region references", () => {
  it("accepts the platform's own ARNs, global ARNs and AWS managed policies", () => {
    assert.deepEqual(problems("arn:aws:sqs:eu-west-1:123456789012:q"), []);
    assert.deepEqual(problems("arn:aws:s3:::bucket/key"), []);
    assert.deepEqual(problems("arn:aws:iam::123456789012:role/r"), []);
    assert.deepEqual(problems("arn:aws:iam::aws:policy/ReadOnlyAccess"), []);
    assert.deepEqual(problems("https://sqs.eu-west-1.amazonaws.com/123456789012/q"), []);
  });

  it("finds another account or region in an ARN anywhere in a text", () => {
    assert.match(problems("arn:aws:sns:eu-west-1:999999999999:t").join(), /account "999999999999"/);
    assert.match(problems("to arn:aws:sqs:us-east-1:123456789012:q now").join(), /region "us-east-1"/);
    assert.match(problems("arn:aws-cn:sqs:eu-west-1:123456789012:q").join(), /partition "aws-cn"/);
    assert.match(problems("arn:aws:kms:*:123456789012:key/k").join(), /region "\*"/);
    assert.match(problems("arn:aws:iam::${aws:PrincipalAccount}:role/r").join(), /account/);
    assert.match(problems("t=arn%3Aaws%3Asqs%3Aus-east-1%3A123456789012%3Aq").join(), /us-east-1/);
  });

  it("finds endpoint URLs, security-group references and account-id properties", () => {
    assert.match(problems("https://sqs.us-east-1.amazonaws.com/123456789012/q").join(), /us-east-1/);
    assert.match(problems("https://sqs.eu-west-1.amazonaws.com/999999999999/q").join(), /999999999999/);
    assert.match(problems("999999999999/sg-0123456789abcdef0").join(), /999999999999/);
    assert.match(problems("999999999999", "catalogId").join(), /catalogId/);
    assert.match(problems("999999999999", "aws:SourceAccount").join(), /SourceAccount/);
    assert.match(problems("us-east-1", "region").join(), /us-east-1/);
    assert.deepEqual(problems("123456789012", "accountId"), []);
    assert.deepEqual(problems("999999999999", "name"), []);
  });

  it("reads strings inside JSON documents held in strings, with their keys", () => {
    const seen: string[] = [];
    forEachDeepString({ body: JSON.stringify({ w: [{ accountId: "999999999999" }] }), n: 3 }, (s) =>
      seen.push(`${s.key}=${s.text}`),
    );
    assert.deepEqual(seen.sort(), ["accountId=999999999999", "n=3"]);
  });
});

describe("S3 locations", () => {
  it("canonicalises keys: decoding, dot segments, empty segments", () => {
    assert.equal(canonicalKey("p/../"), "");
    assert.equal(canonicalKey("p/./a//b/"), "p/a/b/");
    assert.equal(canonicalKey("p/%2e%2e/x"), "x");
    assert.equal(canonicalKey("p/%252e%252e/"), "");
    assert.equal(canonicalKey("p/a/.."), "p/");
    assert.equal(canonicalKey("p\\..\\x"), "x");
  });

  it("recognises every spelling of a location", () => {
    const one = (t: string) => s3LocationsIn(t).map((l) => `${l.bucket}|${l.key}`);
    assert.deepEqual(one("s3://B/p/x"), ["b|p/x"]);
    assert.deepEqual(one("S3A://b/p/"), ["b|p/"]);
    assert.deepEqual(one("x=s3n://b/p/../q"), ["b|q"]);
    assert.deepEqual(one("https://b.s3.eu-west-1.amazonaws.com/p/k"), ["b|p/k"]);
    assert.deepEqual(one("https://my.b.s3.amazonaws.com/k"), ["my.b|k"]);
    assert.deepEqual(one("https://s3.eu-west-1.amazonaws.com/b/p/k"), ["b|p/k"]);
    assert.deepEqual(one("https://s3-eu-west-1.amazonaws.com/b/k"), ["b|k"]);
    assert.deepEqual(one("arn:aws:s3:::b/p/*"), ["b|p/*"]);
    assert.deepEqual(one("arn:aws:s3:eu-west-1:123456789012:accesspoint/ap"), ["undefined|accesspoint/ap"]);
    assert.deepEqual(one("https://sqs.eu-west-1.amazonaws.com/123456789012/q"), []);
    assert.deepEqual(one("https://example.com/s3/b"), []);
    assert.deepEqual(one("x=s3%3A%2F%2Fpartner%2Fk"), ["partner|k"]);
  });

  it("judges every alternative of a Hadoop glob", () => {
    assert.deepEqual(expandBraces("p/{a,b{c,d}}/x"), ["p/a/x", "p/bc/x", "p/bd/x"]);
    assert.deepEqual(expandBraces("p/${dt}/"), ["p/$dt/"]);
    assert.deepEqual(expandBraces("p/{a"), [".."]);
    assert.deepEqual(expandBraces("p/{x,../../other}/").map(canonicalKey), ["p/x/", "other/"]);
    // A list separator cuts the location inside the braces: what is left fails closed.
    assert.deepEqual(s3LocationsIn("s3://b/p/{x,../../other}/")[0].keys, [""]);
    assert.deepEqual(expandBraces("{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}"), [".."]);
  });
});

describe("accounts-and-regions-in-platform (the policy)", () => {
  const ID = "7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6";
  const P = `project-${ID}`;
  const FACTS = { accountId: "123456789012", region: "eu-west-1", partition: "aws" };
  const policy = policies.find((p) => p.name === "accounts-and-regions-in-platform") as StackValidationPolicy;
  const provider = {
    type: "pulumi:providers:aws",
    props: {},
    urn: "urn:pulumi:t::t::pulumi:providers:aws::default",
    name: "default",
  };

  function resource(
    name: string,
    type: string,
    props: Record<string, unknown>,
    propertyDependencies: Record<string, PolicyResource[]> = {},
  ): PolicyResource {
    return {
      type,
      props: unknownCheckingProxy(props) as Record<string, unknown>,
      urn: `urn:pulumi:test::test::${type}::${name}`,
      name,
      opts: {} as PolicyResource["opts"],
      dependencies: Object.values(propertyDependencies).flat(),
      propertyDependencies,
      provider,
      isType: () => false,
      asType: (() => undefined) as PolicyResource["asType"],
    };
  }

  function judge(resources: PolicyResource[], config: object = FACTS): string[] {
    return asFixtureProjectStack(() => runStackPolicy(policy, resources, config).violations);
  }

  const SUB = "aws:sns/topicSubscription:TopicSubscription";
  const own = (redrive: unknown) => ({
    topic: `arn:aws:sns:eu-west-1:123456789012:${P}-alerts`,
    protocol: "email",
    endpoint: "team@example.com",
    redrivePolicy: redrive,
  });

  it("passes own-account, own-region values and refuses others inside JSON documents", () => {
    const dlq = (region: string, account: string) =>
      JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:${region}:${account}:${P}-dlq` });
    assert.deepEqual(judge([resource("a", SUB, own(dlq("eu-west-1", "123456789012")))]), []);
    assert.match(judge([resource("b", SUB, own(dlq("us-east-1", "123456789012")))]).join(), /us-east-1/);
    assert.match(judge([resource("c", SUB, own(dlq("eu-west-1", "210987654321")))]).join(), /210987654321/);
  });

  it("accepts an unknown input only when made from a resource of this stack", () => {
    const queue = resource("q", "aws:sqs/queue:Queue", { name: `${P}-dlq` });
    assert.deepEqual(judge([queue, resource("a", SUB, own(UNKNOWN), { redrivePolicy: [queue] })]), []);
    const elsewhere = resource("x", "aws:sqs/queue:Queue", { name: "other" });
    assert.match(
      judge([resource("b", SUB, own(UNKNOWN), { redrivePolicy: [elsewhere] })]).join(),
      /redrivePolicy: is unknown at preview and made from no resource of this stack/,
    );
  });

  it("fails closed when a platform fact is missing", () => {
    assert.match(
      judge([resource("a", SUB, own(undefined))], { accountId: "123456789012" }).join(),
      /"region"/,
    );
  });
});
