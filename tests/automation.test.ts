import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { detectDrift, driftExitCode, driftMarkdown, mapBounded } from "../tools/automation/drift";
import { onboard, parseOnboardArgs, OnboardInputError } from "../tools/automation/onboard";
import {
  CliMissingError,
  ConfigValues,
  EngineEvent,
  PulumiWorkspace,
  StackHandle,
} from "../tools/automation/workspace";
import { main as driftMain } from "../tools/drift";
import { runOfflineCheck } from "../tools/gate/offlineCheck";
import { discoverStacks, REPO_ROOT } from "../tools/runner/discover";
import { affectedStacks } from "../tools/changedStacks";

/** A scratch copy of what onboarding reads and writes: platform stack files and projects/. */
function scratchRepo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "onboard-"));
  for (const f of ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml"])
    fs.copyFileSync(path.join(REPO_ROOT, f), path.join(root, f));
  fs.cpSync(path.join(REPO_ROOT, "projects"), path.join(root, "projects"), { recursive: true });
  return root;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

interface FakeCall {
  readonly op: string;
  readonly stack?: string;
  readonly arg?: unknown;
}

/** A test double of the Automation API adapter, recording every call. */
class FakeWorkspace implements PulumiWorkspace {
  readonly calls: FakeCall[] = [];
  readonly config = new Map<string, ConfigValues>();
  inFlight = 0;
  maxInFlight = 0;
  constructor(
    private readonly behave: {
      cli?: boolean;
      events?: EngineEvent[];
      refresh?: (stack: string) => { events: EngineEvent[]; error?: Error; hang?: boolean };
    } = {},
  ) {}
  async ensureCli() {
    this.calls.push({ op: "ensureCli" });
    if (this.behave.cli === false) throw new CliMissingError("pulumi not on PATH");
    return { version: "3.270.0" };
  }
  private handle(name: string): StackHandle {
    const emit = (events: EngineEvent[] | undefined, onEvent?: (e: EngineEvent) => void) =>
      (events ?? []).forEach((e) => onEvent?.(e));
    return {
      name,
      setAllConfig: async (c) => {
        this.calls.push({ op: "setAllConfig", stack: name, arg: c });
        this.config.set(name, c);
      },
      preview: async (o) => {
        this.calls.push({
          op: "preview",
          stack: name,
          arg: { policyPacks: o.policyPacks, policyPackConfigs: o.policyPackConfigs },
        });
        emit(this.behave.events, o.onEvent);
        return { changeSummary: {} };
      },
      up: async (o) => {
        this.calls.push({ op: "up", stack: name });
        emit(this.behave.events, o.onEvent);
        return {
          outputs: { jobRoleArn: { value: "arn:aws:iam::1:role/x", secret: false } },
          summary: { result: "succeeded" },
        };
      },
      previewRefresh: async (o) => {
        this.calls.push({ op: "previewRefresh", stack: name, arg: { expectNoChanges: o.expectNoChanges } });
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        try {
          const b = this.behave.refresh?.(name) ?? { events: [] };
          await new Promise((r) => setTimeout(r, 20));
          emit(b.events, o.onEvent);
          if (b.hang)
            await new Promise((_, reject) =>
              o.signal?.addEventListener("abort", () => reject(new Error("aborted"))),
            );
          if (b.error) throw b.error;
          return { changeSummary: {} };
        } finally {
          this.inFlight--;
        }
      },
    };
  }
  async createOrSelectStack({ stackName }: { stackName: string; workDir: string }) {
    this.calls.push({ op: "createOrSelectStack", stack: stackName });
    return this.handle(stackName);
  }
  async selectStack({ stackName }: { stackName: string; workDir: string }) {
    this.calls.push({ op: "selectStack", stack: stackName });
    return this.handle(stackName);
  }
}

const base = ["--name", "demo", "--owner", "team@example.com", "--cost-center", "CC-7", "--env", "dev"];
const quiet = () => undefined;
const deps = (root: string, ws: FakeWorkspace, built: string[] = []) => ({
  repoRoot: root,
  workspace: () => ws,
  log: quiet,
  buildPack: (r: string) => void built.push(r),
});

const resOutputs = (
  urn: string,
  type: string,
  op: string,
  detailedDiff?: Record<string, unknown>,
): EngineEvent =>
  ({
    sequence: 0,
    timestamp: 0,
    resOutputsEvent: {
      metadata: {
        op,
        urn,
        type,
        provider: "",
        old: undefined,
        new: undefined,
        detailedDiff,
        diffs: detailedDiff ? Object.keys(detailedDiff) : [],
      },
    },
  }) as unknown as EngineEvent;
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
    const root = scratchRepo();
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
    const root = scratchRepo();
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
    const root = scratchRepo();
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
    const root = scratchRepo();
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
    const root = scratchRepo();
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
    const root = scratchRepo();
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
    const root = scratchRepo();
    const r = await onboard(
      parseOnboardArgs([...base, "--up", "--yes"]),
      deps(root, new FakeWorkspace({ events: [] })),
    );
    assert.equal(r.exitCode, 0);
    assert.deepEqual(r.outputs, { jobRoleArn: "arn:aws:iam::1:role/x" });
  });
});

