/**
 * The mutation check of the isolation proof: every single-field mutant of the sample projects'
 * resources is blocked by the policy that guards that field.
 */
import { strict as assert } from "assert";
import * as path from "path";
import { policies, PACK_ENFORCEMENT_LEVEL } from "../../policy-pack/policies";
import { T } from "../../policy-pack/lib/types";
import { PACK } from "../../tools/gate/offlineCheck";
import { evaluateStack } from "../../tools/gate/evaluate";
import { effectivePolicyConfig, readPolicyConfigFile } from "../../tools/gate/policyConfig";
import { REPO_ROOT } from "../../tools/runner/discover";
import { policyDocument, repositoryStacks } from "../support/offline";
import { withValue } from "../support/policyHarness";

const MUTANTS: {
  name: string;
  type: string;
  policy: string;
  mutate: (p: Record<string, unknown>) => Record<string, unknown>;
}[] = [
  {
    name: "connection removed",
    type: T.job,
    policy: "glue-job-requires-project-connection",
    mutate: (p) => ({ ...p, connections: [] }),
  },
  {
    name: "crawler role on a job",
    type: T.job,
    policy: "glue-job-uses-project-job-role",
    mutate: (p) => ({ ...p, roleArn: String(p.roleArn).replace("-job-role", "-crawler-role") }),
  },
  {
    name: "foreign job role",
    type: T.job,
    policy: "glue-job-uses-project-job-role",
    mutate: (p) => ({
      ...p,
      roleArn: "arn:aws:iam::123456789012:role/project-0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9-glue-job-role",
    }),
  },
  {
    name: "workers over cap",
    type: T.job,
    policy: "glue-job-worker-limits",
    mutate: (p) => (p.workerType ? { ...p, numberOfWorkers: 60 } : { ...p, maxCapacity: 5 }),
  },
  {
    name: "12-hour timeout",
    type: T.job,
    policy: "glue-job-timeout",
    mutate: (p) => ({ ...p, timeout: 720 }),
  },
  {
    name: "retries with queuing",
    type: T.job,
    policy: "glue-job-retries",
    mutate: (p) => ({ ...p, maxRetries: 1, jobRunQueuingEnabled: true }),
  },
  {
    name: "no security configuration",
    type: T.job,
    policy: "glue-uses-project-security-configuration",
    mutate: (p) => ({ ...p, securityConfiguration: undefined }),
  },
  {
    name: "end-of-life Glue",
    type: T.job,
    policy: "glue-job-version-allowlist",
    mutate: (p) => ({ ...p, glueVersion: "1.0" }),
  },
  {
    name: "logging overridable",
    type: T.job,
    policy: "glue-job-logging-arguments",
    mutate: (p) => ({
      ...p,
      nonOverridableArguments: { ...(p.nonOverridableArguments as object), "--enable-metrics": undefined },
    }),
  },
  {
    name: "script from a foreign bucket",
    type: T.job,
    policy: "glue-job-code-from-project-bucket",
    mutate: (p) => ({ ...p, command: { ...(p.command as object), scriptLocation: "s3://elsewhere/x.py" } }),
  },
  {
    name: "secret in arguments",
    type: T.job,
    policy: "glue-job-no-secrets-in-arguments",
    mutate: (p) => ({ ...p, defaultArguments: { ...(p.defaultArguments as object), "--api-token": "x" } }),
  },
  {
    name: "foreign bucket prefix",
    type: T.crawler,
    policy: "glue-crawler-targets-project-prefixes",
    mutate: (p) =>
      withValue(
        p,
        ["s3Targets", 0, "path"],
        String((p.s3Targets as { path: string }[])[0].path).replace(
          /project-[0-9a-f-]{36}/,
          "project-0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
        ),
      ),
  },
  {
    name: "crawler runs as job role",
    type: T.crawler,
    policy: "glue-crawler-project-role-and-database",
    mutate: (p) => ({ ...p, role: String(p.role).replace("-crawler-role", "-job-role") }),
  },
  {
    name: "crawler deletes tables",
    type: T.crawler,
    policy: "glue-crawler-no-delete-from-database",
    mutate: (p) => ({ ...p, schemaChangePolicy: { deleteBehavior: "DELETE_FROM_DATABASE" } }),
  },
  {
    name: "trigger starts a foreign job",
    type: T.trigger,
    policy: "glue-trigger-same-project",
    mutate: (p) =>
      withValue(p, ["actions", 0], { jobName: "project-0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9-job-x" }),
  },
  {
    name: "world-open ingress",
    type: T.securityGroup,
    policy: "security-group-no-open-ingress",
    mutate: (p) => ({
      ...p,
      ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
    }),
  },
  {
    name: "trust widened",
    type: T.role,
    policy: "iam-project-role-trust",
    mutate: (p) => ({
      ...p,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }],
      }),
    }),
  },
  {
    name: "s3:* on *",
    type: T.policy,
    policy: "iam-no-wildcard-data-resources",
    mutate: (p) => ({
      ...p,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          ...policyDocument(p.policy).Statement,
          { Effect: "Allow", Action: "s3:*", Resource: "*" },
        ],
      }),
    }),
  },
  {
    name: "bucket encryption AES256",
    type: T.bucketSse,
    policy: "s3-bucket-sse-kms",
    mutate: (p) => ({ ...p, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }),
  },
  {
    name: "public access allowed",
    type: T.bucketPab,
    policy: "s3-public-access-block-all",
    mutate: (p) => ({ ...p, restrictPublicBuckets: false }),
  },
  {
    name: "TLS deny removed",
    type: T.bucketPolicy,
    policy: "s3-bucket-policy-tls-only",
    mutate: (p) => ({
      ...p,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: policyDocument(p.policy).Statement.filter((s) => s.Sid !== "DenyInsecureTransport"),
      }),
    }),
  },
  {
    name: "key rotation off",
    type: T.kmsKey,
    policy: "kms-key-rotation-and-deletion-window",
    mutate: (p) => ({ ...p, enableKeyRotation: false }),
  },
  {
    name: "tags dropped",
    type: T.job,
    policy: "required-tags",
    // Check recomputes tagsAll from the tags (no provider default tags in the sample stacks).
    mutate: (p) => ({ ...p, tags: { Project: "x" }, tagsAll: { Project: "x" } }),
  },
  {
    name: "bookmarks encryption off",
    type: T.securityConfiguration,
    policy: "glue-encryption-settings",
    mutate: (p) =>
      withValue(p, ["encryptionConfiguration", "jobBookmarksEncryption"], {
        jobBookmarksEncryptionMode: "DISABLED",
      }),
  },
  {
    name: "JDBC connection",
    type: T.connection,
    policy: "glue-connection-network-in-private-subnet",
    mutate: (p) => ({ ...p, connectionType: "JDBC" }),
  },
];

