import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runOfflineCheck } from "../../tools/gate/offlineCheck";
import {
  effectivePolicyConfig,
  PolicyConfigError,
  readPolicyConfigFile,
} from "../../tools/gate/policyConfig";
import { policies } from "../../policy-pack/policies";
import { discoverStacks, REPO_ROOT } from "../../tools/runner/discover";
import { repositoryStacks } from "../support/offline";
import { POLICY_DOC, policyDocText } from "../../tools/policyDocs";
import { checkConformance } from "../../tools/conformance";
import { runCheckCli } from "../support/checkCli";
import { FIXTURE_PROJECT_SPEC, NONCOMPLIANT_CORPUS } from "../support/paths";

const CORPUS = NONCOMPLIANT_CORPUS;
/** The project the corpus programs belong to (their stacks' glue-project:spec). */
const PROGRAM_SPEC = FIXTURE_PROJECT_SPEC;
const corpusFiles = fs
  .readdirSync(CORPUS)
  .filter((f) => f.endsWith(".ts") && f !== "common.ts")
  .map((f) => ({
    file: path.join(CORPUS, f),
    blockedBy: /^\/\/ blocked-by: (\S+)/.exec(fs.readFileSync(path.join(CORPUS, f), "utf8"))?.[1],
  }));

/** Runs the CLI entry point in-process with its console output captured. */
const runCli = runCheckCli;

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "gate-"));