describe("drift detection orchestration", () => {
  const targets = ["dev", "a-dev", "b-dev", "c-dev", "d-dev", "e-dev"].map((s) => ({
    stack: s,
    workDir: "/w",
    project: s === "dev" ? "glue-platform" : "glue-project",
  }));

  it("never exceeds the concurrency, isolates failing and hanging stacks, and reports drift per resource", async () => {
    const ws = new FakeWorkspace({
      refresh: (s) => {
        if (s === "a-dev")
          return {
            events: [
              resOutputs("urn:pulumi:a-dev::p::aws:glue/job:Job::etl", "aws:glue/job:Job", "update", {
                connections: {},
                numberOfWorkers: {},
              }),
              resOutputs("urn:pulumi:a-dev::p::aws:s3/bucket:Bucket::b", "aws:s3/bucket:Bucket", "same"),
            ],
            error: new Error("error: no changes were expected but changes were proposed"),
          };
        if (s === "b-dev")
          return {
            events: [
              resOutputs(
                "urn:pulumi:b-dev::p::aws:glue/crawler:Crawler::raw",
                "aws:glue/crawler:Crawler",
                "delete",
              ),
            ],
          };
        if (s === "c-dev")
          return { events: [], error: new Error("error: failed to decrypt: passphrase must be set") };
        if (s === "d-dev") return { events: [], hang: true };
        return {
          events: [resOutputs(`urn:pulumi:${s}::p::aws:s3/bucket:Bucket::x`, "aws:s3/bucket:Bucket", "same")],
        };
      },
    });
    const results = await detectDrift(ws, targets, { concurrency: 2, timeoutMs: 300 });
    assert.ok(ws.maxInFlight <= 2 && ws.maxInFlight >= 1, `max in flight ${ws.maxInFlight}`);
    const by = Object.fromEntries(results.map((r) => [r.stack, r]));
    assert.equal(by.dev.status, "clean");
    assert.equal(by["e-dev"].status, "clean", "stacks after a hanging one still run");
    assert.equal(by["a-dev"].status, "drifted");
    assert.deepEqual(by["a-dev"].resources, [
      {
        urn: "urn:pulumi:a-dev::p::aws:glue/job:Job::etl",
        type: "aws:glue/job:Job",
        kind: "drifted",
        properties: ["connections", "numberOfWorkers"],
      },
    ]);
    assert.equal(by["a-dev"].unchanged, 1);
    assert.deepEqual([by["b-dev"].status, by["b-dev"].resources[0].kind], ["drifted", "deleted"]);
    assert.deepEqual(
      [by["c-dev"].status, by["c-dev"].error],
      ["failed", "error: failed to decrypt: passphrase must be set"],
    );
    assert.deepEqual([by["d-dev"].status, by["d-dev"].error], ["failed", "timed out after 0.3 s"]);
    assert.ok(
      ws.calls
        .filter((c) => c.op === "previewRefresh")
        .every((c) => (c.arg as { expectNoChanges: boolean }).expectNoChanges),
    );
    assert.equal(driftExitCode(results), 2);
    assert.equal(driftExitCode(results.filter((r) => r.status !== "failed")), 1);
    assert.equal(driftExitCode(results.filter((r) => r.status === "clean")), 0);
    assert.match(
      driftMarkdown(results, "dev"),
      /\| a-dev \| glue-project \| drifted \| 1 \| 0 \| 1 \|[\s\S]*\| `etl` \| aws:glue\/job:Job \| drifted \| connections, numberOfWorkers \|/,
    );
  });

  it("bounded mapping keeps order and the limit", async () => {
    let live = 0;
    let peak = 0;
    const out = await mapBounded([5, 1, 4, 2, 3], 3, async (n) => {
      live++;
      peak = Math.max(peak, live);
      await new Promise((r) => setTimeout(r, n * 5));
      live--;
      return n * 10;
    });
    assert.deepEqual(out, [50, 10, 40, 20, 30]);
    assert.equal(peak, 3);
  });

  it("the CLI enumerates the env's stacks, validates flags and fails fast without the Pulumi CLI", async () => {
    const lines: string[] = [];
    assert.equal(
      await driftMain(["--env", "dev", "--concurrency", "0"], new FakeWorkspace(), (l) => lines.push(l)),
      2,
    );
    assert.equal(
      await driftMain(["--env", "dev", "--stacks", "nope-dev"], new FakeWorkspace(), (l) => lines.push(l)),
      2,
    );
    assert.match(
      lines.join("\n"),
      /--concurrency must be a whole number from 1 to 32[\s\S]*unknown stack\(s\) for dev: nope-dev/,
    );
    const ws = new FakeWorkspace();
    const devStacks = discoverStacks(REPO_ROOT)
      .filter((t) => t.env === "dev")
      .map((t) => t.stack)
      .sort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-"));
    assert.equal(
      await driftMain(
        ["--env", "dev", "--json", path.join(dir, "d.json"), "--markdown", path.join(dir, "d.md")],
        ws,
        quiet,
      ),
      0,
    );
    assert.deepEqual(
      ws.calls
        .filter((c) => c.op === "selectStack")
        .map((c) => c.stack)
        .sort(),
      devStacks,
    );
    assert.ok(devStacks.includes("dev") && devStacks.length > 1, devStacks.join(", "));
    assert.equal(
      (JSON.parse(fs.readFileSync(path.join(dir, "d.json"), "utf8")) as { stacks: unknown[] }).stacks.length,
      devStacks.length,
    );
    const noCli: string[] = [];
    assert.equal(
      await driftMain(["--env", "prod"], new FakeWorkspace({ cli: false }), (l) => noCli.push(l)),
      2,
    );
    assert.match(noCli.join("\n"), /the Pulumi CLI is required/);
  });
});

