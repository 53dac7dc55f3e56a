/** Resource options the engine receives but never hands a policy: the runner records them, the gate
 * refuses imports in project stacks itself, plugin options reach policies through the provider's
 * inputs (as the engine writes them), and a remote component gets a provider like a custom resource. */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { runOfflineCheck } from "../../tools/gate/offlineCheck";
import { GATE_IMPORT_RULE } from "../../tools/gate/resourceOptions";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const SPEC = path.join(FIXTURES, "project", "project.yaml");
const refused = fs
  .readdirSync(path.join(FIXTURES, "gate-refused"))
  .filter((f) => f.startsWith("import-") && f.endsWith(".ts"))
  .map((f) => path.join(FIXTURES, "gate-refused", f));

describe("gate: resource options policies cannot see", () => {
  it("refuses every import in a project stack, naming the imported id", async () => {
    assert.ok(refused.length >= 2, String(refused.length));
    const stacks = await runOfflineCheck({
      envs: ["dev"],
      programs: refused,
      programSpec: SPEC,
      onlyExtra: true,
    });
    stacks.forEach((s, i) => {
      assert.equal(s.error, undefined, refused[i]);
      const hits = s.violations.filter((v) => v.policy === GATE_IMPORT_RULE && v.level === "mandatory");
      assert.equal(hits.length, 1, `${refused[i]}: ${JSON.stringify(s.violations.map((v) => v.policy))}`);
      assert.match(hits[0].detail, /imports the existing resource "[^"]+"/);
      const imported = s.resources.filter((r) => r.importId !== undefined);
      assert.equal(imported.length, 1);
    });
  });

  it("records plugin options into the provider's inputs and gives a remote component a provider", async () => {
    const programs = ["provider-plugin-download-url.ts", "remote-component.ts"].map((f) =>
      path.join(FIXTURES, "noncompliant", f),
    );
    const [plugin, remote] = await runOfflineCheck({
      envs: ["dev"],
      programs,
      programSpec: SPEC,
      onlyExtra: true,
    });
    const provider = plugin.resources.find((r) => r.type === "pulumi:providers:aws");
    assert.equal(provider?.inputs.pluginDownloadURL, "https://plugins.mirror.example/pulumi/");
    assert.equal(provider?.pluginDownloadURL, "https://plugins.mirror.example/pulumi/");
    const component = remote.resources.find((r) => r.type === "awsx:ec2:Vpc");
    assert.equal(component?.remote, true);
    assert.equal(component?.custom, false);
  });
});
