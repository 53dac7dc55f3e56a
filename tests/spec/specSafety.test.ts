/**
 * Bad and hostile spec files: each becomes a clear `file:line` problem for its own stack, never a
 * crash, a hang or a failure of every other project. Run against a temp copy of the repository.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SPEC_FILE_LIMITS } from "../../components/limits";
import { SpecError } from "../../components/spec/problems";
import { loadSpecDocument } from "../../components/spec/safeLoad";
import { loadProjectSpec, validateSpecText } from "../../components/spec/validate";
import { parse, stringify } from "yaml";
import { runOfflineCheck } from "../../tools/gate/offlineCheck";
import { discoverStacks, REPO_ROOT } from "../../tools/runner/discover";

/** A copy of what the stacks need (programs, components, stack configs, policy config). */
export function tempRepo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "repo-"));
  for (const p of [
    "Pulumi.yaml",
    "Pulumi.dev.yaml",
    "Pulumi.prod.yaml",
    "components",
    "platform",
    "projects",
    // The job runtime's package, which every project stack with Spark jobs uploads (not its venv).
    path.join("runtime", "glue_runtime"),
  ])
    fs.cpSync(path.join(REPO_ROOT, p), path.join(root, p), { recursive: true });
  fs.mkdirSync(path.join(root, "policy-pack"));
  fs.cpSync(path.join(REPO_ROOT, "policy-pack", "config"), path.join(root, "policy-pack", "config"), {
    recursive: true,
  });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(root, "node_modules"));
  return root;
}

/** The sample project with most jobs, as a template: its folder and its spec text. */
function template(): { slug: string; dir: string; text: string; id: string } {
  const t = discoverStacks(REPO_ROOT).find((s) => s.kind === "project" && s.env === "dev");
  assert.ok(t, "the repository has a dev project stack");
  const slug = t.stack.replace(/-dev$/, "");
  const dir = path.join(REPO_ROOT, "projects", slug);
  const text = fs.readFileSync(path.join(dir, "project.yaml"), "utf8");
  return { slug, dir, text, id: /^projectId: (\S+)/m.exec(text)?.[1] ?? "" };
}

function addProject(root: string, slug: string, text: string, specRel = `${slug}/project.yaml`): string {
  const file = path.join(root, "projects", specRel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  fs.writeFileSync(
    path.join(root, "projects", `Pulumi.${slug}-dev.yaml`),
    `config:\n  aws:region: eu-west-1\n  glue-project:spec: ${specRel}\n  glue-project:env: dev\n  glue-project:platformOrg: organization\n`,
  );
  return file;
}

const problemsOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof SpecError, `expected a SpecError, got ${(e as Error).stack}`);
    return e.message;
  }
  assert.fail("expected a SpecError");
};