describe("offline gate end to end", () => {
  it("runs every sample stack of both envs with zero mandatory and zero preview-skipped results", async () => {
    const stacks = await repositoryStacks();
    // Every stack with a config file in the repository, whatever projects it holds today.
    const expected = discoverStacks(REPO_ROOT)
      .map((t) => `${t.env}/${t.stack}`)
      .sort();
    assert.ok(expected.includes("dev/dev") && expected.includes("prod/prod"), expected.join(", "));
    assert.ok(expected.length > 2, "the repository has project stacks");
    assert.deepEqual(stacks.map((s) => `${s.env}/${s.name}`).sort(), expected);
    for (const s of stacks) {
      assert.equal(s.error, undefined, s.name);
      assert.deepEqual(
        s.violations.filter((v) => v.level === "mandatory"),
        [],
        s.name,
      );
      assert.deepEqual(
        s.violations.filter((v) => v.previewSkipped),
        [],
        s.name,
      );
    }
  });

  it(`has a corpus of at least 20 noncompliant programs`, () => {
    assert.ok(corpusFiles.length >= 20, String(corpusFiles.length));
    for (const c of corpusFiles)
      assert.ok(c.blockedBy && policies.some((p) => p.name === c.blockedBy), `${c.file} names a real policy`);
  });

  it("judges a program as `pulumi up` too: values computed in apply and code that differs outside preview", async () => {
    const files = ["attach-foreign-policy-via-apply.ts", "different-outside-preview.ts"];
    const stacks = await runOfflineCheck({
      envs: ["dev"],
      programs: files.map((f) => path.join(CORPUS, f)),
      programSpec: PROGRAM_SPEC,
      onlyExtra: true,
    });
    for (const s of stacks) {
      const mandatory = s.violations.filter((v) => v.level === "mandatory");
      assert.ok(mandatory.length > 0, s.name);
      // Each is invisible at preview and caught only in the update run, labelled so.
      assert.ok(
        mandatory.every((v) => v.atUpdate && v.message.startsWith("at pulumi up: ")),
        mandatory.map((v) => v.message).join("\n"),
      );
    }
  });

  it("blocks every noncompliant program with the intended policy (mandatory)", async () => {
    const stacks = await runOfflineCheck({
      envs: ["dev"],
      programs: corpusFiles.map((c) => c.file),
      programSpec: PROGRAM_SPEC,
      onlyExtra: true,
    });
    assert.equal(stacks.length, corpusFiles.length);
    corpusFiles.forEach((c, i) => {
      const s = stacks[i];
      assert.equal(s.error, undefined, `${c.file}: ${s.error}`);
      const hit = s.violations.find((v) => v.policy === c.blockedBy && v.level === "mandatory");
      assert.ok(
        hit,
        `${path.basename(c.file)} should be blocked by ${c.blockedBy}; got ${JSON.stringify(s.violations.map((v) => v.policy))}`,
      );
    });
  });

  it("npm run check -- --program exits 1 naming the policy, and writes JSON and markdown", async () => {
    const dir = tmp();
    const json = path.join(dir, "out.json");
    const md = path.join(dir, "out.md");
    const r = await runCli([
      "--env",
      "dev",
      "--program",
      path.join(CORPUS, "job-unknown-connection.ts"),
      "--json",
      json,
      "--markdown",
      md,
    ]);
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      /\[glue-job-requires-project-connection\] Job 'orders': string value at \.connections\.0 can't be known during preview/,
    );
    const report = JSON.parse(fs.readFileSync(json, "utf8")) as {
      stacks: {
        name: string;
        env: string;
        resources: {
          type: string;
          inputs: Record<string, unknown>;
          urn: string;
          parent: string | null;
          dependencies: string[];
          propertyDependencies: object;
          protect: boolean;
          retainOnDelete: boolean;
        }[];
        violations: { policy: string; level: string; urn: string; message: string }[];
      }[];
    };
    const job = report.stacks[0].resources.find((x) => x.type === "aws:glue/job:Job");
    assert.deepEqual(job?.inputs.connections, [{ __pulumiUnknown: true }]);
    assert.deepEqual(Object.keys(job ?? {}).sort(), [
      "dependencies",
      "inputs",
      "name",
      "parent",
      "propertyDependencies",
      "protect",
      "retainOnDelete",
      "type",
      "urn",
    ]);
    assert.ok(
      report.stacks[0].violations.some(
        (v) =>
          v.policy === "glue-job-requires-project-connection" &&
          v.level === "mandatory" &&
          v.urn === job?.urn,
      ),
    );
    assert.match(fs.readFileSync(md, "utf8"), /^## glue-platform offline policy gate: ❌ fail/);
  });

  it("exits 0 for a valid spec from outside the repository", async () => {
    const dir = path.join(tmp(), "analytics");
    fs.cpSync(path.join(REPO_ROOT, "projects", "churn-features"), dir, { recursive: true });
    // A copy is a new project: its own slug and id (the repository's ids are never shared).
    const spec = path.join(dir, "project.yaml");
    fs.writeFileSync(
      spec,
      fs
        .readFileSync(spec, "utf8")
        .replace(/^slug: .*$/m, "slug: analytics")
        .replace(/^projectId: .*$/m, "projectId: 5d1c8f1e-2a3b-4c5d-8e9f-0a1b2c3d4e5f"),
    );
    const r = await runCli(["--env", "dev", "--spec", spec, "--quiet"]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /== project analytics-dev \(glue-project, dev\): \d+ resources/);
  });

  it("exits 2 with a clear message on usage errors", async () => {
    for (const args of [
      ["--env", "qa"],
      ["--bogus"],
      ["--program", "/no/such/file.ts"],
      ["--json", "/no/such/dir/out.json"],
    ]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.out, /^error: .+\nusage: npm run check/);
    }
  });

  it("exits 2 when a program throws, naming the error", async () => {
    const file = path.join(tmp(), "broken.ts");
    fs.writeFileSync(file, 'throw new Error("boom: missing input");\n');
    const r = await runCli(["--env", "dev", "--program", file]);
    assert.equal(r.code, 2);
    assert.match(r.out, /ERROR: boom: missing input/);
  });
});

