/** Onboarding through the Automation API adapter (a test double): what it writes, the stack it
 * creates and configures, preview and deploy with the policy pack, and its exit codes. */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { onboard, parseOnboardArgs, OnboardInputError } from "../../tools/automation/onboard";
import { ConfigValues, EngineEvent } from "../../tools/automation/workspace";
import { runOfflineCheck } from "../../tools/gate/offlineCheck";
import { FakeWorkspace, quiet, resOutputs } from "../support/fakeWorkspace";
import { scratchRepo, snapshot } from "../support/scratchRepo";

const base = ["--name", "demo", "--owner", "team@example.com", "--cost-center", "CC-7", "--env", "dev"];
const deps = (root: string, ws: FakeWorkspace, built: string[] = []) => ({
  repoRoot: root,
  workspace: () => ws,
  log: quiet,
  buildPack: (r: string) => void built.push(r),
});

const policyEvent = (level: string): EngineEvent =>
  ({
    sequence: 0,
    timestamp: 0,
    policyEvent: {
      resourceUrn: "urn:x",
      message: "Every Glue job…\nJob 'x': has no connection",
      color: "never",
      policyName: "glue-job-requires-project-connection",
      policyPackName: "glue-platform-guardrails",
      policyPackVersion: "1.0.0",
      policyPackVersionTag: "1.0.0",
      enforcementLevel: level,
    },
  }) as unknown as EngineEvent;

