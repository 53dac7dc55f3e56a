import { strict as assert } from "assert";
import { coversEverything, parseRange, publicRanges, Range, withinAny } from "../../policy-pack/lib/cidr";
import { isEveryone, parsePolicyDocument, pinningConditions } from "../../policy-pack/lib/iamDoc";
import { secretIn, shannonEntropy } from "../../policy-pack/lib/secrets";
import { findSecrets, passwordLike, secretKey } from "../../policy-pack/lib/secretScan";
import { foreignMatches, resourceMatches } from "../../policy-pack/lib/wildcards";

const ranges = (...cidrs: string[]): Range[] =>
  cidrs.map((c) => {
    const r = parseRange(c);
    if (!r) throw new Error(c);
    return r;
  });
const OWNER = "7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6";

describe("CIDR arithmetic", () => {
  it("parses IPv4, IPv6, bare addresses and IPv4-mapped IPv6; rejects junk", () => {
    assert.equal(parseRange("10.0.0.0/8")?.family, "ipv4");
    assert.equal(parseRange("::/0")?.family, "ipv6");
    assert.equal(parseRange("192.168.1.7")?.last, parseRange("192.168.1.7")?.first);
    assert.equal(parseRange("::ffff:0.0.0.0/96")?.text, "::ffff:0.0.0.0/96");
    assert.equal(parseRange("::ffff:0.0.0.0/96")?.family, "ipv4");
    assert.equal(parseRange("10.0.0.0/33"), undefined);
    assert.equal(parseRange("anywhere"), undefined);
  });

  it("a union of narrow ranges can be the whole internet", () => {
    assert.deepEqual(coversEverything(ranges("0.0.0.0/1", "128.0.0.0/1")), ["ipv4"]);
    assert.deepEqual(coversEverything(ranges("::/1", "8000::/1", "0.0.0.0/0")), ["ipv4", "ipv6"]);
    assert.deepEqual(coversEverything(ranges("0.0.0.0/1", "128.0.0.0/2")), []);
  });

  it("public means outside private and non-routable space, however the CIDR is written", () => {
    assert.deepEqual(publicRanges(ranges("10.40.0.0/16", "172.16.0.0/12", "fd00::/8")), []);
    assert.deepEqual(
      publicRanges(ranges("8.8.8.8/32", "172.0.0.0/8", "2001:db8::/32")).map((r) => r.text),
      ["8.8.8.8/32", "172.0.0.0/8", "2001:db8::/32"],
    );
  });

  it("containment in the VPC, host bits ignored", () => {
    const vpc = ranges("10.40.0.0/16");
    assert.ok(withinAny(ranges("10.40.3.7/24")[0], vpc));
    assert.ok(!withinAny(ranges("10.41.0.0/24")[0], vpc));
    assert.ok(!withinAny(ranges("10.0.0.0/8")[0], vpc));
  });
});

describe("IAM principals and conditions", () => {
  it("every spelling of everyone", () => {
    for (const p of ["*", { AWS: "*" }, { AWS: ["*"] }, { AWS: ["arn:aws:iam::123456789012:root", "*"] }]) {
      const [s] = parsePolicyDocument({
        Statement: [{ Effect: "Allow", Principal: p, Action: "s3:GetObject" }],
      });
      assert.ok(isEveryone(s.principals), JSON.stringify(p));
    }
    const [named] = parsePolicyDocument({
      Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:*" }],
    });
    assert.ok(!isEveryone(named.principals));
  });

  it("only exact operators on account, org or principal keys pin the caller", () => {
    const pins = (Condition: object) =>
      pinningConditions(
        parsePolicyDocument({
          Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Condition }],
        })[0],
      );
    assert.equal(pins({ StringEquals: { "aws:PrincipalAccount": "123456789012" } }).length, 1);
    assert.equal(pins({ StringLike: { "aws:PrincipalAccount": "*" } }).length, 0);
    assert.equal(pins({ StringEqualsIfExists: { "aws:PrincipalAccount": "123456789012" } }).length, 0);
    assert.equal(pins({ StringEquals: { "aws:PrincipalTag/team": "data" } }).length, 0);
    assert.equal(pins({ Bool: { "aws:SecureTransport": "true" } }).length, 0);
  });
});

describe("wildcard resources against other projects", () => {
  const st = (Action: string | string[], Resource: string | string[]) =>
    parsePolicyDocument({ Statement: [{ Effect: "Allow", Action, Resource }] })[0];

  it("IAM wildcard semantics: * crosses : and /, ? is one character", () => {
    assert.ok(resourceMatches("arn:aws:glue:*", "arn:aws:glue:eu-west-1:1:table/a/b"));
    assert.ok(resourceMatches("arn:aws:s3:::b?t/*", "arn:aws:s3:::bat/k/x"));
    assert.ok(!resourceMatches("arn:aws:s3:::b?t/*", "arn:aws:s3:::boat/k"));
  });

  it("catches project-*, database/*, table/*/* and *; leaves the owner's own names alone", () => {
    const caught = [
      st("s3:GetObject", "arn:aws:s3:::project-*/*"),
      st("glue:GetDatabase", "arn:aws:glue:eu-west-1:123456789012:database/*"),
      st("glue:GetTable", "arn:aws:glue:*:*:table/*/*"),
      st("sqs:SendMessage", "*"),
      st("s3:GetObject", "arn:aws:s3:::glue-lake-bronze-123456789012-eu-west-1-dev/*"),
      st("s3:GetObject", "arn:aws:s3:::glue-lake-*/*"),
      st("s3:PutObject", "arn:aws:s3:::glue-lake-silver-*/project-*"),
    ];
    for (const s of caught) assert.ok(foreignMatches(s, OWNER).length > 0, JSON.stringify(s.resources));
    const own = [
      st("s3:GetObject", `arn:aws:s3:::project-${OWNER}-*/*`),
      st("glue:GetTable", `arn:aws:glue:eu-west-1:123456789012:table/project-${OWNER}-catalog-db-bronze/*`),
      st("s3:GetObject", `arn:aws:s3:::glue-lake-bronze-123456789012-eu-west-1-dev/project-${OWNER}/*`),
      st("glue:ListSessions", "*"),
      st("ec2:DescribeSubnets", "*"),
    ];
    for (const s of own) assert.deepEqual(foreignMatches(s, OWNER), [], JSON.stringify(s.resources));
  });
});

