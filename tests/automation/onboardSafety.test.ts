/**
 * Onboarding is all or nothing, keeps what it does not own, works offline, and turns every bad input
 * into a clear error (exit 2, JSON when asked) instead of a stack trace.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { onboard, parseOnboardArgs } from "../../tools/automation/onboard";
import { deterministicProjectId } from "../../tools/automation/onboardFiles";
import {
  CliMissingError,
  ConfigValues,
  PulumiWorkspace,
  StackHandle,
} from "../../tools/automation/workspace";
import { main as onboardMain } from "../../tools/onboard";
import { scratchRepo, snapshot } from "../support/scratchRepo";

/** A workspace double: `failAt` makes stack creation or configuration fail like a broken backend. */
function workspace(opts: { cli?: boolean; failAt?: "create" | "config" } = {}) {
  const calls: string[] = [];
  const config = new Map<string, ConfigValues>();
  const handle = (name: string): StackHandle => ({
    name,
    setAllConfig: async (c) => {
      calls.push("setAllConfig");
      if (opts.failAt === "config") throw new Error("error: could not write stack config: permission denied");
      config.set(name, c);
    },
    preview: () => Promise.reject(new Error("unused")),
    up: () => Promise.reject(new Error("unused")),
    previewRefresh: () => Promise.reject(new Error("unused")),
  });
  const ws: PulumiWorkspace = {
    ensureCli: async () => {
      calls.push("ensureCli");
      if (opts.cli === false) throw new CliMissingError("`pulumi` is not on PATH");
      return { version: "3.270.0" };
    },
    createOrSelectStack: async ({ stackName }) => {
      calls.push("createOrSelectStack");
      if (opts.failAt === "create") throw new Error("error: PULUMI_ACCESS_TOKEN must be set for login");
      return handle(stackName);
    },
    selectStack: () => Promise.reject(new Error("unused")),
  };
  return { ws, calls, config };
}

const base = ["--name", "demo", "--owner", "team@example.com", "--cost-center", "CC-7", "--env", "dev"];
const deps = (root: string, ws: PulumiWorkspace, lines: string[] = []) => ({
  repoRoot: root,
  workspace: () => ws,
  log: (l: string) => void lines.push(l),
  buildPack: () => undefined,
});