describe("spec files are read safely", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "specs-"));
  const write = (name: string, content: string | Buffer) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, content);
    return f;
  };

  it("rejects empty, scalar, list, UTF-16, binary and oversized files with a file-level problem", () => {
    const cases: [string, string | Buffer, RegExp][] = [
      ["empty.yaml", "", /empty\.yaml:1:1 \(document\) — is empty/],
      ["comment.yaml", "# nothing here\n", /\(document\) — is empty/],
      ["scalar.yaml", "just a string\n", /\(document\) — must be a mapping of fields, not a string value/],
      ["list.yaml", "- a\n- b\n", /\(document\) — must be a mapping of fields, not a list/],
      ["utf16.yaml", Buffer.from("\ufeffslug: x\n", "utf16le"), /is UTF-16 or binary, not UTF-8 text/],
      ["latin1.yaml", Buffer.from([0x73, 0x6c, 0x75, 0x67, 0x3a, 0x20, 0xe9, 0x0a]), /is not valid UTF-8/],
      ["big.yaml", `slug: x\n# ${"x".repeat(SPEC_FILE_LIMITS.maxBytes)}\n`, /over the \d+-byte limit/],
    ];
    for (const [name, content, expected] of cases) {
      const f = write(name, content);
      assert.match(
        problemsOf(() => loadProjectSpec(f)),
        expected,
        name,
      );
    }
  });

  it("stops alias bombs and deep nesting at a line, before expanding them", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(", ")}]`,
      );
    const started = Date.now();
    assert.match(
      problemsOf(() => loadProjectSpec(write("bomb.yaml", bomb.join("\n") + "\n"))),
      /bomb\.yaml:\d+:\d+ \(yaml\) — uses more than \d+ YAML aliases/,
    );
    assert.ok(Date.now() - started < 2000, "refused without expanding");
    const deep = `slug: ${"[".repeat(200)}${"]".repeat(200)}\n`;
    assert.match(
      problemsOf(() => loadProjectSpec(write("deep.yaml", deep))),
      /nests deeper than \d+ levels/,
    );
  });

  it("refuses symlinks (even to /dev/zero), directories and missing files", () => {
    const link = path.join(dir, "zero.yaml");
    fs.symlinkSync("/dev/zero", link);
    assert.match(
      problemsOf(() => loadProjectSpec(link)),
      /zero\.yaml:1:1 \(file\) — is a symbolic link/,
    );
    const sub = path.join(dir, "folder.yaml");
    fs.mkdirSync(sub);
    assert.match(
      problemsOf(() => loadSpecDocument(sub)),
      /is not a regular file \(a directory\)/,
    );
    assert.match(
      problemsOf(() => loadSpecDocument(path.join(dir, "none.yaml"))),
      /does not exist/,
    );
  });
});

describe("the gate judges each spec alone", function () {
  this.timeout(300000);

  it("a hostile spec fails only its own stack; nested duplicates and linked scripts/ are caught", async () => {
    const root = tempRepo();
    const t = template();
    // An alias bomb with its own stack.
    const bombLines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 10; i++)
      bombLines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(", ")}]`,
      );
    addProject(root, "bomb", bombLines.join("\n") + "\n");
    // Stray files every stack used to read: a symlink to /dev/zero and a directory named project.yaml.
    fs.mkdirSync(path.join(root, "projects", "zero"));
    fs.symlinkSync("/dev/zero", path.join(root, "projects", "zero", "project.yaml"));
    fs.mkdirSync(path.join(root, "projects", "dir", "project.yaml"), { recursive: true });
    // A nested copy of the template that keeps its id.
    const nestedDir = path.join(root, "projects", "team", "nested");
    fs.cpSync(t.dir, nestedDir, { recursive: true });
    addProject(root, "nested", t.text.replace(/^slug: .*$/m, "slug: nested"), "team/nested/project.yaml");
    // A project whose scripts/ folder is a link to another folder.
    const linked = path.join(root, "projects", "linked");
    fs.mkdirSync(linked);
    fs.symlinkSync(path.join(t.dir, "scripts"), path.join(linked, "scripts"));
    addProject(
      root,
      "linked",
      t.text
        .replace(/^slug: .*$/m, "slug: linked")
        .replace(/^projectId: .*$/m, "projectId: 0b7e3c1a-9d2f-4e8b-a6c5-1f2e3d4c5b6a"),
    );

    const started = Date.now();
    const stacks = await runOfflineCheck({ envs: ["dev"], repoRoot: root, withPolicies: false });
    assert.ok(Date.now() - started < 240_000);
    const by = Object.fromEntries(stacks.map((s) => [s.name, s]));
    assert.match(
      by["bomb-dev"]?.error ?? "",
      /bomb\/project\.yaml:\d+:\d+ \(yaml\) — uses more than \d+ YAML aliases/,
    );
    assert.match(
      by["nested-dev"]?.error ?? "",
      new RegExp(`projectId — is already the id of project "${t.slug}"`),
    );
    assert.match(by[`${t.slug}-dev`]?.error ?? "", /projectId — is already the id of project "nested"/);
    assert.match(by["linked-dev"]?.error ?? "", /scripts\/, which is a symbolic link/);
    const others = stacks.filter(
      (s) => !["bomb-dev", "nested-dev", "linked-dev", `${t.slug}-dev`].includes(s.name),
    );
    assert.ok(others.length >= 2, others.map((s) => s.name).join());
    for (const s of others) assert.equal(s.error, undefined, `${s.name}: ${s.error}`);
  });
});

describe("limits AWS enforces only at deploy time", () => {
  const t = template();
  const file = path.join(t.dir, "project.yaml");
  const variant = (
    change: (spec: {
      jobs: { description?: string; parameters?: Record<string, string> }[];
      displayName: string;
    }) => void,
  ) => {
    const spec = parse(t.text) as Parameters<typeof change>[0];
    change(spec);
    return stringify(spec);
  };

  it("a job's arguments over Glue's 260 KB total are refused with the limit named", () => {
    const text = variant((s) => {
      s.jobs[0].parameters = Object.fromEntries(
        Array.from({ length: 70 }, (_, i) => [`P${i}`, "x".repeat(4000)]),
      );
    });
    assert.match(
      problemsOf(() => validateSpecText(text, file)),
      /jobs\[0\]\.parameters — add up to \d+ bytes .* over Glue's 260 KB limit on a job's total argument size/,
    );
    // The same job's own parameters (its script reads them) with long values: well under the limit.
    const ok = variant((s) => {
      s.jobs[0].parameters = Object.fromEntries(
        Object.keys(s.jobs[0].parameters ?? {}).map((k) => [k, "x".repeat(4000)]),
      );
    });
    assert.doesNotThrow(() => validateSpecText(ok, file));
  });

  it("NUL and other control characters, and over-long UTF-8, in descriptions are refused", () => {
    const nul = variant((s) => {
      s.jobs[0].description = "nightly\u0000load";
    });
    assert.match(
      problemsOf(() => validateSpecText(nul, file)),
      /jobs\[0\]\.description — contains the control character U\+0000, which Glue's description pattern rejects/,
    );
    const bell = variant((s) => {
      s.displayName = "Team \u0007 data";
    });
    assert.match(
      problemsOf(() => validateSpecText(bell, file)),
      /displayName — contains the control character U\+0007/,
    );
    const wide = variant((s) => {
      s.jobs[0].description = "é".repeat(1500); // 1500 characters, 3000 bytes
    });
    assert.match(
      problemsOf(() => validateSpecText(wide, file)),
      /jobs\[0\]\.description — is 3000 UTF-8 bytes; Glue descriptions are limited to 2048 bytes/,
    );
    const tabs = variant((s) => {
      s.jobs[0].description = "line one\n\tline two\r\n";
    });
    assert.doesNotThrow(() => validateSpecText(tabs, file));
  });
});
