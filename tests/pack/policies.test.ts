import { strict as assert } from "assert";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { PACK_ENFORCEMENT_LEVEL, policies } from "../../policy-pack/policies";
import { T } from "../../policy-pack/lib/types";
import { CapturedResource } from "../../tools/runner/runStack";
import { runResourcePolicy, runStackPolicy, UNKNOWN, withValue } from "../support/policyHarness";
import { inputs, one, stackNamed } from "../support/offline";
import { effectivePolicyConfig, readPolicyConfigFile } from "../../tools/gate/policyConfig";
import { policyConfigFile } from "../../tools/gate/platformFacts";

/** A policy's settings from the committed policy config of an env (as the CLI would pass them). */
function policyConfigOf(env: string, policy: string): object {
  const cfg = effectivePolicyConfig(
    policies,
    readPolicyConfigFile(policyConfigFile(env)),
    PACK_ENFORCEMENT_LEVEL,
  );
  return cfg.get(policy)?.properties ?? {};
}
import { AWS_RULE_POLICIES } from "../spec/awsRules.test";

type Props = Record<string, unknown>;
type Path = (string | number)[];
const byName = (name: string) => {
  const p = policies.find((x) => x.name === name);
  if (!p) throw new Error(`no policy ${name}`);
  return p;
};
const PROJECT = "customer-360-dev";
const ID = "bf149e7b-407b-4ac4-bfe4-f21f45a48061";
const P = `project-${ID}`;
const OTHER = "project-418680bb-15bd-4c13-8631-06fc5aa17c32";
const set = (path: Path, v: unknown) => (p: Props) => withValue(p, path, v);
const json =
  (f: (doc: { Statement: Props[] }) => void, field = "policy") =>
  (p: Props) => {
    const doc = JSON.parse(String(p[field])) as { Statement: Props[] };
    f(doc);
    return { ...p, [field]: JSON.stringify(doc) };
  };

interface ResourceCase {
  readonly policy: string;
  readonly type: string;
  readonly from: { stack: string; env: string; type?: string; name?: string };
  readonly fails: [string, (p: Props) => Props, RegExp][];
  readonly unknown: Path;
  readonly config?: object;
  readonly protect?: boolean;
}