describe("onboarding safety", () => {
  it("writes nothing when the stack cannot be created or configured, and says so", async () => {
    for (const failAt of ["create", "config"] as const) {
      const root = scratchRepo("empty", "onboard-safe-");
      const before = snapshot(root, { folders: true });
      const { ws } = workspace({ failAt });
      const r = await onboard(parseOnboardArgs(base), deps(root, ws));
      assert.equal(r.exitCode, 3, failAt);
      assert.deepEqual(
        snapshot(root, { folders: true }),
        before,
        `${failAt}: every file and folder is as before`,
      );
      assert.deepEqual(r.written, []);
      assert.match(r.problems.join("\n"), /nothing was written: rolled back projects\/demo\/project\.yaml/);
    }
  });

  it("keeps every stack-config key it does not own, and --org sets the platform org", async () => {
    const root = scratchRepo("empty", "onboard-safe-");
    const file = path.join(root, "projects", "Pulumi.demo-dev.yaml");
    fs.writeFileSync(
      file,
      "encryptionsalt: v1:abc:def\nconfig:\n  aws:profile: data-team\n  glue-project:platformOrg: acme-corp\n  demo:extra: keep-me\n",
    );
    const { ws, config } = workspace();
    const r = await onboard(parseOnboardArgs(base), deps(root, ws));
    assert.equal(r.exitCode, 0, r.problems.join("\n"));
    const doc = parse(fs.readFileSync(file, "utf8")) as {
      encryptionsalt: string;
      config: Record<string, string>;
    };
    assert.equal(doc.encryptionsalt, "v1:abc:def");
    assert.equal(doc.config["aws:profile"], "data-team");
    assert.equal(doc.config["demo:extra"], "keep-me");
    assert.equal(doc.config["glue-project:platformOrg"], "acme-corp", "a custom org is kept");
    assert.equal(doc.config["glue-project:spec"], "demo/project.yaml");

    const again = await onboard(parseOnboardArgs([...base, "--org", "other-org"]), deps(root, ws));
    assert.equal(again.exitCode, 0);
    assert.equal(
      (parse(fs.readFileSync(file, "utf8")) as typeof doc).config["glue-project:platformOrg"],
      "other-org",
    );
    assert.equal(config.get("demo-dev")?.["glue-project:platformOrg"]?.value, "other-org");
    assert.ok(
      !Object.keys(config.get("demo-dev") ?? {}).includes("aws:profile"),
      "sets only the keys it owns",
    );
    assert.throws(
      () => parseOnboardArgs([...base, "--org", "bad org!"]),
      /--org "bad org!" must be a Pulumi organization name/,
    );
  });

  it("--dry-run prints the files and the id that --write-only then writes without any CLI", async () => {
    const root = scratchRepo("empty", "onboard-safe-");
    const before = snapshot(root, { folders: true });
    const lines: string[] = [];
    const none = workspace({ cli: false });
    const dry = await onboard(parseOnboardArgs([...base, "--dry-run"]), deps(root, none.ws, lines));
    assert.equal(dry.exitCode, 0);
    assert.deepEqual(snapshot(root, { folders: true }), before);
    const id = deterministicProjectId("demo");
    const out = lines.join("\n");
    assert.match(
      out,
      new RegExp(`--- projects/demo/project\\.yaml \\(would create\\)\\n[\\s\\S]*projectId: ${id}`),
    );
    assert.match(
      out,
      /--- projects\/Pulumi\.demo-dev\.yaml \(would create\)\nconfig:\n {2}aws:region: eu-west-1/,
    );

    const written = await onboard(parseOnboardArgs([...base, "--write-only"]), deps(root, none.ws));
    assert.equal(written.exitCode, 0, written.problems.join("\n"));
    assert.deepEqual(none.calls, [], "no CLI was asked for");
    assert.deepEqual(written.written.sort(), [
      "projects/Pulumi.demo-dev.yaml",
      "projects/demo/project.yaml",
      "projects/demo/scripts/README.md",
    ]);
    const spec = parse(fs.readFileSync(path.join(root, "projects/demo/project.yaml"), "utf8")) as {
      projectId: string;
    };
    assert.equal(spec.projectId, id, "the id shown by --dry-run is the one written");
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(deterministicProjectId("demo2"), id);
  });

  it("every broken spec is a clear error with exit 2, in JSON when asked", async () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 10; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(", ")}]`,
      );
    const cases: [string, (file: string) => void, RegExp][] = [
      ["empty", (f) => fs.writeFileSync(f, ""), /is empty/],
      ["scalar", (f) => fs.writeFileSync(f, "hello\n"), /must be a mapping of fields/],
      ["list", (f) => fs.writeFileSync(f, "- a\n"), /must be a mapping of fields, not a list/],
      ["utf16", (f) => fs.writeFileSync(f, Buffer.from("\ufeffslug: demo\n", "utf16le")), /UTF-16/],
      ["alias bomb", (f) => fs.writeFileSync(f, bomb.join("\n") + "\n"), /YAML aliases/],
      ["symlink", (f) => fs.symlinkSync("/dev/zero", f), /is a symbolic link/],
      ["directory", (f) => fs.mkdirSync(f), /is not a regular file/],
    ];
    for (const [name, make, expected] of cases) {
      for (const json of [true, false]) {
        const root = scratchRepo("empty", "onboard-safe-");
        fs.mkdirSync(path.join(root, "projects", "demo"));
        make(path.join(root, "projects", "demo", "project.yaml"));
        const lines: string[] = [];
        const code = await onboardMain(
          [...base, "--dry-run", ...(json ? ["--json"] : [])],
          (l) => lines.push(l),
          root,
        );
        assert.equal(code, 2, `${name}: ${lines.join("\n")}`);
        const out = lines.join("\n");
        assert.doesNotMatch(out, /\n\s+at /, `${name}: no stack trace`);
        if (json) {
          const parsed = JSON.parse(out) as { exitCode: number; problems: string[] };
          assert.equal(parsed.exitCode, 2);
          assert.match(parsed.problems.join("\n"), expected, name);
          assert.match(parsed.problems.join("\n"), /projects\/demo\/project\.yaml/);
        } else assert.match(out, expected, name);
      }
    }
  });

  it("--help prints the usage and exits 0", async () => {
    const lines: string[] = [];
    assert.equal(await onboardMain(["--help"], (l) => lines.push(l)), 0);
    assert.match(lines.join("\n"), /^usage: npm run onboard/);
  });
});
