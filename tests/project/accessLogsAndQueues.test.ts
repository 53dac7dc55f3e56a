/** Project bucket access logs, queue TLS and the job-state grant: the components, the platform's
 * delivery policy that must accept them, the two pack rules (compliant styles pass, broken stacks and
 * the noncompliant corpus are blocked), and the contract key older platforms lack. */
import { strict as assert } from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { StackValidationPolicy } from "@pulumi/policy";
import { checkContractValue, readPlatformContract, resolvePlatformContract } from "../../components/contract";
import { PlatformNames } from "../../components/naming";
import { policies } from "../../policy-pack/policies";
import { T } from "../../policy-pack/lib/types";
import { runOfflineCheck } from "../../tools/gate/offlineCheck";
import { CapturedResource } from "../../tools/runner/runStack";
import { inputs, repositoryStacks } from "../support/offline";
import { runStackPolicy, UNKNOWN, withValue } from "../support/policyHarness";
import { COMPLIANT_PROGRAMS, FIXTURES as FIXTURE_DIR } from "../support/paths";

type Doc = { Statement: Record<string, unknown>[] };
const LOGGING = "s3-bucket-access-logging";
const QUEUE_TLS = "sqs-queue-tls-only";
const policy = (name: string) => policies.find((p) => p.name === name) as StackValidationPolicy;
const arr = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
const glob = (pattern: string, value: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(value);

async function projectStacks() {
  const stacks = (await repositoryStacks()).filter((s) => s.kind === "project");
  assert.ok(stacks.length > 0, "no project stacks in the repository");
  return stacks;
}

/** Does a bucket policy let S3 log delivery write `key` for a source bucket of `account`? */
function allowsDelivery(doc: Doc, objectArn: string, sourceArn: string, account: string): boolean {
  return doc.Statement.some((s) => {
    const p = s.Principal as { Service?: unknown } | undefined;
    const cond = (s.Condition ?? {}) as Record<string, Record<string, unknown>>;
    return (
      s.Effect === "Allow" &&
      arr(p?.Service).includes("logging.s3.amazonaws.com") &&
      arr(s.Action).some((a) => glob(a, "s3:PutObject")) &&
      arr(s.Resource).some((r) => glob(r, objectArn)) &&
      arr(cond.ArnLike?.["aws:SourceArn"]).some((r) => glob(r, sourceArn)) &&
      arr(cond.StringEquals?.["aws:SourceAccount"]).includes(account)
    );
  });
}

describe("project bucket access logs", () => {
  it("every project bucket logs to the contract's access-log bucket under its own folder, and the platform policy admits exactly that", async () => {
    const all = await repositoryStacks();
    let checked = 0;
    for (const s of await projectStacks()) {
      const platform = all.find((p) => p.kind === "platform" && p.env === s.env);
      assert.ok(platform, `no platform stack for ${s.env}`);
      const target = String(platform.outputs.accessLogBucket);
      const account = String(platform.outputs.accountId);
      const policyDoc = platform.resources.find(
        (r) => r.type === T.bucketPolicy && inputs(r).bucket === target,
      );
      assert.ok(policyDoc, `platform ${s.env} has no policy on ${target}`);
      const doc = JSON.parse(String(inputs(policyDoc).policy)) as Doc;
      const buckets = s.resources.filter((r) => r.type === T.bucket);
      assert.ok(buckets.length >= 3, s.name);
      for (const b of buckets) {
        const name = String(inputs(b).bucket);
        const logging = s.resources.filter((r) => r.type === T.bucketLogging && inputs(r).bucket === name);
        assert.equal(logging.length, 1, `${s.name}: ${name}`);
        const { targetBucket, targetPrefix } = inputs(logging[0]) as Record<string, string>;
        assert.equal(targetBucket, target, `${s.name}: ${name}`);
        const project = /^(project-[0-9a-f-]{36})-/.exec(name)?.[1];
        assert.ok(project && targetPrefix.startsWith(`${project}/`), `${name} logs under ${targetPrefix}`);
        const objectArn = `arn:aws:s3:::${target}/${targetPrefix}2026-01-01-00-00-00-ABCDEF`;
        assert.ok(allowsDelivery(doc, objectArn, `arn:aws:s3:::${name}`, account), `${name} → ${objectArn}`);
        // The platform policy is no broader: another account, or a project bucket writing into a
        // platform folder, is not admitted.
        assert.ok(!allowsDelivery(doc, objectArn, `arn:aws:s3:::${name}`, "999999999999"));
        assert.ok(!allowsDelivery(doc, `arn:aws:s3:::${target}/bronze/x`, `arn:aws:s3:::${name}`, account));
        checked++;
      }
    }
    assert.ok(checked > 0);
  });

  it("the platform's own buckets are admitted into their own folders only", async () => {
    for (const platform of (await repositoryStacks()).filter((p) => p.kind === "platform")) {
      const target = String(platform.outputs.accessLogBucket);
      const account = String(platform.outputs.accountId);
      const doc = JSON.parse(
        String(
          inputs(platform.resources.find((r) => r.type === T.bucketPolicy && inputs(r).bucket === target)!)
            .policy,
        ),
      ) as Doc;
      const loggings = platform.resources.filter((r) => r.type === T.bucketLogging);
      assert.ok(loggings.length >= 3, platform.name);
      for (const l of loggings) {
        const source = platform.resources.find(
          (r) => r.type === T.bucket && (l.propertyDependencies.bucket ?? []).includes(r.urn),
        );
        assert.ok(source, l.urn);
        const sourceArn = `arn:aws:s3:::${String(inputs(source).bucket)}`;
        const prefix = String(inputs(l).targetPrefix);
        assert.ok(allowsDelivery(doc, `arn:aws:s3:::${target}/${prefix}x`, sourceArn, account), prefix);
        assert.ok(!allowsDelivery(doc, `arn:aws:s3:::${target}/project-x/x`, sourceArn, account), prefix);
      }
    }
  });
});

describe("dead-letter queue policy", () => {
  it("every project queue has a policy that denies every SQS action without TLS and allows no one", async () => {
    let checked = 0;
    for (const s of await projectStacks()) {
      for (const q of s.resources.filter((r) => r.type === T.queue)) {
        const policies = s.resources.filter(
          (r) => r.type === T.queuePolicy && (r.propertyDependencies.queueUrl ?? []).includes(q.urn),
        );
        assert.equal(policies.length, 1, `${s.name}: ${q.name}`);
        const doc = JSON.parse(String(inputs(policies[0]).policy)) as Doc;
        assert.deepEqual(
          doc.Statement.map((st) => [st.Effect, st.Principal, st.Action, st.Condition]),
          [["Deny", "*", "sqs:*", { Bool: { "aws:SecureTransport": "false" } }]],
        );
        assert.match(String(doc.Statement[0].Resource), new RegExp(`:${String(inputs(q).name)}$`));
        checked++;
      }
    }
    assert.ok(checked > 0);
  });
});

describe("job-state table grants", () => {
  it("no IAM document grants on the index ARNs of a table without secondary indexes", async () => {
    for (const s of await projectStacks()) {
      const tables = s.resources.filter((r) => r.type === "aws:dynamodb/table:Table");
      assert.ok(tables.length > 0, s.name);
      const documents = s.resources
        .filter((r) => r.type === T.policy || r.type === T.rolePolicy)
        .map((r) => String(inputs(r).policy));
      for (const t of tables) {
        const i = inputs(t);
        if (arr(i.globalSecondaryIndexes).length + arr(i.localSecondaryIndexes).length > 0) continue;
        const indexArn = `:table/${String(i.name)}/index/`;
        for (const d of documents) assert.ok(!d.includes(indexArn), `${s.name}: ${indexArn} granted`);
      }
    }
  });
});

describe("pack rules: queue TLS and bucket access logging", () => {
  const FIXTURES = COMPLIANT_PROGRAMS;
  const mutate = (
    s: CapturedResource[],
    pick: (r: CapturedResource) => boolean,
    f: (p: Record<string, unknown>) => Record<string, unknown>,
  ) =>
    s.map((r) =>
      pick(r)
        ? { ...r, outputs: f(structuredClone(r.outputs) as Record<string, unknown>) as typeof r.outputs }
        : r,
    ) as CapturedResource[];
  const firstProject = async () => (await projectStacks())[0].resources;

  it("passes every compliant style (component helper, inline, literal URL/name, same-stack target)", async () => {
    const stacks = await runOfflineCheck({
      envs: ["dev"],
      // bucket-logging-styles.ts creates bare buckets (only their logging is the point), so it is kept
      // out of the compliant corpus, which must pass the whole pack.
      programs: [
        path.join(FIXTURES, "queue-tls-styles.ts"),
        path.join(FIXTURE_DIR, "rule-styles", "bucket-logging-styles.ts"),
      ],
      onlyExtra: true,
    });
    for (const s of stacks) {
      assert.equal(s.error, undefined, s.name);
      assert.ok(
        s.resources.filter((r) => r.type === T.queue || r.type === T.bucket).length >= 3,
        `${s.name} judges at least three queues or buckets`,
      );
      assert.deepEqual(
        s.violations.filter((v) => v.policy === LOGGING || v.policy === QUEUE_TLS),
        [],
        s.name,
      );
    }
  });

  it("blocks a project stack whose queue policy is gone, or whose TLS deny covers one action", async () => {
    const base = await firstProject();
    assert.deepEqual(runStackPolicy(policy(QUEUE_TLS), base).violations, []);
    const gone = runStackPolicy(
      policy(QUEUE_TLS),
      base.filter((r) => r.type !== T.queuePolicy),
    );
    assert.match(gone.violations.join("\n"), /Queue 'dead-letter': has no queue policy, so it accepts/);
    const narrow = runStackPolicy(
      policy(QUEUE_TLS),
      mutate(
        base,
        (r) => r.type === T.queuePolicy,
        (p) => withValue(p, ["policy"], String(p.policy).replace('"sqs:*"', '"sqs:SendMessage"')),
      ),
    );
    assert.match(narrow.violations.join("\n"), /has no queue policy statement denying every SQS action/);
  });

  it("blocks a project stack whose bucket does not log, or logs under another folder", async () => {
    const base = await firstProject();
    assert.deepEqual(runStackPolicy(policy(LOGGING), base).violations, []);
    const gone = runStackPolicy(
      policy(LOGGING),
      base.filter((r) => !(r.type === T.bucketLogging && r.name === "temp")),
    );
    assert.match(gone.violations.join("\n"), /Bucket 'temp': has no server access logging/);
    const moved = runStackPolicy(
      policy(LOGGING),
      mutate(
        base,
        (r) => r.type === T.bucketLogging && r.name === "scripts",
        (p) => ({ ...p, targetPrefix: "scripts/" }),
      ),
    );
    assert.match(moved.violations.join("\n"), /under "scripts\/", outside its project's folder/);
    const exact = runStackPolicy(policy(LOGGING), base, { accessLogBucket: "some-other-log-bucket" });
    assert.match(exact.violations.join("\n"), /sends access logs to "glue-lake-access-logs-/);
  });

  it("reports (never silently skips) an unknown queue policy or logging target", async () => {
    const base = await firstProject();
    const q = runStackPolicy(
      policy(QUEUE_TLS),
      mutate(
        base,
        (r) => r.type === T.queuePolicy,
        (p) => ({ ...p, policy: UNKNOWN }),
      ),
    );
    const l = runStackPolicy(
      policy(LOGGING),
      mutate(
        base,
        (r) => r.type === T.bucketLogging,
        (p) => ({ ...p, targetBucket: UNKNOWN }),
      ),
    );
    for (const r of [q, l]) {
      assert.equal(r.skippedForUnknown, false);
      assert.match(r.violations.join("\n"), /can't be known during preview/);
    }
  });
});

describe("contract: accessLogBucket", () => {
  const base = {
    env: "dev",
    accountId: "123456789012",
    region: "eu-west-1",
    partition: "aws",
  };
  /** A StackReference stand-in: resolvePlatformContract only calls getOutputDetails. */
  const ref = (outputs: Record<string, unknown>) =>
    ({
      getOutputDetails: (k: string) => Promise.resolve(outputs[k] === undefined ? {} : { value: outputs[k] }),
    }) as unknown as pulumi.StackReference;

  it("derives the name when an older platform stack lacks the output, and type-checks a present one", async () => {
    assert.equal(checkContractValue("o/glue-platform/dev", "accessLogBucket", undefined), undefined);
    assert.match(
      checkContractValue("o/glue-platform/dev", "accessLogBucket", 7) ?? "",
      /output 'accessLogBucket' should be string but is 7/,
    );
    // Every other key present (values only need to pass their checks).
    const full: Record<string, unknown> = {
      ...base,
      vpcId: "vpc-1",
      vpcCidr: "10.0.0.0/16",
      privateSubnetIds: ["subnet-1"],
      privateSubnetAzs: ["eu-west-1a"],
      routeTableIds: ["rtb-1"],
      endpointIds: { s3: "vpce-1" },
      s3GatewayEndpointId: "vpce-1",
      s3PrefixListId: "pl-1",
      dynamodbPrefixListId: "pl-2",
      endpointSecurityGroupId: "sg-1",
      platformKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k",
      lakeBuckets: Object.fromEntries(["bronze", "silver", "gold"].map((l) => [l, { name: l, arn: l }])),
      governanceLimits: { maxWorkersPerJob: 10, maxProjectDpu: 100 },
      devPrincipalArnPatterns: ["arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*"],
      costAllocationTagsActive: false,
    };
    const older = await resolvePlatformContract(ref(full), "o/glue-platform/dev");
    assert.equal(older.accessLogBucket, new PlatformNames("dev", base).accessLogBucket());
    const newer = await resolvePlatformContract(ref({ ...full, accessLogBucket: "given" }), "o/x/dev");
    assert.equal(newer.accessLogBucket, "given");
    await assert.rejects(
      resolvePlatformContract(ref({ ...full, vpcId: undefined }), "o/glue-platform/dev"),
      /has no output 'vpcId'/,
    );
    // The Output flavour derives the same name.
    const outputs = (values: Record<string, unknown>) =>
      ({ getOutput: (k: string) => pulumi.output(values[k]) }) as unknown as pulumi.StackReference;
    const read = readPlatformContract(outputs(full), "o/glue-platform/dev");
    const value = await new Promise<string>((resolve) => read.accessLogBucket.apply(resolve));
    assert.equal(value, older.accessLogBucket);
  });
});
