// Default-deny on project identity actions and the literal-prefix scoping rule
// (policy-pack/policies/iamProjectActionAllowlist.ts, policy-pack/lib/literalScope.ts).
import { strict as assert } from "assert";
import { StackValidationPolicy } from "@pulumi/policy";
import { PROJECT_IDENTITY_ACTIONS } from "../../components/project/iamAllowlist";
import { parsePolicyDocument } from "../../policy-pack/lib/iamDoc";
import { literalPrefix, patternInProject } from "../../policy-pack/lib/literalScope";
import { projectIdOfName } from "../../policy-pack/lib/project";
import { policies } from "../../policy-pack/policies";
import { statementProblems } from "../../policy-pack/lib/actionAllowlist";
import { T } from "../../policy-pack/lib/types";
import { repositoryStacks } from "../support/offline";
import { runStackPolicy } from "../support/policyHarness";

const OWN = "11111111-2222-4333-8444-555555555555";
const P = `project-${OWN}`;
const ACCOUNT = "210987654321";
const LAKE = `glue-lake-silver-${ACCOUNT}-eu-west-1-dev`;
const problems = (stmt: object, shared = { env: "dev", accountId: ACCOUNT }) =>
  statementProblems(parsePolicyDocument({ Statement: [stmt] })[0], OWN, shared);
const allow = (Action: unknown, Resource: unknown, extra: object = {}) => ({
  Effect: "Allow",
  Action,
  Resource,
  ...extra,
});

describe("literal prefix of IAM resource patterns", () => {
  it("stops at *, ? and policy variables; ${*} ${?} ${$} are literal characters", () => {
    assert.deepEqual(literalPrefix("a*b"), { literal: "a", wildcard: true });
    assert.deepEqual(literalPrefix("a?b"), { literal: "a", wildcard: true });
    assert.deepEqual(literalPrefix("a${aws:username}b"), { literal: "a", wildcard: true });
    assert.deepEqual(literalPrefix("a${*}b${?}${$}"), { literal: "a*b?$", wildcard: false });
  });

  it("accepts only patterns whose literal part holds the project's own full prefix", () => {
    const inside = [
      `arn:aws:s3:::${P}-scripts-dev/*`,
      `arn:aws:s3:::${LAKE}/${P}/*`,
      `arn:aws:glue:eu-west-1:${ACCOUNT}:table/${P}-catalog-db-raw/*`,
      `arn:aws:glue:eu-west-1:${ACCOUNT}:job/${P}-job-*`,
      `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:${P}/*`,
    ];
    const outside = [
      `arn:aws:s3:::${P.slice(0, 12)}*-scripts-dev/*`,
      `arn:aws:s3:::project-?${OWN.slice(1)}-scripts-dev/*`,
      `arn:aws:s3:::${P}-*/*`,
      `arn:aws:s3:::${P}-scripts-prod/*`,
      `arn:aws:s3:::${LAKE}/*/customers/*`,
      `arn:aws:s3:::${LAKE}/project-*/x/*`,
      `arn:aws:s3:::glue-lake-silver-${ACCOUNT}-eu-west-1-prod/${P}/*`,
      `arn:aws:glue:eu-west-1:${ACCOUNT}:database/${P.slice(0, 16)}-*`,
      `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:*`,
      `arn:aws:s3:::${LAKE}/\${aws:PrincipalTag/Project}/*`,
      "*",
    ];
    for (const r of inside) assert.ok(patternInProject(r, OWN, { env: "dev" }), r);
    for (const r of outside) assert.ok(!patternInProject(r, OWN, { env: "dev" }), r);
  });
});

describe("iam-project-action-allowlist", () => {
  it("refuses actions outside the allowlist, NotAction, wildcard actions, and foreign accounts", () => {
    for (const [action, resource] of [
      ["sts:AssumeRole", "arn:aws:iam::*:role/*"],
      ["lambda:*", "*"],
      ["ec2:CreateRoute", "*"],
      ["iam:PutRolePolicy", `arn:aws:iam::${ACCOUNT}:role/${P}-glue-job-role`],
      ["ssm:GetParameter", `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/${P}/x`],
      ["s3:*", `arn:aws:s3:::${P}-scripts-dev/*`],
      ["*", "*"],
    ])
      assert.ok(problems(allow(action, resource)).length > 0, action);
    assert.ok(problems({ Effect: "Allow", NotAction: ["s3:*", "glue:*"], Resource: "*" }).length > 0);
    assert.ok(
      problems(allow("iam:PassRole", `arn:aws:iam::999988887777:role/${P}-glue-job-role`)).length > 0,
    );
  });

  it("accepts allowlisted actions on own resources, and condition-scoped ones only with own values", () => {
    assert.deepEqual(problems(allow("s3:GetObject", `arn:aws:s3:::${LAKE}/${P}/*`)), []);
    const glueNamespace = { Condition: { StringEquals: { "cloudwatch:namespace": "Glue" } } };
    assert.deepEqual(problems(allow("cloudwatch:PutMetricData", "*", glueNamespace)), []);
    assert.ok(problems(allow("cloudwatch:PutMetricData", "*")).length > 0);
    const sessions = `arn:aws:glue:eu-west-1:${ACCOUNT}:session/*`;
    const tagged = (v: string) => ({ Condition: { StringEquals: { "aws:ResourceTag/Project": v } } });
    assert.deepEqual(problems(allow("glue:GetSession", sessions, tagged(P))), []);
    assert.ok(problems(allow("glue:GetSession", sessions, tagged("project-*"))).length > 0);
    assert.ok(problems(allow("glue:GetSession", sessions)).length > 0);
  });

  it("lists each action once", () => {
    const all = PROJECT_IDENTITY_ACTIONS.flatMap((e) => e.actions.map((a) => a.toLowerCase()));
    assert.equal(new Set(all).size, all.length);
  });

  it("passes every repository project stack, and blocks it once a policy grants an unlisted action", async function () {
    this.timeout(120_000);
    const policy = policies.find((p) => p.name === "iam-project-action-allowlist") as StackValidationPolicy;
    const stacks = (await repositoryStacks()).filter((s) => s.kind === "project");
    assert.ok(stacks.length > 0, "no project stacks in the repository");
    for (const s of stacks) {
      const config = { accountId: "123456789012", env: s.env };
      assert.deepEqual(runStackPolicy(policy, s.resources, config).violations, [], s.name);
      const role = s.resources.find((r) => r.type === T.role && projectIdOfName(String(r.inputs.name)));
      assert.ok(role, `${s.name} has a project role`);
      const props = {
        role: role.inputs.name,
        policy: JSON.stringify({ Statement: [allow("lambda:InvokeFunction", "*")] }),
      };
      const extra = {
        ...role,
        urn: `${role.urn}-extra`,
        type: T.rolePolicy,
        name: "extra",
        inputs: props,
        outputs: props,
      };
      const bad = runStackPolicy(policy, [...s.resources, extra], config).violations;
      assert.ok(
        bad.some((v) => v.includes("lambda:InvokeFunction")),
        `${s.name}: ${bad.join("; ")}`,
      );
    }
  });
});
