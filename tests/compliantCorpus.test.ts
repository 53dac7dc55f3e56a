import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { runOfflineCheck } from "../tools/gate/offlineCheck";

/** Programs in unusual but legitimate styles (apply, loops, component wrappers, explicit providers,
 * same-stack references): the pack must pass every one of them. */
const CORPUS = path.join(__dirname, "fixtures", "compliant");
const files = fs
  .readdirSync(CORPUS)
  .filter((f) => f.endsWith(".ts"))
  .map((f) => path.join(CORPUS, f));

describe("compliant corpus", () => {
  it("has programs to run", () => {
    assert.ok(files.length >= 5, String(files.length));
  });

  it("passes every compliant program with no mandatory violation", async () => {
    const stacks = await runOfflineCheck({ envs: ["dev"], programs: files, onlyExtra: true });
    assert.equal(stacks.length, files.length);
    stacks.forEach((s, i) => {
      assert.equal(s.error, undefined, `${files[i]}: ${s.error}`);
      assert.ok(s.resources.length > 1, `${files[i]} registered nothing`);
      assert.deepEqual(
        s.violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy}: ${v.detail}`),
        [],
        path.basename(files[i]),
      );
    });
  });
});
