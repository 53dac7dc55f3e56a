import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkEnvironmentAccounts } from "../../tools/accounts";
import { checkConformance } from "../../tools/conformance";
import { discoverStacks, REPO_ROOT } from "../../tools/runner/discover";

/** A temp repository with the real Pulumi.yaml files and stack configs rewritten by `edit`. */
const roots: string[] = [];
after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

function repoWith(edit: (file: string, text: string) => string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "accounts-"));
  roots.push(root);
  fs.mkdirSync(path.join(root, "projects"));
  for (const dir of ["", "projects"])
    for (const f of fs.readdirSync(path.join(REPO_ROOT, dir)).filter((x) => /^Pulumi\..*yaml$/.test(x))) {
      const rel = path.join(dir, f);
      fs.writeFileSync(path.join(root, rel), edit(rel, fs.readFileSync(path.join(REPO_ROOT, rel), "utf8")));
    }
  // What the conformance step also reads (program entry points, the pack), shared read-only.
  for (const rel of ["platform", "policy-pack", "tsconfig.pulumi.json", "projects/index.ts"])
    fs.symlinkSync(path.join(REPO_ROOT, rel), path.join(root, rel));
  return root;
}

/** The account the repository's platform stack of `env` pins (whatever ids the README told you to set). */
function platformAccount(env: string): string {
  const m = /aws:allowedAccountIds: \["(\d{12})"\]/.exec(
    fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${env}.yaml`), "utf8"),
  );
  assert.ok(m, `Pulumi.${env}.yaml pins no single account`);
  return m[1];
}

describe("one AWS account per environment", () => {
  it("the repository's stacks each pin their environment's account, and envs differ", () => {
    assert.deepEqual(checkEnvironmentAccounts(discoverStacks(REPO_ROOT)), []);
    const platforms = discoverStacks(REPO_ROOT).filter((t) => t.kind === "platform");
    assert.ok(platforms.length >= 2);
  });

  it("fails (and so does the gate's conformance step) when two envs name the same account", () => {
    const root = repoWith((_f, text) =>
      text.replace(/aws:allowedAccountIds: \[.*\]/, 'aws:allowedAccountIds: ["333333333333"]'),
    );
    const problems = checkEnvironmentAccounts(discoverStacks(root));
    assert.equal(problems.length, 1);
    assert.match(problems[0].problem, /environments .* share account 333333333333/);
    assert.ok(checkConformance(root).some((p) => /share account 333333333333/.test(p.problem)));
  });

  it("fails when a stack pins nothing, two accounts, or another env's account", () => {
    const root = repoWith((f, text) => {
      if (f === "Pulumi.dev.yaml") return text.replace(/\n\s*aws:allowedAccountIds: \[.*\]/, "");
      if (f === "Pulumi.prod.yaml")
        return text.replace(
          /aws:allowedAccountIds: \[.*\]/,
          'aws:allowedAccountIds: ["222222222222", "444444444444"]',
        );
      if (/projects\/Pulumi\..*-dev\.yaml$/.test(f))
        return text.replace(/aws:allowedAccountIds: \[.*\]/, 'aws:allowedAccountIds: ["999999999999"]');
      return text;
    });
    const problems = checkEnvironmentAccounts(discoverStacks(root)).map((p) => `${p.file}: ${p.problem}`);
    assert.ok(
      problems.some((p) =>
        /^Pulumi\.dev\.yaml: aws:allowedAccountIds must pin exactly one .* \(is null\)/.test(p),
      ),
      problems.join("\n"),
    );
    assert.ok(problems.some((p) => /^Pulumi\.prod\.yaml: .*must pin exactly one/.test(p)));
    const devProjects = discoverStacks(root).filter((t) => t.kind === "project" && t.env === "dev");
    // With no dev platform account the project pins cannot be compared; they are still 12 digits.
    assert.ok(devProjects.length > 0);
  });

  it("rejects a project stack pinned to another account than its platform", () => {
    const root = repoWith((f, text) =>
      /projects\/Pulumi\..*-prod\.yaml$/.test(f)
        ? text.replace(/aws:allowedAccountIds: \[.*\]/, 'aws:allowedAccountIds: ["999999999999"]')
        : text,
    );
    const problems = checkEnvironmentAccounts(discoverStacks(root));
    assert.ok(problems.length > 0);
    for (const p of problems)
      assert.match(
        p.problem,
        new RegExp(`pins account 999999999999 but the prod platform .* lives in ${platformAccount("prod")}`),
      );
  });

  it("does not depend on the committed ids: any distinct real accounts, set consistently, pass", () => {
    const real: Record<string, string> = { dev: "555555555555", prod: "666666666666" };
    const committed = Object.fromEntries(Object.keys(real).map((env) => [platformAccount(env), real[env]]));
    const root = repoWith((_f, text) =>
      text.replace(/aws:allowedAccountIds: \[(.*)\]/, (line, ids: string) =>
        line.replace(
          ids,
          ids.replace(/\d{12}/g, (id) => committed[id] ?? id),
        ),
      ),
    );
    const stacks = discoverStacks(root);
    assert.deepEqual(checkEnvironmentAccounts(stacks), []);
    for (const t of stacks)
      assert.deepEqual(JSON.parse(t.config.config["aws:allowedAccountIds"]), [real[t.env]], t.config.file);
  });
});
