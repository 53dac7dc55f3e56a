/** The repository's GitHub workflows: valid for GitHub's parser, and the stacks a change affects. */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { affectedStacks } from "../../tools/changedStacks";
import { discoverStacks, REPO_ROOT } from "../../tools/runner/discover";

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