describe("policy pack config files", () => {
  for (const env of ["dev", "prod"]) {
    it(`${env}.json is valid in the CLI's --policy-pack-config format`, () => {
      const cfg = effectivePolicyConfig(
        policies,
        readPolicyConfigFile(path.join(REPO_ROOT, "policy-pack", "config", `${env}.json`)),
        "mandatory",
      );
      assert.equal(cfg.get("glue-job-requires-project-connection")?.level, "mandatory");
      assert.equal(cfg.get("prod-data-protected")?.level, env === "prod" ? "mandatory" : "disabled");
      assert.equal(cfg.get("glue-job-flex-for-dev-batch")?.level, env === "prod" ? "disabled" : "advisory");
      assert.equal(
        cfg.get("kms-key-rotation-and-deletion-window")?.properties.minDeletionWindowDays,
        env === "prod" ? 30 : 7,
      );
      assert.equal(
        cfg.get("glue-job-worker-limits")?.properties.maxWorkersPerJob,
        50,
        "schema defaults filled in as the CLI does",
      );
    });
  }

  it("applies 'all' first and per-policy entries after, and rejects bad input", () => {
    const cfg = effectivePolicyConfig(
      policies,
      { all: "advisory", "glue-job-timeout": "mandatory" },
      "mandatory",
    );
    assert.equal(cfg.get("glue-job-retries")?.level, "advisory");
    assert.equal(cfg.get("glue-job-timeout")?.level, "mandatory");
    assert.throws(
      () => effectivePolicyConfig(policies, { "glue-job-timeout": "strict" }, "mandatory"),
      (e: unknown) =>
        e instanceof PolicyConfigError && /"strict" is not a valid enforcement level/.test(e.message),
    );
    assert.throws(
      () => effectivePolicyConfig(policies, { "no-such-policy": "advisory" }, "mandatory"),
      /"no-such-policy" is not a policy of this pack/,
    );
    assert.throws(
      () =>
        effectivePolicyConfig(policies, { "glue-job-timeout": { maxTimeoutMinutes: "long" } }, "mandatory"),
      /settings are invalid/,
    );
  });
});

describe("generated policy documentation", () => {
  it("docs/policies.md matches the pack (run npm run docs:policies)", () => {
    assert.equal(fs.readFileSync(POLICY_DOC, "utf8"), policyDocText());
  });
});

describe("static conformance of the files the Pulumi CLI reads", () => {
  it("the repository conforms", () => {
    assert.deepEqual(checkConformance(REPO_ROOT), []);
  });

  it("names each problem with its file", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "conf-"));
    fs.cpSync(REPO_ROOT, root, {
      recursive: true,
      filter: (src) => !/node_modules|\.git|tests|reports/.test(path.relative(REPO_ROOT, src)),
    });
    fs.writeFileSync(path.join(root, "Pulumi.yaml"), "name: glue-platform\nruntime: nodejs\n");
    fs.writeFileSync(
      path.join(root, "Pulumi.dev.yaml"),
      "config:\n  azCount: 2\n  glue-platform:secretThing:\n    secure: 1\n    extra: x\n",
    );
    fs.writeFileSync(
      path.join(root, "policy-pack", "config", "dev.json"),
      JSON.stringify({ "glue-job-timeout": "strict" }),
    );
    const problems = checkConformance(root).map((p) => `${p.file}: ${p.problem}`);
    assert.ok(
      problems.includes(
        "Pulumi.yaml: main must name the entry file explicitly (two projects share one package.json, docs/pulumi-facts.md)",
      ),
      problems.join("\n"),
    );
    assert.ok(problems.some((p) => p.startsWith("Pulumi.yaml: runtime.options.tsconfig must point")));
    assert.ok(
      problems.includes(
        'Pulumi.dev.yaml: config key "azCount" must be namespaced as <namespace>:<name> (e.g. glue-platform:azCount)',
      ),
    );
    assert.ok(
      problems.some((p) =>
        p.startsWith('Pulumi.dev.yaml: config key "glue-platform:secretThing" secret must be exactly'),
      ),
    );
    assert.ok(
      problems.includes(
        "Pulumi.dev.yaml: aws:region is not set; the stack would depend on the environment's default region",
      ),
    );
    assert.ok(
      problems.some((p) =>
        p.includes('policy-pack/config/dev.json: parsing enforcement level for "glue-job-timeout"'),
      ),
    );
  });
});