describe("onboarding", () => {
  it("reports every bad input at once", () => {
    assert.throws(
      () =>
        parseOnboardArgs([
          "--name",
          "Bad_Slug",
          "--owner",
          "not-an-email",
          "--env",
          "qa",
          "--id",
          "123",
          "--budget=0",
          "--up",
        ]),
      (e: unknown) =>
        e instanceof OnboardInputError &&
        e.problems.length === 7 &&
        e.problems.includes(
          "--name \"Bad_Slug\" must be 3–32 lowercase letters, digits or '-', starting with a letter",
        ) &&
        e.problems.includes('--owner "not-an-email" is not an email address') &&
        e.problems.includes("--cost-center is required, e.g. --cost-center CC-1042") &&
        e.problems.includes('--env "qa" must be one of dev, prod') &&
        e.problems.includes('--id "123" is not a lowercase UUID v4') &&
        e.problems.includes('--budget "0" must be a positive number of USD (≤ 1,000,000)') &&
        e.problems.includes("--up deploys resources: add --yes to confirm (runs are non-interactive)"),
    );
  });

  it("rejects unknown flags and writes nothing on invalid input", async () => {
    const root = scratchRepo("copy");
    const before = snapshot(root);
    assert.throws(() => parseOnboardArgs([...base, "--colour", "red"]), /Unknown option '--colour'/);
    const ws = new FakeWorkspace();
    const churnId = (
      parse(fs.readFileSync(path.join(root, "projects/churn-features/project.yaml"), "utf8")) as {
        projectId: string;
      }
    ).projectId;
    const r = await onboard(parseOnboardArgs([...base, "--id", churnId]), deps(root, ws));
    assert.equal(r.exitCode, 2);
    assert.deepEqual(r.problems, [`project id ${churnId} already belongs to project "churn-features"`]);
    assert.deepEqual(snapshot(root), before);
    assert.deepEqual(ws.calls, []);
  });

  it("--dry-run prints the plan, needs no Pulumi CLI and changes nothing", async () => {
    const root = scratchRepo("copy");
    const before = snapshot(root);
    const ws = new FakeWorkspace({ cli: false });
    const lines: string[] = [];
    const r = await onboard(parseOnboardArgs([...base, "--dry-run"]), {
      ...deps(root, ws),
      log: (l) => lines.push(l),
    });
    assert.equal(r.exitCode, 0);
    assert.deepEqual(snapshot(root), before);
    assert.deepEqual(ws.calls, []);
    assert.match(
      lines.join("\n"),
      /create projects\/demo\/project\.yaml[\s\S]*create projects\/Pulumi\.demo-dev\.yaml[\s\S]*dry run: nothing was written/,
    );
  });

  it("fails fast without the Pulumi CLI, before writing anything", async () => {
    const root = scratchRepo("copy");
    const before = snapshot(root);
    const r = await onboard(
      parseOnboardArgs([...base, "--preview"]),
      deps(root, new FakeWorkspace({ cli: false })),
    );
    assert.equal(r.exitCode, 3);
    assert.match(
      r.problems[0],
      /the Pulumi CLI is required for this step but was not found \(pulumi not on PATH\)\. Install it/,
    );
    assert.deepEqual(snapshot(root), before);
  });

  it("writes a valid spec and stack config, configures the stack with the same values, and a rerun converges", async () => {
    const root = scratchRepo("copy");
    const ws = new FakeWorkspace();
    const first = await onboard(parseOnboardArgs([...base, "--budget", "350"]), deps(root, ws));
    assert.equal(first.exitCode, 0, first.problems.join("\n"));
    const specFile = path.join(root, "projects/demo/project.yaml");
    const spec = parse(fs.readFileSync(specFile, "utf8")) as {
      projectId: string;
      environments: string[];
      monthlyBudgetUsd: number;
      owner: string;
    };
    assert.match(spec.projectId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(
      [spec.environments, spec.monthlyBudgetUsd, spec.owner],
      [["dev"], 350, "team@example.com"],
    );
    const stackFile = parse(fs.readFileSync(path.join(root, "projects/Pulumi.demo-dev.yaml"), "utf8")) as {
      config: Record<string, string>;
    };
    const set = ws.config.get("demo-dev") as ConfigValues;
    assert.deepEqual(Object.fromEntries(Object.entries(set).map(([k, v]) => [k, v.value])), stackFile.config);
    assert.deepEqual(stackFile.config, {
      "aws:region": "eu-west-1",
      // onboarding copies the dev platform's pinned account, whatever id the repository sets
      "aws:allowedAccountIds": JSON.stringify(
        (
          parse(fs.readFileSync(path.join(root, "Pulumi.dev.yaml"), "utf8")) as {
            config: Record<string, unknown>;
          }
        ).config["aws:allowedAccountIds"],
      ),
      "glue-project:spec": "demo/project.yaml",
      "glue-project:env": "dev",
      "glue-project:platformOrg": "organization",
    });

    const afterFirst = snapshot(root);
    const again = await onboard(parseOnboardArgs(base), deps(root, ws));
    assert.equal(again.exitCode, 0);
    assert.equal(again.plan?.projectId, spec.projectId, "a rerun never renames");
    assert.deepEqual([again.plan?.spec.action, again.plan?.stackConfig.action], ["keep", "keep"]);
    assert.deepEqual(snapshot(root), afterFirst);
    assert.equal(
      fs.readdirSync(path.join(root, "projects")).filter((f) => f.startsWith("demo")).length,
      1,
      "never duplicates",
    );

    const prod = await onboard(parseOnboardArgs([...base.slice(0, -1), "prod"]), deps(root, ws));
    assert.equal(prod.plan?.spec.action, "update");
    assert.deepEqual((parse(fs.readFileSync(specFile, "utf8")) as { environments: string[] }).environments, [
      "dev",
      "prod",
    ]);
  });

  it("the generated project passes the offline policy gate", async () => {
    const root = scratchRepo("copy");
    await onboard(parseOnboardArgs(base), deps(root, new FakeWorkspace()));
    const [stack] = await runOfflineCheck({
      envs: ["dev"],
      specs: [path.join(root, "projects/demo/project.yaml")],
      onlyExtra: true,
    });
    assert.equal(stack.error, undefined);
    assert.equal(stack.name, "demo-dev");
    assert.deepEqual(
      stack.violations.filter((v) => v.level === "mandatory"),
      [],
    );
    assert.ok(stack.resources.length > 50);
  });

  it("--preview builds the pack, attaches it with the env's config, and summarizes policy violations", async () => {
    const root = scratchRepo("copy");
    const built: string[] = [];
    const ws = new FakeWorkspace({
      events: [
        resOutputs("urn:pulumi:demo-dev::glue-project::aws:glue/job:Job::x", "aws:glue/job:Job", "create"),
        policyEvent("mandatory"),
      ],
    });
    const lines: string[] = [];
    const r = await onboard(parseOnboardArgs([...base, "--preview"]), {
      ...deps(root, ws, built),
      log: (l) => lines.push(l),
    });
    assert.equal(r.exitCode, 1, "a mandatory violation fails the preview");
    assert.deepEqual(built, [root]);
    const preview = ws.calls.find((c) => c.op === "preview");
    assert.deepEqual(preview?.arg, {
      policyPacks: [path.join(root, "policy-pack")],
      policyPackConfigs: [path.join(root, "policy-pack/config/dev.json")],
    });
    assert.deepEqual(r.operations, { create: 1 });
    assert.match(
      lines.join("\n"),
      /summary: 1 create; 1 policy findings \(1 mandatory\)[\s\S]*\[mandatory\] glue-job-requires-project-connection: Job 'x': has no connection/,
    );
  });

  it("--up --yes deploys and reports the outputs", async () => {
    const root = scratchRepo("copy");
    const r = await onboard(
      parseOnboardArgs([...base, "--up", "--yes"]),
      deps(root, new FakeWorkspace({ events: [] })),
    );
    assert.equal(r.exitCode, 0);
    assert.deepEqual(r.outputs, { jobRoleArn: "arn:aws:iam::1:role/x" });
  });
});