describe("GitHub workflows", () => {
  const dir = path.join(REPO_ROOT, ".github", "workflows");
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".yml"));

  it("validate with GitHub's own workflow parser", () => {
    const r = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, "tools", "lintWorkflows.mjs"), "--json", ...files.map((f) => path.join(dir, f))],
      { cwd: REPO_ROOT, encoding: "utf8" },
    );
    const results = JSON.parse(r.stdout) as { file: string; errors: string[] }[];
    assert.deepEqual(results.map((x) => x.file.split("/").pop()).sort(), [...files].sort());
    for (const x of results) assert.deepEqual(x.errors, [], x.file);
    const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "wf-")), "bad.yml");
    fs.writeFileSync(bad, "on: push\njobs:\n  a:\n    runs-on: x\n    stepz: []\n");
    const rb = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, "tools", "lintWorkflows.mjs"), "--json", bad],
      { cwd: REPO_ROOT, encoding: "utf8" },
    );
    assert.equal(rb.status, 1);
    assert.match(rb.stdout, /Unexpected value 'stepz'/);
  });

  it("reference npm scripts and paths that exist, and install before pulumi/actions", () => {
    const scripts = (
      JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), "utf8");
      for (const m of text.matchAll(/npm run (?:-s )?([\w:-]+)/g))
        assert.ok(scripts[m[1]], `${f}: npm run ${m[1]}`);
      for (const p of ["policy-pack", "policy-pack/config/dev.json", "policy-pack/config/prod.json"])
        assert.ok(fs.existsSync(path.join(REPO_ROOT, p)));
      const wf = parse(text) as {
        jobs: Record<string, { steps: { uses?: string; run?: string; with?: Record<string, string> }[] }>;
      };
      for (const job of Object.values(wf.jobs)) {
        const idx = job.steps.findIndex((s) => s.uses?.startsWith("pulumi/actions@"));
        if (idx >= 0)
          assert.ok(
            job.steps.slice(0, idx).some((s) => s.run === "npm ci"),
            `${f}: npm ci before pulumi/actions`,
          );
        for (const s of job.steps.filter((x) => x.uses?.startsWith("pulumi/actions@") && x.with?.command)) {
          assert.ok(
            s.with?.policyPacks && s.with.policyPackConfigs,
            "camelCase policyPacks/policyPackConfigs inputs",
          );
        }
      }
    }
  });

  it("the PR preview matrix covers exactly the stacks a change can affect", () => {
    const all = discoverStacks(REPO_ROOT);
    const project = all.find((t) => t.kind === "project") as (typeof all)[number];
    const slug = project.stack.replace(/-(dev|prod)$/, "");
    assert.deepEqual(
      affectedStacks([`projects/${slug}/scripts/job.py`])
        .map((s) => s.stack)
        .sort(),
      all
        .filter((t) => t.kind === "project" && t.stack.replace(/-(dev|prod)$/, "") === slug)
        .map((t) => t.stack)
        .sort(),
    );
    assert.deepEqual(
      affectedStacks(["Pulumi.prod.yaml"]).map((s) => s.stack),
      ["prod"],
    );
    assert.equal(affectedStacks(["components/naming.ts"]).length, all.length);
    assert.deepEqual(affectedStacks(["README.md"]), []);
  });
});
