/** A new wildcard must come with its reason: every wildcard the repository's stacks grant matches a
 * reason of tools/wildcards/accepted.ts, and every reason is written up in docs/decisions.md. */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { ACCEPTED_WILDCARDS, reasonsFor } from "../../tools/wildcards/accepted";
import { wildcardsOf } from "../../tools/wildcards/inventory";
import { CapturedResource } from "../../tools/runner/runStack";
import { customResource } from "../../tools/runner/capturedResource";
import { REPO_ROOT } from "../../tools/runner/discover";
import { repositoryStacks } from "../support/offline";

const DECISIONS = fs.readFileSync(path.join(REPO_ROOT, "docs", "decisions.md"), "utf8");

/** A captured resource holding one policy document, for matcher cases. */
function holder(type: string, statement: object): CapturedResource {
  return customResource({
    urn: `urn:pulumi:s::p::${type}::x`,
    type,
    name: "x",
    inputs:
      type === "aws:iam/role:Role"
        ? { inlinePolicies: [{ name: "i", policy: JSON.stringify({ Statement: [statement] }) }] }
        : { policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }) },
  });
}
const POLICY = "aws:iam/policy:Policy";
const P = "project-7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6";
const accepted = (type: string, statement: object) =>
  wildcardsOf([holder(type, statement)]).every((w) => reasonsFor(w).length > 0);

describe("accepted wildcards", () => {
  it("every wildcard the repository's stacks grant has a documented reason", async () => {
    const stacks = await repositoryStacks();
    const unexplained: string[] = [];
    const used = new Set<string>();
    let count = 0;
    for (const s of stacks) {
      assert.equal(s.error, undefined, s.name);
      for (const w of wildcardsOf(s.resources)) {
        count++;
        const reasons = reasonsFor(w);
        reasons.forEach((r) => used.add(r.id));
        if (reasons.length === 0)
          unexplained.push(`${s.name}: ${w.holder} ${w.sid ?? "(no Sid)"}: ${w.action} on ${w.resource}`);
      }
    }
    assert.ok(count > 0, "no wildcard found at all: the inventory reads nothing");
    assert.deepEqual(
      [...new Set(unexplained)],
      [],
      "wildcards without a reason: scope them, or add a reason to tools/wildcards/accepted.ts and docs/decisions.md",
    );
    assert.deepEqual(
      ACCEPTED_WILDCARDS.map((r) => r.id).filter((id) => !used.has(id)),
      [],
      "reasons no stack needs any more: remove them from tools/wildcards/accepted.ts and docs/decisions.md",
    );
  });

  it("every reason is written up in docs/decisions.md", () => {
    for (const r of ACCEPTED_WILDCARDS) assert.ok(DECISIONS.includes(`\`${r.id}\``), r.id);
  });

  it("rejects wildcards of no accepted shape", () => {
    const rejected: [string, string, object][] = [
      [
        "data action on every bucket",
        POLICY,
        { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*" },
      ],
      [
        "wildcard action on a project path",
        POLICY,
        { Effect: "Allow", Action: "s3:*", Resource: `arn:aws:s3:::${P}-temp-dev/*` },
      ],
      [
        "resource-bearing action on *",
        POLICY,
        { Effect: "Allow", Action: "glue:StartJobRun", Resource: "*" },
      ],
      [
        "jobs of every project",
        POLICY,
        {
          Effect: "Allow",
          Action: "glue:StartJobRun",
          Resource: "arn:aws:glue:eu-west-1:123456789012:job/*",
        },
      ],
      [
        "own jobs by name prefix (the spec names them: grant them exactly)",
        POLICY,
        {
          Effect: "Allow",
          Action: "glue:StartJobRun",
          Resource: `arn:aws:glue:eu-west-1:123456789012:job/${P}-job-*`,
        },
      ],
      [
        "own databases by name prefix",
        POLICY,
        {
          Effect: "Allow",
          Action: "glue:GetTable",
          Resource: `arn:aws:glue:eu-west-1:123456789012:table/${P}-catalog-db-*/*`,
        },
      ],
      [
        "any key without the alias condition",
        POLICY,
        { Effect: "Allow", Action: "kms:Decrypt", Resource: "arn:aws:kms:eu-west-1:123456789012:key/*" },
      ],
      [
        "untagged ENI grant",
        POLICY,
        {
          Effect: "Allow",
          Action: "ec2:DeleteNetworkInterface",
          Resource: "arn:aws:ec2:eu-west-1:123456789012:network-interface/*",
        },
      ],
      [
        "every log group",
        POLICY,
        {
          Effect: "Allow",
          Action: "logs:PutLogEvents",
          Resource: "arn:aws:logs:eu-west-1:123456789012:log-group:*",
        },
      ],
      ["role inline policy", "aws:iam/role:Role", { Effect: "Allow", Action: "s3:*", Resource: "*" }],
      ["NotResource", POLICY, { Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::x/*" }],
      [
        "kms:* to a service",
        "aws:kms/key:Key",
        { Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: "kms:*", Resource: "*" },
      ],
      [
        "open endpoint policy",
        "aws:ec2/vpcEndpoint:VpcEndpoint",
        { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" },
      ],
    ];
    for (const [what, type, st] of rejected) assert.equal(accepted(type, st), false, what);
  });

  it("accepts each documented shape, and ignores Deny statements and exact grants", () => {
    const ok: [string, string, object][] = [
      ["resource-less action", POLICY, { Effect: "Allow", Action: "ec2:DescribeSubnets", Resource: "*" }],
      [
        "own folder",
        POLICY,
        { Effect: "Allow", Action: "s3:PutObject", Resource: `arn:aws:s3:::glue-lake-bronze-x/${P}/*` },
      ],
      [
        "tables of an own database",
        POLICY,
        {
          Effect: "Allow",
          Action: "glue:GetTable",
          Resource: `arn:aws:glue:eu-west-1:123456789012:table/${P}-catalog-db-silver/*`,
        },
      ],
      ["deny everything", POLICY, { Effect: "Deny", Action: "*", Resource: "*" }],
      [
        "exact grant",
        POLICY,
        { Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:eu-west-1:123456789012:q" },
      ],
    ];
    for (const [what, type, st] of ok) assert.equal(accepted(type, st), true, what);
  });
});
