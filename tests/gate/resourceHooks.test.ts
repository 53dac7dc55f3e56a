/** Resource hooks: program code the engine runs around a resource's steps and no policy sees. The
 * runner records them (the mock monitor has no RegisterResourceHook) without ever calling one, and the
 * gate refuses any in a project stack, in the text, JSON and markdown reports. */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { runOfflineCheck } from "../../tools/gate/offlineCheck";
import { jsonReport, markdownReport, stackText } from "../../tools/gate/report";
import { GATE_HOOK_RULE } from "../../tools/gate/resourceOptions";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const SPEC = path.join(FIXTURES, "project", "project.yaml");
const DIR = path.join(FIXTURES, "gate-refused");
const hooked = fs
  .readdirSync(DIR)
  .filter((f) => f.startsWith("hook-") && f.endsWith(".ts"))
  .map((f) => path.join(DIR, f));

describe("gate: resource hooks", () => {
  it("records every bound hook, never runs one, and refuses it in a project stack in every report", async () => {
    assert.ok(hooked.length >= 3, String(hooked.length));
    const g = globalThis as { gateRanHook?: boolean };
    delete g.gateRanHook;
    const stacks = await runOfflineCheck({
      envs: ["dev"],
      programs: hooked,
      programSpec: SPEC,
      onlyExtra: true,
    });
    assert.equal(g.gateRanHook, undefined, "a hook ran under the gate");
    assert.equal(stacks.length, hooked.length);
    const json = jsonReport(stacks) as {
      stacks: { violations: { policy: string }[]; resources: { hooks?: { point: string }[] }[] }[];
    };
    const md = markdownReport(stacks);
    stacks.forEach((s, i) => {
      assert.equal(s.error, undefined, `${hooked[i]}: ${s.error}`);
      const withHooks = s.resources.filter((r) => (r.hooks ?? []).length > 0);
      assert.equal(withHooks.length, 1, hooked[i]);
      const hits = s.violations.filter((v) => v.policy === GATE_HOOK_RULE && v.level === "mandatory");
      assert.equal(hits.length, 1, `${hooked[i]}: ${JSON.stringify(s.violations.map((v) => v.policy))}`);
      assert.equal(hits[0].urn, withHooks[0].urn);
      for (const h of withHooks[0].hooks ?? []) assert.ok(hits[0].detail.includes(`${h.point} "${h.name}"`));
      assert.match(stackText(s, false), new RegExp(GATE_HOOK_RULE));
      assert.ok(json.stacks[i].violations.some((v) => v.policy === GATE_HOOK_RULE));
      assert.ok(json.stacks[i].resources.some((r) => (r.hooks ?? []).length > 0));
    });
    assert.match(md, new RegExp(GATE_HOOK_RULE));
  });

  it("reads each hook's lifecycle point and flags from the registration", async () => {
    const file = (name: string) => path.join(DIR, name);
    const [job, onPreview, plain] = await runOfflineCheck({
      envs: ["dev"],
      programs: [
        file("hook-after-create-rewrites-job.ts"),
        file("hook-on-preview-in-component.ts"),
        file("hook-plain-functions-and-error-hook.ts"),
      ],
      programSpec: SPEC,
      onlyExtra: true,
    });
    const hooksOf = (s: typeof job) =>
      s.resources.flatMap((r) => (r.hooks ?? []).map((h) => `${h.point}:${h.kind}:${h.onDryRun}`));
    assert.deepEqual(hooksOf(job), ["afterCreate:resource:false", "afterUpdate:resource:false"]);
    assert.deepEqual(hooksOf(onPreview), ["beforeDelete:resource:true"]);
    assert.deepEqual(hooksOf(plain), ["beforeCreate:resource:false", "onError:error:false"]);
  });
});
