import { strict as assert } from "assert";
import { accountRegionProblems, PlatformPlace } from "../policy-pack/lib/accountRegion";
import { forEachDeepString } from "../policy-pack/lib/deepStrings";
import { canonicalKey, s3LocationsIn } from "../policy-pack/lib/s3Locations";

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
  });
});