const job = { stack: PROJECT, env: "dev", name: "raw-to-silver" };
const crawler = { stack: PROJECT, env: "dev", name: "raw-customers" };
const CASES: ResourceCase[] = [
  {
    policy: "glue-job-requires-project-connection",
    type: T.job,
    from: job,
    fails: [
      [
        "no connections",
        set(["connections"], undefined),
        /has no connection, so it would run outside the platform VPC/,
      ],
      [
        "another project's connection",
        set(["connections"], [`${OTHER}-glue-network`]),
        /uses connection\(s\) "project-418680bb.*instead of its project's/,
      ],
      ["unnamed job", set(["name"], "orders"), /is not named project-\{uuid\}-job-<name>/],
    ],
    unknown: ["connections"],
  },
  {
    policy: "glue-job-uses-project-job-role",
    type: T.job,
    from: job,
    fails: [
      [
        "crawler role",
        set(["roleArn"], `arn:aws:iam::123456789012:role/${P}-glue-crawler-role`),
        /runs as role ".*-glue-crawler-role"/,
      ],
      [
        "other project's role",
        set(["roleArn"], `arn:aws:iam::123456789012:role/${OTHER}-glue-job-role`),
        /runs as role "project-418680bb/,
      ],
    ],
    unknown: ["name"],
  },
  {
    policy: "glue-resource-naming",
    type: T.job,
    from: job,
    fails: [
      ["autonamed", set(["name"], undefined), /has no explicit name/],
      ["wrong kind in name", set(["name"], `${P}-crawler-x`), /does not follow project-\{uuid\}-job-<name>/],
    ],
    unknown: ["name"],
  },
  {
    policy: "glue-job-worker-limits",
    type: T.job,
    from: job,
    fails: [
      ["60 workers", set(["numberOfWorkers"], 60), /asks for 60 workers, above the cap of 50/],
      ["Z.2X on Spark", set(["workerType"], "Z.2X"), /uses worker type Z.2X, not allowed for glueetl jobs/],
      ["maxCapacity with workers", set(["maxCapacity"], 10), /sets maxCapacity on a worker-based job/],
      [
        "python shell with 5 DPU",
        (p) => ({
          ...p,
          command: { name: "pythonshell", scriptLocation: "s3://x/y.py" },
          workerType: undefined,
          numberOfWorkers: undefined,
          maxCapacity: 5,
        }),
        /has maxCapacity 5/,
      ],
    ],
    unknown: ["workerType"],
  },
  {
    policy: "glue-job-timeout",
    type: T.job,
    from: job,
    fails: [
      ["12-hour timeout", set(["timeout"], 720), /has timeout 720 minutes, outside 1–480/],
      ["no timeout", set(["timeout"], undefined), /has no timeout/],
    ],
    unknown: ["timeout"],
  },
  {
    policy: "glue-job-retries",
    type: T.job,
    from: job,
    fails: [
      ["3 retries", set(["maxRetries"], 3), /has maxRetries 3, above the cap of 1/],
      [
        "retries with queuing",
        (p) => ({ ...p, maxRetries: 1, jobRunQueuingEnabled: true }),
        /queues runs and retries 1 times/,
      ],
    ],
    unknown: ["maxRetries"],
  },
  {
    policy: "glue-uses-project-security-configuration",
    type: T.job,
    from: job,
    fails: [
      ["none", set(["securityConfiguration"], undefined), /has no security configuration/],
      [
        "other project's",
        set(["securityConfiguration"], `${OTHER}-glue-secconf-v1`),
        /not its own project's/,
      ],
    ],
    unknown: ["securityConfiguration"],
  },
  {
    policy: "glue-job-version-allowlist",
    type: T.job,
    from: job,
    fails: [
      ["Glue 2.0", set(["glueVersion"], "2.0"), /uses Glue 2\.0/],
      ["no version", set(["glueVersion"], undefined), /has no glueVersion/],
      [
        "Ray job",
        (p) => ({
          ...p,
          command: { name: "glueray", scriptLocation: "s3://x/y.py", runtime: "Ray2.4" },
          glueVersion: "4.0",
        }),
        /Glue for Ray is closed to new customers/,
      ],
    ],
    unknown: ["glueVersion"],
  },
  {
    policy: "glue-job-logging-arguments",
    type: T.job,
    from: job,
    fails: [
      [
        "metrics overridable",
        set(["nonOverridableArguments", "--enable-metrics"], undefined),
        /does not lock --enable-metrics/,
      ],
    ],
    unknown: ["nonOverridableArguments"],
  },
  {
    policy: "glue-job-no-secrets-in-arguments",
    type: T.job,
    from: job,
    fails: [
      [
        "password argument",
        set(["defaultArguments", "--db-password"], "x"),
        /--db-password is named like a secret/,
      ],
      [
        "access key value",
        set(["defaultArguments", "--creds"], "AKIAABCDEFGHIJKLMNOP"),
        /holds an AWS access key id/,
      ],
    ],
    unknown: ["defaultArguments"],
  },
  {
    // Computed outputs are not literals: this scan skips unknowns (other rules judge them).
    policy: "no-secrets-in-resource-values",
    type: T.job,
    from: job,
    fails: [
      ["token tag", set(["tags", "ApiToken"], "abc123"), /tags\.ApiToken is named like a secret/],
      [
        "access key in the description",
        set(["description"], "uses AKIAIOSFODNN7EXAMPLE"),
        /description holds an AWS access key id/,
      ],
    ],
    unknown: [],
  },
  {
    policy: "glue-job-code-from-project-bucket",
    type: T.job,
    from: job,
    fails: [
      [
        "script from elsewhere",
        set(["command", "scriptLocation"], "s3://some-public-bucket/x.py"),
        /script "s3:\/\/some-public-bucket\/x.py" is not in the project's scripts bucket/,
      ],
      [
        "other project's scripts",
        set(["command", "scriptLocation"], `s3://${OTHER}-scripts-dev/x.py`),
        /is not in the project's scripts bucket/,
      ],
      [
        "extra files elsewhere",
        set(["nonOverridableArguments", "--extra-py-files"], "s3://x/lib.py"),
        /--extra-py-files "s3:\/\/x\/lib.py"/,
      ],
      ["no TempDir", set(["nonOverridableArguments", "--TempDir"], undefined), /has no --TempDir/],
    ],
    unknown: ["command", "scriptLocation"],
  },
  {
    policy: "glue-job-bookmarks-on-batch",
    type: T.job,
    from: job,
    fails: [
      [
        "bookmarks disabled",
        set(["defaultArguments", "--job-bookmark-option"], "job-bookmark-disable"),
        /has job bookmarks job-bookmark-disable/,
      ],
    ],
    unknown: ["defaultArguments"],
  },
  {
    policy: "glue-job-flex-for-dev-batch",
    type: T.job,
    from: { stack: PROJECT, env: "dev", name: "silver-to-gold" },
    fails: [
      ["standard capacity", set(["executionClass"], "STANDARD"), /is a batch Spark job on STANDARD capacity/],
    ],
    unknown: ["executionClass"],
  },
  {
    policy: "glue-crawler-project-role-and-database",
    type: T.crawler,
    from: crawler,
    fails: [
      [
        "job role",
        set(["role"], `arn:aws:iam::123456789012:role/${P}-glue-job-role`),
        /runs as role ".*-glue-job-role"/,
      ],
      [
        "other project's database",
        set(["databaseName"], `${OTHER}-catalog-db-bronze`),
        /not one of its project's/,
      ],
    ],
    unknown: ["name"],
  },
  {
    policy: "glue-crawler-targets-project-prefixes",
    type: T.crawler,
    from: crawler,
    fails: [
      [
        "other prefix",
        set(["s3Targets", 0, "path"], `s3://glue-lake-bronze-123456789012-eu-west-1-dev/${OTHER}/x/`),
        /outside the project's lake prefixes/,
      ],
      [
        "raw and curated",
        set(["s3Targets", 1], {
          path: `s3://glue-lake-silver-123456789012-eu-west-1-dev/${P}/x/`,
          connectionName: `${P}-glue-network`,
        }),
        /crawls raw and curated data together/,
      ],
      ["no connection", set(["s3Targets", 0, "connectionName"], undefined), /without the project connection/],
      ["jdbc target", set(["jdbcTargets"], [{ connectionName: "x", path: "db/%" }]), /has jdbcTargets/],
    ],
    unknown: ["s3Targets"],
  },
  {
    policy: "glue-crawler-no-delete-from-database",
    type: T.crawler,
    from: crawler,
    fails: [
      [
        "delete behavior",
        set(["schemaChangePolicy", "deleteBehavior"], "DELETE_FROM_DATABASE"),
        /deletes tables from the catalog/,
      ],
    ],
    unknown: ["schemaChangePolicy"],
  },
  {
    policy: "glue-trigger-same-project",
    type: T.trigger,
    from: { stack: PROJECT, env: "dev", name: "after-silver" },
    fails: [
      [
        "starts another project's job",
        set(["actions", 0, "jobName"], `${OTHER}-job-x`),
        /actions\[0\]\.jobName "project-418680bb.*belongs to another project/,
      ],
      [
        "watches another project's crawler",
        set(["predicate", "conditions", 0], { crawlerName: `${OTHER}-crawler-x`, crawlState: "SUCCEEDED" }),
        /predicate\.conditions\[0\]\.crawlerName/,
      ],
      [
        "unnamed job",
        set(["actions", 0, "jobName"], "plain-job"),
        /"plain-job" belongs to another project \(or to none\)/,
      ],
    ],
    unknown: ["actions"],
  },
  {
    policy: "glue-connection-network-in-private-subnet",
    type: T.connection,
    from: { stack: PROJECT, env: "dev", type: T.connection },
    fails: [
      ["JDBC", set(["connectionType"], "JDBC"), /is a JDBC connection/],
      ["no subnet", set(["physicalConnectionRequirements", "subnetId"], undefined), /has no subnetId/],
      [
        "no security group",
        set(["physicalConnectionRequirements", "securityGroupIdLists"], []),
        /has no security group/,
      ],
    ],
    unknown: ["connectionType"],
  },
  {
    policy: "glue-encryption-settings",
    type: T.securityConfiguration,
    from: { stack: PROJECT, env: "dev", type: T.securityConfiguration },
    fails: [
      [
        "S3 not encrypted",
        set(["encryptionConfiguration", "s3Encryption", "s3EncryptionMode"], "DISABLED"),
        /s3Encryption is DISABLED/,
      ],
      [
        "bookmarks without key",
        set(["encryptionConfiguration", "jobBookmarksEncryption", "kmsKeyArn"], undefined),
        /jobBookmarksEncryption has no KMS key/,
      ],
    ],
    unknown: ["encryptionConfiguration", "cloudwatchEncryption", "cloudwatchEncryptionMode"],
  },
  {
    policy: "glue-encryption-settings",
    type: T.catalogEncryption,
    from: { stack: "dev", env: "dev", type: T.catalogEncryption },
    fails: [
      [
        "catalog unencrypted",
        set(["dataCatalogEncryptionSettings", "encryptionAtRest", "catalogEncryptionMode"], "DISABLED"),
        /catalog encryption is DISABLED/,
      ],
      [
        "passwords in clear",
        set(
          [
            "dataCatalogEncryptionSettings",
            "connectionPasswordEncryption",
            "returnConnectionPasswordEncrypted",
          ],
          false,
        ),
        /returns connection passwords in clear text/,
      ],
    ],
    unknown: ["dataCatalogEncryptionSettings"],
  },
  {
    policy: "security-group-no-open-ingress",
    type: T.securityGroup,
    from: { stack: PROJECT, env: "dev", type: T.securityGroup },
    fails: [
      [
        "world-open ingress",
        set(["ingress", 1], { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }),
        /ingress\[1\] accepts traffic from public addresses \(0\.0\.0\.0\/0\)/,
      ],
      [
        "ingress from a CIDR",
        set(["ingress", 0], { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }),
        /accepts traffic from outside the group/,
      ],
      [
        "open egress",
        set(["egress", 0], { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }),
        /egress\[0\] sends traffic to public addresses \(0\.0\.0\.0\/0\)/,
      ],
    ],
    unknown: ["ingress"],
  },
  {
    policy: "iam-project-role-trust",
    type: T.role,
    from: { stack: PROJECT, env: "dev", name: "job" },
    fails: [
      [
        "trusts EC2",
        json((d) => ((d.Statement[0].Principal as Props).Service = "ec2.amazonaws.com"), "assumeRolePolicy"),
        /trusts \{"Service":\["ec2.amazonaws.com"\]\}/,
      ],
      [
        "no SourceAccount",
        json((d) => delete d.Statement[0].Condition, "assumeRolePolicy"),
        /without an aws:SourceAccount condition/,
      ],
      [
        "trusts an account",
        json(
          (d) => (d.Statement[0].Principal = { AWS: "arn:aws:iam::999999999999:root" }),
          "assumeRolePolicy",
        ),
        /trusts \{"AWS"/,
      ],
    ],
    unknown: ["assumeRolePolicy"],
  },
  {
    policy: "iam-no-aws-managed-policies",
    type: T.rolePolicyAttachment,
    from: { stack: PROJECT, env: "dev", name: "job-data-access" },
    fails: [
      [
        "AWSGlueServiceRole",
        set(["policyArn"], "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"),
        /attaches the AWS managed policy/,
      ],
    ],
    // an unknown policyArn is judged through its dependency by iam-attach-only-own-policies
    unknown: [],
  },
  {
    policy: "iam-no-wildcard-data-resources",
    type: T.policy,
    from: { stack: PROJECT, env: "dev", name: "data-access" },
    fails: [
      [
        "s3:* on *",
        json((d) => d.Statement.push({ Effect: "Allow", Action: "s3:*", Resource: "*" })),
        /allows s3:\* on \*/,
      ],
      [
        "Action *",
        json((d) => d.Statement.push({ Effect: "Allow", Action: "*", Resource: "*" })),
        /allows Action "\*"/,
      ],
      [
        "every bucket",
        json((d) =>
          d.Statement.push({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*" }),
        ),
        /on arn:aws:s3:::\*/,
      ],
    ],
    unknown: ["policy"],
  },
  {
    policy: "iam-project-policy-isolation",
    type: T.policy,
    from: { stack: PROJECT, env: "dev", name: "data-access" },
    fails: [
      [
        "foreign prefix",
        json((d) =>
          d.Statement.push({
            Effect: "Allow",
            Action: "s3:GetObject",
            Resource: `arn:aws:s3:::glue-lake-bronze-1/${OTHER}/*`,
          }),
        ),
        /grants access to project\(s\) 418680bb/,
      ],
    ],
    unknown: ["policy"],
  },
  {
    policy: "iam-passrole-own-roles-to-glue",
    type: T.policy,
    from: { stack: PROJECT, env: "dev", name: "pass-role" },
    fails: [
      [
        "foreign role",
        json((d) => (d.Statement[0].Resource = [`arn:aws:iam::123456789012:role/${OTHER}-glue-job-role`])),
        /lets the project pass arn:aws:iam::123456789012:role\/project-418680bb/,
      ],
      [
        "no service condition",
        json((d) => delete d.Statement[0].Condition),
        /without iam:PassedToService glue\.amazonaws\.com/,
      ],
    ],
    unknown: ["policy"],
  },
  {
    policy: "iam-glue-sessions-pinned-to-vpc",
    type: T.policy,
    from: { stack: PROJECT, env: "dev", name: "dev-sessions" },
    fails: [
      [
        "no VPC pin",
        json((d) => delete (d.Statement[0].Condition as Props)["ForAllValues:StringEquals"]),
        /without pinning glue:VpcIds/,
      ],
      [
        "no connection required",
        json((d) => delete (d.Statement[0].Condition as Props).Null),
        /without requiring glue:SecurityGroupIds/,
      ],
    ],
    unknown: ["policy"],
  },
  {
    policy: "s3-bucket-sse-kms",
    type: T.bucketSse,
    from: { stack: PROJECT, env: "dev", type: T.bucketSse, name: "scripts" },
    fails: [
      [
        "AES256",
        set(["rules", 0, "applyServerSideEncryptionByDefault"], { sseAlgorithm: "AES256" }),
        /encrypts with AES256/,
      ],
      [
        "aws/s3 key",
        set(["rules", 0, "applyServerSideEncryptionByDefault", "kmsMasterKeyId"], undefined),
        /uses the AWS managed aws\/s3 key/,
      ],
      ["no bucket key", set(["rules", 0, "bucketKeyEnabled"], false), /does not enable S3 Bucket Keys/],
    ],
    unknown: ["rules"],
  },
  {
    policy: "s3-public-access-block-all",
    type: T.bucketPab,
    from: { stack: PROJECT, env: "dev", type: T.bucketPab, name: "temp" },
    fails: [["policy not blocked", set(["blockPublicPolicy"], false), /leaves blockPublicPolicy off/]],
    unknown: ["blockPublicAcls"],
  },
  {
    policy: "s3-bucket-policy-tls-only",
    type: T.bucketPolicy,
    from: { stack: PROJECT, env: "dev", type: T.bucketPolicy, name: "temp" },
    fails: [
      ["no TLS deny", json((d) => d.Statement.splice(0, 1)), /does not deny non-TLS requests/],
      [
        "public read",
        json((d) =>
          d.Statement.push({
            Effect: "Allow",
            Principal: "*",
            Action: "s3:GetObject",
            Resource: "arn:aws:s3:::x/*",
          }),
        ),
        /allows s3:GetObject to everyone/,
      ],
    ],
    // An unknown document is judged at pulumi up; where it comes from is judged at preview by
    // iam-resource-policy-scope (its unknown case below; tests/fixtures/noncompliant/bucket-policy-from-unrelated-output.ts).
    unknown: [],
  },
  {
    policy: "s3-no-deprecated-bucket-types",
    type: T.bucket,
    from: { stack: PROJECT, env: "dev", type: T.bucket, name: "temp" },
    fails: [["inline ACL", set(["acl"], "public-read"), /sets deprecated inline arguments acl/]],
    unknown: ["acl"],
  },
  {
    policy: "kms-key-rotation-and-deletion-window",
    type: T.kmsKey,
    from: { stack: "customer-360-prod", env: "prod", type: T.kmsKey },
    fails: [
      ["no rotation", set(["enableKeyRotation"], false), /does not rotate/],
      ["short window in prod config", set(["deletionWindowInDays"], 7), /has a 7-day deletion window/],
    ],
    config: { minDeletionWindowDays: 30 },
    unknown: ["enableKeyRotation"],
  },
  {
    policy: "required-tags",
    type: T.job,
    from: job,
    // Policies see tagsAll (the provider's Check merges provider defaultTags into it).
    fails: [["no Owner", set(["tagsAll", "Owner"], undefined), /is missing tags Owner/]],
    unknown: ["tagsAll"],
  },
  {
    policy: "prod-data-protected",
    type: T.bucket,
    from: { stack: "customer-360-prod", env: "prod", type: T.bucket, name: "temp" },
    fails: [],
    protect: true,
    unknown: [],
  },
  {
    policy: "network-no-internet-path",
    type: T.routeTable,
    from: { stack: "dev", env: "dev", type: T.routeTable },
    fails: [
      [
        "default route",
        set(["routes"], [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }]),
        /routes\[0\] sends cidrBlock 0\.0\.0\.0\/0 to gatewayId instead of the VPC's local route/,
      ],
    ],
    unknown: ["routes"],
  },
];

async function baseProps(c: ResourceCase): Promise<{ props: Props; resource: CapturedResource }> {
  const s = await stackNamed(c.from.stack, c.from.env);
  const candidates = s.resources.filter(
    (r) => r.type === (c.from.type ?? c.type) && (c.from.name === undefined || r.name === c.from.name),
  );
  const resource = candidates[0] ?? one(s, c.from.type ?? c.type, c.from.name);
  return { props: structuredClone(inputs(resource)), resource };
}

describe("policy pack: resource policies (pass, fail, unknown)", () => {
  for (const c of CASES) {
    const policy = byName(c.policy) as ResourceValidationPolicy;
    describe(`${c.policy} on ${c.type.split(":").pop()}`, () => {
      it("passes the compliant resource our components register", async () => {
        const { props } = await baseProps(c);
        const r = runResourcePolicy(policy, c.type, props, { config: c.config, protect: c.protect });
        assert.deepEqual(r.violations, []);
        assert.equal(r.skippedForUnknown, false);
      });
      for (const [what, mutate, expected] of c.fails) {
        it(`blocks ${what}`, async () => {
          const { props } = await baseProps(c);
          const r = runResourcePolicy(policy, c.type, mutate(props), {
            config: c.config,
            protect: c.protect,
          });
          assert.ok(
            r.violations.some((v) => expected.test(v)),
            `expected ${expected} in ${JSON.stringify(r.violations)}`,
          );
          assert.ok(
            r.violations.every((v) => / Fix: /.test(v)),
            "every message says how to fix it",
          );
        });
      }
      if (c.unknown.length > 0) {
        it(`reports (never silently skips) an unknown ${c.unknown.join(".")}`, async () => {
          const { props } = await baseProps(c);
          const r = runResourcePolicy(policy, c.type, withValue(props, c.unknown, UNKNOWN), {
            config: c.config,
            protect: c.protect,
          });
          assert.equal(r.skippedForUnknown, false);
          assert.ok(
            r.violations.some((v) =>
              /can't be known during preview, so this rule cannot verify it\. Fix: make it known at preview/.test(
                v,
              ),
            ),
            JSON.stringify(r.violations),
          );
        });
      }
    });
  }

  it("prod-data-protected blocks an unprotected bucket", async () => {
    const { props } = await baseProps(CASES.find((c) => c.policy === "prod-data-protected") as ResourceCase);
    const r = runResourcePolicy(byName("prod-data-protected") as ResourceValidationPolicy, T.bucket, props, {
      protect: false,
    });
    assert.match(r.violations[0], /is not protected\. Fix: add the resource option protect: true/);
  });

  it("network-no-internet-path blocks internet and NAT gateways outright", () => {
    for (const type of [T.internetGateway, T.natGateway]) {
      const r = runResourcePolicy(byName("network-no-internet-path") as ResourceValidationPolicy, type, {
        vpcId: "vpc-1",
      });
      assert.match(r.violations[0], /would give the private data network a path out of the VPC/);
    }
  });

  it("s3-no-deprecated-bucket-types blocks the V2 types", () => {
    const r = runResourcePolicy(
      byName("s3-no-deprecated-bucket-types") as ResourceValidationPolicy,
      T.bucketV2,
      { bucket: "x" },
    );
    assert.match(r.violations[0], /uses a deprecated S3 V2 resource type/);
  });

  it("ignores resource types a policy does not judge", () => {
    const r = runResourcePolicy(byName("glue-job-timeout") as ResourceValidationPolicy, T.crawler, {});
    assert.deepEqual(r.violations, []);
  });
});

describe("policy pack: stack policies (pass, fail, unknown)", () => {
  const mutateStack = (
    s: CapturedResource[],
    pick: (r: CapturedResource) => boolean,
    f: (p: Props) => Props,
    field: "inputs" | "outputs" = "outputs",
  ) =>
    s.map((r) =>
      pick(r) ? { ...r, [field]: f(structuredClone(r[field]) as Props) } : r,
    ) as CapturedResource[];

  const stackCases: {
    policy: string;
    stack: [string, string];
    fail: (s: CapturedResource[]) => CapturedResource[];
    expect: RegExp;
    unknown: (s: CapturedResource[]) => CapturedResource[];
    /** The policy's settings as the env's policy config gives them (platform facts included). */
    config?: object;
  }[] = [
    {
      policy: "glue-project-dpu-cap",
      stack: [PROJECT, "dev"],
      fail: (s) =>
        mutateStack(
          s,
          (r) => r.type === T.job,
          (p) => ({ ...p, numberOfWorkers: 40, executionProperty: { maxConcurrentRuns: 2 } }),
        ),
      // (+ the data-quality evaluator's Python shell capacity when the sample has one)
      expect: /project bf149e7b.* can hold 240(\.\d+)? DPU at once .* above the cap of 100/,
      unknown: (s) =>
        mutateStack(
          s,
          (r) => r.type === T.job,
          (p) => ({ ...p, workerType: UNKNOWN }),
        ),
    },
    {
      policy: "glue-connection-project-sg-and-platform-subnet",
      stack: [PROJECT, "dev"],
      config: policyConfigOf("dev", "glue-connection-project-sg-and-platform-subnet"),
      fail: (s) =>
        mutateStack(
          s,
          (r) => r.type === T.connection,
          (p) => withValue(p, ["physicalConnectionRequirements", "subnetId"], "subnet-elsewhere"),
        ),
      expect: /uses subnet subnet-elsewhere, not a platform private subnet/,
      unknown: (s) =>
        mutateStack(
          s,
          (r) => r.type === T.connection,
          (p) => withValue(p, ["physicalConnectionRequirements", "subnetId"], UNKNOWN),
        ),
    },
    {
      policy: "s3-bucket-hardening",
      stack: [PROJECT, "dev"],
      fail: (s) => s.filter((r) => !(r.type === T.bucketVersioning && r.name === "temp")),
      expect: /Bucket 'temp': has no versioning enabled/,
      unknown: (s) =>
        mutateStack(
          s,
          (r) => r.type === T.bucketOwnership,
          (p) => ({ ...p, rule: UNKNOWN }),
        ),
    },
    {
      policy: "network-required-endpoints-and-flow-logs",
      stack: ["dev", "dev"],
      fail: (s) =>
        s
          .filter((r) => !(r.type === T.vpcEndpoint && r.name === "interface-kms"))
          .filter((r) => r.type !== T.flowLog),
      expect: /has no kms interface endpoint/,
      unknown: (s) =>
        mutateStack(
          s,
          (r) => r.type === T.vpcEndpoint,
          (p) => ({ ...p, serviceName: UNKNOWN }),
        ),
    },
    {
      policy: "network-security-group-scope",
      stack: [PROJECT, "dev"],
      fail: (s) =>
        mutateStack(
          s,
          (r) => r.type === T.securityGroup,
          (p) => withValue(p, ["egress", 1, "prefixListIds"], ["pl-0123456789abcdef0"]),
        ),
      expect:
        /egress\[1\] sends traffic to prefix list pl-0123456789abcdef0, not a platform gateway endpoint's/,
      unknown: (s) =>
        mutateStack(
          s,
          (r) => r.type === T.securityGroup,
          (p) => ({ ...p, egress: UNKNOWN }),
        ),
    },
    {
      policy: "iam-attach-only-own-policies",
      stack: [PROJECT, "dev"],
      fail: (s) =>
        mutateStack(
          s,
          (r) => r.type === T.rolePolicyAttachment,
          (p) => ({ ...p, policyArn: `arn:aws:iam::123456789012:policy/${OTHER}-glue-data-access` }),
        ),
      expect:
        /gives arn:aws:iam::123456789012:policy\/project-418680bb.* but it is not that project's own policy/,
      unknown: (s) =>
        mutateStack(
          s,
          (r) => r.type === T.rolePolicyAttachment,
          (p) => ({ ...p, policyArn: UNKNOWN }),
        ),
    },
    {
      policy: "iam-resource-policy-scope",
      stack: [PROJECT, "dev"],
      fail: (s) =>
        mutateStack(
          s,
          (r) => r.type === T.bucketPolicy,
          json((d) =>
            d.Statement.push({
              Effect: "Allow",
              Principal: { AWS: ["*"] },
              Action: "s3:GetObject",
              Resource: "*",
            }),
          ),
        ),
      expect: /allows everyone \(Principal "\*"\) without a condition that pins the account/,
      unknown: (s) =>
        mutateStack(
          s,
          (r) => r.type === T.bucketPolicy,
          (p) => ({ ...p, policy: UNKNOWN }),
        ),
    },
    {
      policy: "kms-customer-managed-keys",
      stack: [PROJECT, "dev"],
      fail: (s) =>
        mutateStack(
          s,
          (r) => r.type === "aws:sns/topic:Topic",
          (p) => ({ ...p, kmsMasterKeyId: "alias/aws/sns" }),
        ),
      expect: /kmsMasterKeyId uses the AWS managed key alias\/aws\/sns/,
      unknown: (s) =>
        s.map((r) =>
          r.type === "aws:sns/topic:Topic"
            ? { ...r, outputs: { ...r.outputs, kmsMasterKeyId: UNKNOWN }, propertyDependencies: {} }
            : r,
        ) as CapturedResource[],
    },
    {
      policy: "glue-role-by-dependency",
      stack: [PROJECT, "dev"],
      fail: (s) => {
        const crawlerRole = s.find(
          (r) => r.type === T.role && String(r.outputs.name).endsWith("-glue-crawler-role"),
        );
        return s.map((r) =>
          r.type === T.job
            ? {
                ...r,
                outputs: { ...r.outputs, roleArn: UNKNOWN },
                propertyDependencies: { roleArn: [crawlerRole?.urn ?? ""] },
              }
            : r,
        ) as CapturedResource[];
      },
      expect: /runs as role "project-bf149e7b-.*-glue-crawler-role"/,
      unknown: (s) =>
        s.map((r) =>
          r.type === T.job
            ? { ...r, outputs: { ...r.outputs, roleArn: UNKNOWN }, propertyDependencies: {} }
            : r,
        ) as CapturedResource[],
    },
  ];
  for (const c of stackCases) {
    describe(c.policy, () => {
      const policy = () => byName(c.policy) as StackValidationPolicy;
      // The settings the CLI would pass: the committed policy config of the env (platform facts included).
      c.config ??= policyConfigOf(c.stack[1], c.policy);
      it("passes the stack our components register", async () => {
        const r = runStackPolicy(policy(), (await stackNamed(...c.stack)).resources, c.config);
        assert.deepEqual(r.violations, []);
      });
      it("blocks the broken stack", async () => {
        const r = runStackPolicy(policy(), c.fail((await stackNamed(...c.stack)).resources), c.config);
        assert.ok(
          r.violations.some((v) => c.expect.test(v)),
          JSON.stringify(r.violations),
        );
      });
      it("reports (never silently skips) an unknown value", async () => {
        const r = runStackPolicy(policy(), c.unknown((await stackNamed(...c.stack)).resources), c.config);
        assert.equal(r.skippedForUnknown, false);
        assert.ok(
          r.violations.some((v) => /can't be known during preview/.test(v)),
          JSON.stringify(r.violations),
        );
      });
    });
  }

  it("the connection placement reads the platform subnets from the policy config (platform facts)", async () => {
    const s = (await stackNamed(PROJECT, "dev")).resources;
    const policy = byName("glue-connection-project-sg-and-platform-subnet") as StackValidationPolicy;
    assert.match(
      runStackPolicy(policy, s, { privateSubnetIds: [] }).violations[0],
      /missing from the policy config/,
    );
    const r = runStackPolicy(policy, s, { privateSubnetIds: ["subnet-pinned"] });
    assert.match(
      r.violations[0],
      /uses subnet subnet-[0-9a-f]+, not a platform private subnet\. Fix: use one of subnet-pinned/,
    );
  });

  it("the DPU cap reads its limit from config", async () => {
    const s = (await stackNamed(PROJECT, "dev")).resources;
    const r = runStackPolicy(byName("glue-project-dpu-cap") as StackValidationPolicy, s, {
      maxProjectDpu: 10,
    });
    assert.match(r.violations[0], /can hold 26(\.\d+)? DPU at once .*above the cap of 10/);
  });
});

/** Policies judged with the stack's identity, covered by tests/pack/stackGuard.test.ts. */
const STACK_GUARD_POLICIES = [
  "stack-identity-known",
  "stack-allowed-resource-types",
  "project-stack-own-project-only",
  "glue-job-special-parameters",
  "glue-trigger-run-overrides",
  "schedule-minimum-interval",
];

describe("policy pack catalogue", () => {
  it("has at least 24 uniquely named policies with full metadata", () => {
    assert.ok(policies.length >= 24, `${policies.length} policies`);
    assert.equal(new Set(policies.map((p) => p.name)).size, policies.length);
    for (const p of policies) {
      assert.match(p.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.notEqual(p.name, "all");
      assert.ok(p.description.length > 20, p.name);
      assert.ok(p.severity, p.name);
      assert.ok(p.remediationSteps && p.remediationSteps.length > 10, p.name);
      assert.ok(p.enforcementLevel, p.name);
      assert.equal(p.configSchema?.properties?.enforcementLevel, undefined);
    }
  });

  it("every policy is exercised by a case above", () => {
    const covered = new Set([
      ...CASES.map((c) => c.policy),
      "glue-project-dpu-cap",
      "glue-connection-project-sg-and-platform-subnet",
      "s3-bucket-hardening",
      "network-required-endpoints-and-flow-logs",
      // Exercised in tests/project/accessLogsAndQueues.test.ts (compliant styles, broken stacks, unknowns).
      "s3-bucket-access-logging",
      "sqs-queue-tls-only",
      "network-security-group-scope",
      "iam-attach-only-own-policies",
      "iam-resource-policy-scope",
      "kms-customer-managed-keys",
      "glue-role-by-dependency",
      // Exercised in tests/project/destinations.test.ts.
      "destinations-in-project",
      // Exercised in tests/pack/triggerGraph.test.ts.
      "glue-trigger-graph",
      "glue-workflow-run-properties",
      // Exercised in tests/pack/projectActionAllowlist.test.ts (literal prefixes, repository stacks).
      "iam-project-action-allowlist",
      // Judged per stack identity: exercised through the gate in tests/pack/stackGuard.test.ts.
      ...STACK_GUARD_POLICIES,
      // exercised in tests/spec/awsRules.test.ts
      ...AWS_RULE_POLICIES,
      // Judged per project-stack identity: exercised by the noncompliant corpus (tests/gate/gate.test.ts)
      // and, for compliance, by every sample stack of both envs.
      "project-scoped-references",
      "project-provider-settings",
      "glue-catalog-table-location",
      // Exercised in tests/project/tableOptimizers.test.ts (planned optimizers pass, each broken field blocked).
      "glue-table-optimizer-scope",
      // Exercised by the noncompliant corpus and the compliant fixtures (tests/gate.test.ts,
      // tests/stackGuard.test.ts); event patterns also in tests/eventPatterns.test.ts.
      "eventbridge-own-events-only",
      "glue-trigger-action-limit",
      "kms-key-single-region",
      "accounts-and-regions-in-platform",
      "glue-s3-locations-in-project",
      "glue-no-external-access-settings",
      "network-security-group-in-platform-vpc",
      "iam-lake-listing-by-project-prefix",
      "resource-policy-no-everyone-grants",
      "resource-policy-project-principal-actions",
      "iam-project-role-trust-exact",
      // Exercised by the noncompliant corpus (tests/gate.test.ts) and tests/gateResourceOptions.test.ts;
      // compliance by every sample stack and the compliant corpus.
      "project-provider-plugin",
      "kms-key-store-and-admin",
      "budget-project-scope",
      "budget-monthly-cost-shape",
      "notification-emails-allowed",
      "dashboard-project-metrics",
      "alarm-project-metrics",
      "event-target-kinds",
      "object-content-sources",
      "project-ignore-changes",
      // Exercised by the noncompliant and compliant corpus (tests/gate/gate.test.ts) and
      // tests/pack/failureChainsAndWorkUnits.test.ts.
      "glue-failure-chain-retries",
      "schedule-floor-same-work",
    ]);
    assert.deepEqual(
      policies.map((p) => p.name).filter((n) => !covered.has(n)),
      [],
    );
  });
});