describe("mutation check: every single-field mutant of the sample projects is blocked by its policy", function () {
  this.timeout(300000);

  it("kills 100% of mutants", async () => {
    const stacks = (await repositoryStacks()).filter((s) => s.project === "glue-project");
    let total = 0;
    const survivors: string[] = [];
    const configs = new Map(
      ["dev", "prod"].map((env) => [
        env,
        effectivePolicyConfig(
          policies,
          readPolicyConfigFile(path.join(REPO_ROOT, "policy-pack", "config", `${env}.json`)),
          PACK_ENFORCEMENT_LEVEL,
        ),
      ]),
    );
    for (const s of stacks) {
      for (const m of MUTANTS) {
        for (const target of s.resources.filter((r) => r.type === m.type)) {
          total++;
          const mutated = s.resources.map((r) =>
            r === target
              ? {
                  ...r,
                  inputs: m.mutate(structuredClone(r.inputs)) as never,
                  outputs: m.mutate(structuredClone(r.outputs)) as never,
                }
              : r,
          );
          const violations = await evaluateStack(mutated, policies, configs.get(s.env) as never, PACK, {
            project: s.project,
            stack: s.name,
            config: s.config,
          });
          if (
            !violations.some(
              (v) =>
                v.policy === m.policy &&
                v.level === "mandatory" &&
                (v.urn === target.urn || v.urn === undefined),
            )
          )
            survivors.push(`${s.name} ${target.name}: ${m.name}`);
        }
      }
    }
    const rate = ((total - survivors.length) / total) * 100;
    console.log(
      `      mutation kill rate: ${rate.toFixed(1)}% (${total - survivors.length}/${total} mutants of ${stacks.length} stacks)`,
    );
    assert.ok(total >= 200, String(total));
    assert.deepEqual(survivors, []);
  });

  it("every mandatory resource-policy family has a mutant", () => {
    const covered = new Set(MUTANTS.map((m) => m.policy));
    assert.ok(covered.size >= 20, String(covered.size));
  });
});
