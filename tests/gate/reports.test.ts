/** Command-line flags of the tools and the gate's reports (escaping, size, structure, wording). */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main as drift } from "../../tools/drift";
import { main as audit } from "../../tools/audit";
import { CheckedStack } from "../../tools/gate/offlineCheck";
import { markdownReport, mdEscape, summaryLine } from "../../tools/gate/report";
import { discoverStacks, REPO_ROOT } from "../../tools/runner/discover";
import { parseDocument } from "yaml";
import { runCheckCli } from "../support/checkCli";
import { NONCOMPLIANT_CORPUS } from "../support/paths";

const runCli = runCheckCli;

function stack(over: Partial<CheckedStack>): CheckedStack {
  return {
    name: "demo-dev",
    project: "glue-project",
    env: "dev",
    kind: "project",
    resources: [],
    outputs: {},
    violations: [],
    timings: { programMs: 0, policyMs: 0 },
    config: {},
    ...over,
  } as CheckedStack;
}

const violation = (level: "mandatory" | "advisory", detail: string) => ({
  policy: "glue-job-timeout",
  level,
  urn: "urn:x",
  message: detail,
  detail,
  previewSkipped: false,
});

describe("gate reports", () => {
  it("escape names and messages: no HTML, links, code spans or table breaks get through", () => {
    const evil = "<img src=x onerror=alert(1)> [click](https://evil.example) `code` a|b *bold*\nnext";
    const md = markdownReport([stack({ name: evil, violations: [violation("mandatory", evil)] })]);
    for (const bad of ["<img", "](https://", "`code`", "a|b", "*bold*", "\nnext"])
      assert.ok(!md.includes(bad), `${bad} leaked into:\n${md}`);
    assert.equal(mdEscape("a|b"), "a\\|b");
    assert.equal(mdEscape("<b>"), "&lt;b&gt;");
  });

  it("stay under GitHub's 1 MiB step-summary limit and say what was cut", () => {
    const many = Array.from({ length: 8000 }, (_, i) =>
      violation(i % 2 ? "advisory" : "mandatory", "x".repeat(200)),
    );
    const md = markdownReport([stack({ violations: many })]);
    assert.ok(Buffer.byteLength(md, "utf8") <= 1024 * 1024, String(Buffer.byteLength(md, "utf8")));
    assert.match(
      md,
      /> ⚠️ \d+ rows not shown: the report is cut to stay under GitHub's 1024 KiB step-summary limit/,
    );
    const small = markdownReport([stack({ violations: many.slice(0, 4) })]);
    assert.doesNotMatch(small, /not shown/);
  });

  it("separate mandatory from advisory findings and pluralise", () => {
    const md = markdownReport([
      stack({ violations: [violation("mandatory", "blocking one"), violation("advisory", "hint one")] }),
    ]);
    assert.match(
      md,
      /### Mandatory violations \(block the change\) \(1\)[\s\S]*blocking one[\s\S]*### Advisory findings \(do not block\) \(1\)[\s\S]*hint one/,
    );
    assert.match(
      summaryLine([stack({})]),
      /^1 stack, 0 resources: 0 mandatory, 0 advisory violations, 0 preview-skipped, 0 stack errors$/,
    );
    assert.match(summaryLine([stack({ error: "x" }), stack({})]), /^2 stacks, .* 1 stack error$/);
  });

  it("spec problems are structured in JSON and markdown", async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "spec-report-")), "analytics");
    const t = discoverStacks(REPO_ROOT).find((s) => s.kind === "project" && s.env === "dev");
    assert.ok(t);
    fs.cpSync(path.join(REPO_ROOT, "projects", t.stack.replace(/-dev$/, "")), dir, { recursive: true });
    const spec = path.join(dir, "project.yaml");
    const doc = parseDocument(fs.readFileSync(spec, "utf8"));
    doc.set("slug", "analytics");
    doc.set("projectId", "7e0c9d2a-4b1f-4c3e-9a8d-2f1e0d9c8b7a");
    doc.set("environments", ["dev"]);
    doc.set("costCenter", 42);
    fs.writeFileSync(spec, doc.toString());
    const out = path.dirname(dir);
    const r = await runCli([
      "--spec",
      spec,
      "--json",
      path.join(out, "r.json"),
      "--markdown",
      path.join(out, "r.md"),
      "--quiet",
    ]);
    assert.equal(r.code, 2, r.out);
    const json = JSON.parse(fs.readFileSync(path.join(out, "r.json"), "utf8")) as {
      stacks: {
        name: string;
        env: string;
        specProblems?: { file: string; line: number; column: number; field: string; message: string }[];
      }[];
    };
    const envs = json.stacks.map((s) => s.env);
    assert.ok(
      envs.length > 0 && envs.every((e) => e === "dev"),
      `a dev-only spec runs in dev only: ${envs.join()}`,
    );
    const problem = json.stacks[0].specProblems?.[0];
    assert.equal(problem?.file, spec);
    assert.equal(problem?.field, "costCenter");
    assert.ok((problem?.line ?? 0) > 1 && (problem?.column ?? 0) >= 1);
    assert.match(problem?.message ?? "", /must be string/);
    assert.match(
      fs.readFileSync(path.join(out, "r.md"), "utf8"),
      /### Stack errors \(1\)\n\n\| stack \| file:line:col \| field \| problem \|[\s\S]*\| costCenter \| must be string/,
    );
  });
});

describe("command-line flags", () => {
  it("check rejects unknown stack names like drift does", async () => {
    const r = await runCli(["--env", "dev", "--stacks", "nosuch-dev"]);
    assert.equal(r.code, 2);
    assert.match(r.out, /^error: unknown stack\(s\) for dev: nosuch-dev \(known: .*\bdev\b/);
  });

  it("--help prints the usage and exits 0 on every command", async () => {
    const c = await runCli(["--help"]);
    assert.equal(c.code, 0);
    assert.match(c.out, /^usage: npm run check/);
    for (const [name, main] of [
      ["drift", (a: string[], l: (s: string) => void) => drift(a, undefined, l)],
      ["audit", audit],
    ] as const) {
      const lines: string[] = [];
      assert.equal(await main(["--help"], (l) => lines.push(l)), 0, name);
      assert.match(lines.join("\n"), new RegExp(`^usage: npm run ${name}`));
    }
    const changed = spawnSync(
      process.execPath,
      ["-r", "./tools/register.js", "tools/changedStacks.ts", "--help"],
      {
        cwd: REPO_ROOT,
        encoding: "utf8",
      },
    );
    assert.equal(changed.status, 0);
    assert.match(changed.stdout, /^usage: npm run -s changed-stacks/);
  });

  it("a --program outside the repository finds this repository's @pulumi packages", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "outside-"));
    const corpus = NONCOMPLIANT_CORPUS;
    for (const f of ["common.ts", "job-60-workers.ts"])
      fs.copyFileSync(path.join(corpus, f), path.join(dir, f));
    const r = await runCli(["--env", "dev", "--program", path.join(dir, "job-60-workers.ts"), "--quiet"]);
    assert.doesNotMatch(r.out, /Cannot find module/);
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /glue-job-worker-limits/);
  });
});
