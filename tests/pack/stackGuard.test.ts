/**
 * The stack guard: identity learned from the stack (as the CLI hands it to the pack), default-deny
 * resource types, cross-project rejection, overrides, schedule floor, and the gate judging as the
 * engine does (reads kept from stack policies, providers, provider Check's tagsAll, mock rendering).
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { StackValidationPolicy } from "@pulumi/policy";
import { analyzeStack } from "../../tools/gate/evaluate";
import { runOfflineCheck } from "../../tools/gate/offlineCheck";
import { PACK } from "../../tools/gate/offlineCheck";
import { policyDocumentFromInvoke } from "../../tools/runner/mocks";
import { CapturedResource } from "../../tools/runner/runStack";
import { stackIdentity } from "../../policy-pack/lib/stackIdentity";
import { combinedInterval, minIntervalMinutes, parseSchedule } from "../../policy-pack/lib/schedule";
import { PLATFORM_STACK_TYPES, PROJECT_STACK_TYPES } from "../../components/resourceTypes";
import { repositoryStacks } from "../support/offline";
import { runCheckCli } from "../support/checkCli";
import { FIXTURES } from "../support/paths";

const SPEC = path.join(FIXTURES, "project", "project.yaml");
const COMPLIANT = path.join(FIXTURES, "compliant");
const compliantFiles = fs
  .readdirSync(COMPLIANT)
  .filter((f) => f.endsWith(".ts"))
  .map((f) => path.join(COMPLIANT, f));

const runCli = runCheckCli;

describe("stack guard: compliant programs in unusual styles pass", () => {
  it(`passes every program in tests/fixtures/compliant with no mandatory violation`, async () => {
    assert.ok(compliantFiles.length >= 4, String(compliantFiles.length));
    const stacks = await runOfflineCheck({
      envs: ["dev"],
      programs: compliantFiles,
      programSpec: SPEC,
      onlyExtra: true,
    });
    assert.equal(stacks.length, compliantFiles.length);
    for (const s of stacks) {
      assert.equal(s.error, undefined, `${s.name}: ${s.error}`);
      assert.deepEqual(
        s.violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy}: ${v.detail}`),
        [],
        s.name,
      );
    }
  });

  it("provider defaultTags reach tagsAll, and without them the same job is refused", async () => {
    const file = path.join(COMPLIANT, "provider-default-tags.ts");
    const [s] = await runOfflineCheck({
      envs: ["dev"],
      programs: [file],
      programSpec: SPEC,
      onlyExtra: true,
    });
    const job = s.resources.find((r) => r.type === "aws:glue/job:Job");
    assert.equal((job?.inputs.tagsAll as Record<string, string>).Owner, "team@example.com");
    assert.equal(job?.inputs.tags, undefined);
    const dir = fs.mkdtempSync(path.join(FIXTURES, "tmp-"));
    try {
      const twin = path.join(dir, "no-default-tags.ts");
      fs.writeFileSync(
        twin,
        fs
          .readFileSync(file, "utf8")
          .replace("defaultTags: { tags } ", "")
          .replace(/\.\.\/noncompliant/g, "../noncompliant"),
      );
      const [t] = await runOfflineCheck({
        envs: ["dev"],
        programs: [twin],
        programSpec: SPEC,
        onlyExtra: true,
      });
      assert.ok(t.violations.some((v) => v.policy === "required-tags" && v.level === "mandatory"));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("stack guard: the stack's identity", () => {
  const env = (project: string | undefined, stack: string | undefined, config: object | string) => ({
    PULUMI_NODEJS_PROJECT: project,
    PULUMI_NODEJS_STACK: stack,
    PULUMI_CONFIG: typeof config === "string" ? config : JSON.stringify(config),
  });

  it("learns a project stack from its glue-project:spec config, relative to projects/ or absolute", () => {
    const rel = stackIdentity(
      env("glue-project", "customer-360-dev", {
        "glue-project:spec": "customer-360/project.yaml",
        "glue-project:env": "dev",
      }),
    );
    assert.equal(rel.kind, "project");
    assert.equal(rel.kind === "project" && rel.projectId, "bf149e7b-407b-4ac4-bfe4-f21f45a48061");
    const abs = stackIdentity(
      env("glue-project", "x-dev", { "glue-project:spec": SPEC, "glue-project:env": "dev" }),
    );
    assert.equal(abs.kind === "project" && abs.projectId, "7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6");
    assert.equal(stackIdentity(env("glue-platform", "dev", {})).kind, "platform");
  });

  it("fails closed, saying why, when the identity cannot be learned", () => {
    const cases: [ReturnType<typeof env>, RegExp][] = [
      [env(undefined, undefined, {}), /was not told which stack/],
      [env("glue-project", "a-dev", {}), /has no glue-project:spec/],
      [
        env("glue-project", "a-dev", { "glue-project:spec": "nope/project.yaml", "glue-project:env": "dev" }),
        /cannot be read/,
      ],
      [env("glue-project", "a-dev", "{not json"), /not readable/],
      [env("someone-else", "a-dev", {}), /neither glue-platform nor glue-project/],
      [env("glue-project", "a-dev", { "glue-project:spec": SPEC }), /glue-project:env/],
    ];
    for (const [e, why] of cases) {
      const id = stackIdentity(e);
      assert.equal(id.kind, "unknown", JSON.stringify(e));
      assert.match(id.kind === "unknown" ? id.problem : "", why);
    }
  });

  it("refuses a program run without a spec on its stack resource, before anything else", async () => {
    const file = path.join(COMPLIANT, "trigger-own-arguments.ts");
    const [s] = await runOfflineCheck({ envs: ["dev"], programs: [file], onlyExtra: true });
    const hit = s.violations.find((v) => v.policy === "stack-identity-known");
    assert.ok(
      hit && hit.level === "mandatory" && /pulumi:pulumi:Stack/.test(hit.urn ?? ""),
      JSON.stringify(s.violations),
    );
    assert.ok(
      s.violations.some(
        (v) => v.policy === "stack-allowed-resource-types" && /identity is unknown/.test(v.detail),
      ),
    );
  });
});

describe("stack guard: default-deny allowlists", () => {
  it("every type the repository's own stacks register is on their kind's allowlist", async () => {
    for (const s of await repositoryStacks()) {
      const allowed = s.kind === "platform" ? PLATFORM_STACK_TYPES : PROJECT_STACK_TYPES;
      for (const r of s.resources) {
        if (!r.custom || r.read || r.type.startsWith("pulumi:")) continue;
        assert.ok(r.type in allowed, `${s.name}: ${r.type}`);
      }
    }
  });
});

describe("stack guard: schedules", () => {
  it("computes the shortest interval of rate and six-field cron expressions", () => {
    const cases: [string, number][] = [
      ["rate(5 minutes)", 5],
      ["rate(1 hour)", 60],
      ["rate(2 days)", 2880],
      ["cron(0 2 * * ? *)", 1440],
      ["cron(15 * * * ? *)", 60],
      ["cron(0/10 * * * ? *)", 10],
      ["cron(0,30 8-17 ? * MON-FRI *)", 30],
      ["cron(0 0,12 * * ? *)", 720],
      ["cron(* * * * ? *)", 1],
    ];
    for (const [e, n] of cases) assert.equal(minIntervalMinutes(e), n, e);
    for (const bad of ["cron(0 2 * * ?)", "every hour", "rate(0 minutes)", "cron(x * * * ? *)"])
      assert.equal(typeof minIntervalMinutes(bad), "object", bad);
  });
});

describe("gate: judging as the engine does", () => {
  it("never hands read resources (StackReferences, gets) to stack policies", async () => {
    const seen: string[] = [];
    const spy: StackValidationPolicy = {
      name: "spy",
      description: "records what a stack policy receives",
      enforcementLevel: "mandatory",
      validateStack: (args) => {
        seen.push(...args.resources.map((r) => r.type));
      },
    };
    const s = (await repositoryStacks()).find((x) => x.kind === "project");
    if (!s) throw new Error("no project stack was run");
    assert.ok(
      s.resources.some((r) => r.read),
      "a project stack reads the platform",
    );
    await analyzeStack(s.resources as CapturedResource[], [spy], new Map(), PACK);
    assert.ok(seen.length > 0);
    assert.ok(!seen.includes("pulumi:pulumi:StackReference"), seen.join(","));
  });

  it("renders getPolicyDocument as the provider's data source does", () => {
    const doc = JSON.parse(
      policyDocumentFromInvoke({
        statements: [
          {
            effect: "Deny",
            notActions: ["s3:GetObject"],
            notResources: ["arn:aws:s3:::a/*"],
            principals: [{ type: "*", identifiers: ["*"] }],
          },
          {
            actions: ["s3:GetObject", "s3:PutObject"],
            resources: ["*"],
            principals: [{ type: "AWS", identifiers: ["*"] }],
          },
          {
            sid: "N",
            actions: ["sts:AssumeRole"],
            notPrincipals: [{ type: "AWS", identifiers: ["arn:aws:iam::1:root"] }],
            conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
          },
        ],
      }),
    ) as { Statement: Record<string, unknown>[] };
    assert.deepEqual(doc.Statement[0], {
      Effect: "Deny",
      NotAction: "s3:GetObject",
      NotResource: "arn:aws:s3:::a/*",
      Principal: "*",
    });
    assert.deepEqual(doc.Statement[1].Principal, { AWS: "*" });
    assert.deepEqual(doc.Statement[1].Action, ["s3:PutObject", "s3:GetObject"]);
    assert.deepEqual(doc.Statement[2].NotPrincipal, { AWS: "arn:aws:iam::1:root" });
    assert.deepEqual(doc.Statement[2].Condition, { Bool: { "aws:SecureTransport": "false" } });
  });

  it("an unmocked invoke fails the stack, naming the function, in text, JSON and markdown, exit 2", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guard-"));
    const json = path.join(dir, "out.json");
    const md = path.join(dir, "out.md");
    const program = path.join(FIXTURES, "programs", "unmocked-invoke.ts");
    const r = await runCli([
      "--env",
      "dev",
      "--program",
      program,
      "--program-spec",
      SPEC,
      "--json",
      json,
      "--markdown",
      md,
    ]);
    assert.equal(r.code, 2, r.out);
    for (const text of [r.out, fs.readFileSync(json, "utf8"), fs.readFileSync(md, "utf8")])
      assert.match(text, /aws:ec2\/getVpc:getVpc, which the offline check cannot answer/);
  });
});

describe("stack guard: schedules of one target together", () => {
  const firing = (e: string) => {
    const f = parseSchedule(e);
    assert.ok(!("problem" in f), e);
    return f;
  };
  const together = (...expressions: string[]) => combinedInterval(expressions.map(firing));

  it("judges the union of the times several schedules start one target at", () => {
    assert.equal(together("cron(0 * * * ? *)", "cron(30 * * * ? *)"), 30);
    assert.equal(together("cron(0 2 * * ? *)", "cron(0 14 * * ? *)"), 720);
    assert.equal(together("cron(15 * * * ? *)", "cron(15 * * * ? *)"), 0);
    // Different weekdays never fire on one day: the closest runs are a day apart at most.
    assert.equal(together("cron(0 2 ? * MON *)", "cron(30 2 ? * TUE *)"), 1470);
    // A rate's start is AWS's choice, so it can coincide with any other schedule.
    assert.equal(together("rate(1 day)", "cron(0 2 * * ? *)"), 0);
    assert.equal(together("rate(2 hours)"), 120);
  });

  it("finds close runs in years far ahead, and ignores years the schedules never share", () => {
    assert.equal(together("cron(0 * * * ? 2090)", "cron(30 * * * ? 2090)"), 30);
    assert.equal(together("cron(0 * * * ? 2090)", "cron(30 * * * ? 2091)"), 60);
    assert.equal(minIntervalMinutes("cron(* * * * ? 2150)"), 1);
    assert.equal(together("cron(59 23 31 12 ? 2090)", "cron(0 0 1 1 ? 2091)"), 1);
  });
});