describe("secret detection", () => {
  it("finds documented formats and random-looking tokens", () => {
    const secrets = [
      "AKIAIOSFODNN7EXAMPLE",
      "-----BEGIN RSA PRIVATE KEY-----",
      "https://user:pa55@example.com/x",
      "Bearer abcdefghijklmnop1234",
      "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
      "xoxb-1234567890-abcdefghij",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_nature-1",
      "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "password=hunter2",
    ];
    for (const v of secrets) assert.ok(secretIn(v), v);
  });

  it("leaves ARNs, S3 paths, UUIDs, class names and plain words alone", () => {
    const plain = [
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:project-7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6/db-AbC123",
      "s3://project-7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6-scripts-dev/jobs/orders/a1b2c3d4e5f60718/Orders2024.py",
      "7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6",
      "org.apache.iceberg.spark.SparkSessionCatalog",
      "job-bookmark-enable",
      "true",
    ];
    for (const v of plain) assert.equal(secretIn(v), undefined, v);
  });

  it("finds secrets anywhere in a resource's values: by key, in JSON strings, hex tokens, split passwords", () => {
    const cases: [unknown, string][] = [
      [{ tags: { ApiToken: "abc" } }, ".tags.ApiToken"],
      [{ defaultRunProperties: { db_password: "Summer2024!" } }, ".defaultRunProperties.db_password"],
      [
        { args: { "--CONFIG": JSON.stringify({ user: "etl", password: "x" }) } },
        ".args.--CONFIG(json).password",
      ],
      [
        { body: JSON.stringify({ w: [{ text: "ghp_16C7e42F292c6912E7710c838347Ae178B4a" }] }) },
        ".body(json).w[0].text",
      ],
      [{ sig: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" }, ".sig"],
      [{ description: "to etl_admin:Tr0ub4dor-and-3@warehouse.internal:5432" }, ".description"],
      [{ a: { DB_USER: "etl", DB_HINT: "Tr0ub4dor" } }, ".a.DB_HINT"],
      [{ a: { k1: "AKIAIOSF", k2: "ODNN7EXAMPLE" } }, ".a.k1+k2"],
      [{ ruleset: "jdbc password=Zx9!qL2#vB7@mN4$" }, ".ruleset"],
    ];
    for (const [value, where] of cases)
      assert.ok(
        findSecrets(value).some((f) => f.path === where),
        `${where} in ${JSON.stringify(findSecrets(value))}`,
      );
  });

  it("leaves references, flags, content hashes, ids and policy structure alone", () => {
    const P = "project-7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6";
    const clean: unknown[] = [
      { "--SOURCE_SECRET_ID": `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${P}/db-AbC123` },
      { db_password: `${P}/warehouse` },
      { password: "{{resolve:secretsmanager:db:SecretString:password}}" },
      { skipCredentialsValidation: "true", tokenTtl: "3600", secretName: "db" },
      { key: "jobs/orders/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08/main.py" },
      {
        scriptLocation: `s3://${P}-scripts-dev/jobs/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08/a.py`,
      },
      { etag: "9f86d081884c7d659a2feaa0c55ad015" },
      {
        policy: JSON.stringify({
          Statement: [{ Sid: "UseLakeKeyOnlyThroughS3AndGlue", Action: "secretsmanager:GetSecretValue" }],
        }),
      },
      { user: "etl", database: "warehouse", table: "customers" },
      { Owner: "customer-data@example.com", id: "7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6" },
    ];
    for (const v of clean) assert.deepEqual(findSecrets(v), [], JSON.stringify(v));
  });

  it("judges key names by their words and passwords by their character classes", () => {
    for (const k of ["--DB_PASSWORD", "apiKey", "auth_token", "DB_LOGIN", "privateKey", "pwd"])
      assert.ok(secretKey(k), k);
    for (const k of ["authorizationType", "SECRET_ID", "passwordSecretArn", "tokenTtl", "author", "keyId"])
      assert.ok(!secretKey(k), k);
    assert.ok(passwordLike("Summer2024!"));
    assert.ok(
      !passwordLike("customers") && !passwordLike("job-bookmark-enable") && !passwordLike("s3://a/B1c"),
    );
  });

  it("Shannon entropy is bits per character", () => {
    assert.equal(shannonEntropy("aaaa"), 0);
    assert.equal(shannonEntropy("abcd"), 2);
  });
});
