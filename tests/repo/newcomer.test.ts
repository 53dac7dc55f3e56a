/** What a newcomer on a fresh machine and the CI workflow need, kept true to the code. */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { REPO_ROOT } from "../../tools/runner/discover";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}
const workflow = parse(
  fs.readFileSync(path.join(REPO_ROOT, ".github/workflows/policy-gate.yml"), "utf8"),
) as {
  jobs: Record<string, { steps: Step[] }>;
};
const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

describe("newcomer path", () => {
  it("CI installs Python and moto before npm test (the audit tests start moto's server)", () => {
    for (const job of Object.values(workflow.jobs)) {
      const test = job.steps.findIndex((s) => s.run === "npm test");
      if (test < 0) continue;
      const before = job.steps.slice(0, test);
      assert.ok(
        before.some((s) => s.uses?.startsWith("actions/setup-python@")),
        "setup-python before npm test",
      );
      assert.ok(
        before.some((s) => /pip install .*moto\[server\]==\d/.test(s.run ?? "")),
        "pinned moto before npm test",
      );
    }
  });

  it("the CI preview pins the Pulumi CLI to the @pulumi/pulumi version the repository is tested with", () => {
    const version = (
      JSON.parse(
        fs.readFileSync(path.join(REPO_ROOT, "node_modules/@pulumi/pulumi/package.json"), "utf8"),
      ) as {
        version: string;
      }
    ).version;
    const previews = Object.values(workflow.jobs).flatMap((j) =>
      j.steps.filter((s) => s.uses?.startsWith("pulumi/actions@")),
    );
    assert.ok(previews.length > 0);
    for (const s of previews) assert.equal(String(s.with?.["pulumi-version"]), version);
  });

  it("the README says what a fresh machine needs and creates every stack it deploys", () => {
    const fresh = readme.slice(readme.indexOf("## Two commands"), readme.indexOf("## Repository layout"));
    assert.match(fresh, /moto\[server\]==\d/);
    const deploy = readme.slice(readme.indexOf("## Deploying for real"), readme.indexOf("### What to run"));
    for (const m of deploy.matchAll(/pulumi (?:up|preview)\s+--stack ([\w.-]+)/g))
      assert.ok(
        deploy.indexOf(`pulumi stack init ${m[1]}`) >= 0 &&
          deploy.indexOf(`pulumi stack init ${m[1]}`) < (m.index ?? 0),
        `pulumi stack init ${m[1]} before its first use`,
      );
  });
});
