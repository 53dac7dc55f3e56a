import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { CapturedResource } from "../../tools/runner/runStack";
import { PropertyMap } from "../../tools/runner/encoding";
import { DEFAULT_ACCOUNT } from "../../tools/runner/mocks";
import { REPO_ROOT } from "../../tools/runner/discover";
import { repositoryStacks } from "../support/offline";
import { projectRuntime, RegisteredResource, runProgramLikeTheCli } from "../../tools/cliHost/programHost";
import { TEST_TMP } from "../support/paths";

interface Comparable {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
  readonly inputs: PropertyMap;
  readonly dependencies: string[];
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
}

/** URN-independent identity of every registration: mock and engine URNs differ by design. */
function fingerprint(resources: Comparable[]): string[] {
  const byUrn = new Map(resources.map((r) => [r.urn, `${r.type}::${r.name}`]));
  return resources
    .map((r) =>
      JSON.stringify({
        id: `${r.type}::${r.name}`,
        parent: r.parent ? byUrn.get(r.parent) : null,
        inputs: r.inputs,
        dependencies: r.dependencies.map((d) => byUrn.get(d) ?? d).sort(),
        protect: r.protect,
        retainOnDelete: r.retainOnDelete,
      }),
    )
    .sort();
}

const fromCli = (r: RegisteredResource): Comparable => ({ ...r, parent: r.parent || undefined });
/** What the program registered: without the keys the gate adds as the provider's Check would. */
const fromRunner = (r: CapturedResource): Comparable => ({
  ...r,
  inputs: Object.fromEntries(Object.entries(r.inputs).filter(([k]) => !(r.checkAdded ?? []).includes(k))),
});

describe("program parity: every stack started through @pulumi/pulumi/cmd/run like the CLI", function () {
  this.timeout(600000);

  it("both Pulumi.yaml files resolve to an explicit entry point and the runtime tsconfig", () => {
    const platform = projectRuntime(REPO_ROOT);
    assert.deepEqual(
      [platform.name, path.relative(REPO_ROOT, platform.programDir), platform.entryPoint, platform.tsconfig],
      ["glue-platform", "platform", "index.ts", "../tsconfig.pulumi.json"],
    );
    const projects = projectRuntime(path.join(REPO_ROOT, "projects"));
    assert.deepEqual(
      [projects.name, path.relative(REPO_ROOT, projects.programDir), projects.entryPoint, projects.tsconfig],
      ["glue-project", "projects", "index.ts", "../tsconfig.pulumi.json"],
    );
    for (const rt of [platform, projects])
      assert.ok(fs.existsSync(path.resolve(rt.programDir, rt.tsconfig as string)));
  });

  it("registers the same resources as the offline runner, stack by stack", async () => {
    const stacks = await repositoryStacks();
    const platformOutputs = new Map<string, Record<string, unknown>>();
    for (const s of stacks) {
      const ref = s.resources.find((r) => r.type === "pulumi:pulumi:StackReference");
      if (ref) platformOutputs.set(s.env, (ref.outputs as { outputs: Record<string, unknown> }).outputs);
    }
    for (const s of stacks) {
      const projectDir = s.project === "glue-platform" ? REPO_ROOT : path.join(REPO_ROOT, "projects");
      const config = (await import("../../tools/runner/stackFiles")).readStackConfig(
        (await import("../../tools/runner/stackFiles")).readProjectFile(projectDir),
        s.name,
      ).config;
      const run = await runProgramLikeTheCli({
        projectDir,
        stack: s.name,
        config,
        preview: true,
        account: { ...DEFAULT_ACCOUNT, region: config["aws:region"] ?? DEFAULT_ACCOUNT.region },
        stackOutputs: (n) => (n.endsWith(`/glue-platform/${s.env}`) ? platformOutputs.get(s.env) : undefined),
      });
      assert.equal(
        run.exitCode,
        0,
        `${s.name}: ${run.stderr}\n${run.logs.filter((l) => /error|fail/i.test(l)).join("\n")}`,
      );
      assert.deepEqual(
        fingerprint(run.resources.map(fromCli)),
        fingerprint(s.resources.map(fromRunner)),
        s.name,
      );
      // The bench's start metric: the first resource call is a project's StackReference read,
      // which comes before its first custom registration; the platform has no read.
      assert.ok(run.firstResourceCallMs !== undefined && run.firstRegistrationMs !== undefined, s.name);
      const hasRead = s.resources.some((r) => r.type === "pulumi:pulumi:StackReference");
      if (hasRead) assert.ok(run.firstResourceCallMs < run.firstRegistrationMs, s.name);
      else assert.equal(run.firstResourceCallMs, run.firstRegistrationMs, s.name);
    }
  });

  describe("honours the runtime tsconfig", () => {
    const dir = path.join(TEST_TMP, "typecheck");
    const write = (tsconfig: object) => {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, "Pulumi.yaml"),
        "name: typecheck-probe\nmain: index.ts\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n    tsconfig: tsconfig.json\n",
      );
      fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
      fs.writeFileSync(
        path.join(dir, "index.ts"),
        'import * as pulumi from "@pulumi/pulumi";\nconst count: number = "not a number";\nexport const out = pulumi.output(count);\n',
      );
    };
    const run = () =>
      runProgramLikeTheCli({
        projectDir: dir,
        stack: "dev",
        config: {},
        preview: true,
        account: DEFAULT_ACCOUNT,
        stackOutputs: () => undefined,
      });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const STRICT_OPTIONS = {
      strict: true,
      target: "ES2022",
      module: "commonjs",
      moduleResolution: "node",
      types: ["node"],
      skipLibCheck: true,
    };

    it("a deliberate type error fails when type-checking is on (the CLI's default)", async () => {
      write({ compilerOptions: STRICT_OPTIONS });
      const r = await run();
      assert.notEqual(r.exitCode, 0);
      assert.match(r.logs.join("\n") + r.stderr, /TS2322: Type 'string' is not assignable to type 'number'/);
    });

    it("the same program passes through when the tsconfig sets noCheck (our tsconfig.pulumi.json)", async () => {
      write({
        compilerOptions: {
          ...STRICT_OPTIONS,
          noCheck: true,
        },
      });
      const r = await run();
      assert.equal(r.exitCode, 0, r.stderr + r.logs.join("\n"));
    });
  });
});
