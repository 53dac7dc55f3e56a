import { strict as assert } from "assert";
import { StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../policy-pack/lib/types";
import { CapturedResource } from "../../tools/runner/runStack";
import { stackNamed } from "../support/offline";
import { byName, json, OTHER, policyConfigOf, PROJECT, Props } from "../support/policyCases";
import { runStackPolicy, UNKNOWN, withValue } from "../support/policyHarness";

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
