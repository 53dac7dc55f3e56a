/**
 * The real Pulumi engine in the loop (`npm run e2e`): the CLI and Node language host built from Go
 * modules (e2e/engine), the repository's programs and compiled policy pack, a local file backend and
 * real StackReferences; only AWS is a double (e2e/provider). Stacks come from the repository's
 * stack files (tools/runner/discover.ts), never from a list here.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { runOfflineCheck, CheckedStack } from "../../tools/gate/offlineCheck";
import { discoverStacks, StackTarget } from "../../tools/runner/discover";
import { writeLiveChange, CREDENTIALS_ENV } from "../provider/live";
import { createSandbox, engineBin, expectExit, REPO, Sandbox } from "../support/engine";
import { Decision, engineDecisions, gateDecisions, readEventLog } from "../support/events";

const ENV = "dev";
const targets = discoverStacks(REPO).filter((t) => t.env === ENV);
const platform = targets.find((t) => t.kind === "platform");
const projectStacks = targets.filter((t) => t.kind === "project");
const CORPUS = path.join("tests", "fixtures", "noncompliant");

/** The first program of the noncompliant corpus, with the policy its header says blocks it. */
function noncompliantProgram(): { file: string; policy: string } {
  for (const f of fs.readdirSync(path.join(REPO, CORPUS)).sort()) {
    const m = /^\/\/ blocked-by: (\S+)/.exec(fs.readFileSync(path.join(REPO, CORPUS, f), "utf8"));
    if (m) return { file: f, policy: m[1] };
  }
  throw new Error(`no program with a "// blocked-by:" header in ${CORPUS}`);
}

function summary(ds: Decision[]): string {
  const m = ds.filter((d) => d.level === "mandatory").length;
  return `${ds.length} decisions (${m} mandatory, ${ds.length - m} advisory)`;
}

function diffDecisions(engine: Decision[], gate: Decision[]): string {
  const show = (d: Decision) =>
    `${d.level} ${d.policy} ${d.urn.split("::").pop()}: ${d.message.split("\n")[0]}`;
  const key = (d: Decision) => JSON.stringify(d);
  const g = new Set(gate.map(key));
  const e = new Set(engine.map(key));
  return [
    ...engine.filter((d) => !g.has(key(d))).map((d) => `  engine only: ${show(d)}`),
    ...gate.filter((d) => !e.has(key(d))).map((d) => `  gate only:   ${show(d)}`),
  ].join("\n");
}

describe(`the real Pulumi engine on a file backend (${ENV})`, function () {
  this.timeout(20 * 60 * 1000);
  let sb: Sandbox;
  let gate: CheckedStack[] = [];
  const packArgs = (repo: string) => [
    "--policy-pack",
    path.join(repo, "policy-pack"),
    "--policy-pack-config",
    path.join(repo, "policy-pack", "config", `${ENV}.json`),
  ];
  const dirOf = (t: StackTarget) => path.join(sb.repo, path.relative(REPO, t.project.dir));
  const eventLog = (name: string) => path.join(sb.repo, "..", `${name}.events.jsonl`);
  const gateFor = (stack: string) => {
    const s = gate.find((x) => x.name === stack);
    assert.ok(s, `the offline gate did not check ${stack}`);
    assert.equal(s.error, undefined, `offline gate failed on ${stack}: ${s.error}`);
    return gateDecisions(s.violations);
  };

  before(async function () {
    assert.ok(platform, `no ${ENV} platform stack (Pulumi.${ENV}.yaml next to Pulumi.yaml)`);
    sb = createSandbox();
    // The sandbox also exports PULUMI_BACKEND_URL; log in as a user would, into its own PULUMI_HOME.
    expectExit(sb.pulumi(["login", sb.backendUrl], sb.repo), 0, "pulumi login");
    gate = await runOfflineCheck({ envs: [ENV] });
  });
  after(() => sb?.dispose());

  it("runs the CLI built from the pinned Go module", () => {
    const r = expectExit(sb.pulumi(["version"], sb.repo), 0, "pulumi version");
    const pinned = /github\.com\/pulumi\/pulumi\/pkg\/v3 (v\S+)/.exec(
      fs.readFileSync(path.join(REPO, "e2e", "engine", "go.mod"), "utf8"),
    )?.[1];
    assert.equal(r.stdout.trim(), pinned);
    assert.ok(fs.existsSync(path.join(engineBin(), "pulumi-language-nodejs")));
  });

  it(`previews the ${ENV} platform with the pack: same decisions as the offline gate`, () => {
    const dir = dirOf(platform!);
    expectExit(sb.pulumi(["stack", "init", platform!.stack], dir), 0, "stack init");
    const log = eventLog("platform-preview");
    expectExit(
      sb.pulumi(["preview", "--stack", platform!.stack, ...packArgs(sb.repo), "--event-log", log], dir),
      0,
      "platform preview",
    );
    const engine = engineDecisions(readEventLog(log));
    const expected = gateFor(platform!.stack);
    console.log(`      engine: ${summary(engine)}; gate: ${summary(expected)}`);
    assert.deepEqual(engine, expected, `decisions differ:\n${diffDecisions(engine, expected)}`);
  });

  it(`deploys the ${ENV} platform (pulumi up with the pack)`, () => {
    const dir = dirOf(platform!);
    expectExit(
      sb.pulumi(["up", "--yes", "--skip-preview", "--stack", platform!.stack, ...packArgs(sb.repo)], dir),
      0,
      "platform up",
    );
    const out = expectExit(
      sb.pulumi(["stack", "output", "--json", "--stack", platform!.stack], dir),
      0,
      "outputs",
    );
    const outputs = JSON.parse(out.stdout) as Record<string, unknown>;
    assert.ok(Object.keys(outputs).length > 0, "the deployed platform exports its contract");
  });

  for (const t of projectStacks) {
    it(`previews ${t.stack} with the pack through a real StackReference: same decisions as the offline gate`, () => {
      const dir = dirOf(t);
      expectExit(sb.pulumi(["stack", "init", t.stack], dir), 0, `stack init ${t.stack}`);
      const log = eventLog(t.stack);
      expectExit(
        sb.pulumi(["preview", "--stack", t.stack, ...packArgs(sb.repo), "--event-log", log], dir),
        0,
        t.stack,
      );
      const events = readEventLog(log);
      const reads = events.filter(
        (e) => e.resourcePreEvent?.metadata.type === "pulumi:pulumi:StackReference",
      );
      assert.ok(reads.length > 0, `${t.stack} read no StackReference`);
      const engine = engineDecisions(events);
      const expected = gateFor(t.stack);
      console.log(`      engine: ${summary(engine)}; gate: ${summary(expected)}`);
      assert.deepEqual(engine, expected, `decisions differ:\n${diffDecisions(engine, expected)}`);
    });
  }

  it("blocks a noncompliant program: non-zero exit, the mandatory policy named, as the gate decides", async () => {
    const { file, policy } = noncompliantProgram();
    const dir = path.join(sb.repo, CORPUS);
    const stack = `program-${file.replace(/\.ts$/, "")}-${ENV}`;
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      [
        "name: glue-project",
        `main: ${file}`,
        "runtime:",
        "  name: nodejs",
        "  options:",
        "    typescript: true",
        `    tsconfig: ${path.relative(dir, path.join(sb.repo, "tsconfig.pulumi.json"))}`,
        "",
      ].join("\n"),
    );
    fs.writeFileSync(
      path.join(dir, `Pulumi.${stack}.yaml`),
      `config:\n  aws:region: ${platform!.config.config["aws:region"] ?? "eu-west-1"}\n  glue-project:env: ${ENV}\n`,
    );
    expectExit(sb.pulumi(["stack", "init", stack], dir), 0, "stack init");
    const log = eventLog(stack);
    const r = sb.pulumi(["preview", "--stack", stack, ...packArgs(sb.repo), "--event-log", log], dir);
    assert.notEqual(r.code, 0, `the engine let ${file} through:\n${r.stdout}`);
    console.log(`      pulumi preview exit code: ${r.code}`);
    const engine = engineDecisions(readEventLog(log));
    assert.ok(
      engine.some((d) => d.policy === policy && d.level === "mandatory"),
      `expected a mandatory ${policy} violation, got: ${JSON.stringify(engine)}`,
    );
    assert.match(r.stdout + r.stderr, new RegExp(`mandatory.*${policy}|${policy}.*mandatory`, "s"));
    const [offline] = await runOfflineCheck({
      envs: [ENV],
      programs: [path.join(REPO, CORPUS, file)],
      onlyExtra: true,
    });
    const expected = gateDecisions(offline.violations);
    console.log(`      engine: ${summary(engine)}; gate: ${summary(expected)}`);
    assert.deepEqual(engine, expected, `decisions differ:\n${diffDecisions(engine, expected)}`);
  });

  it("onboards a project end to end through the Automation API's LocalWorkspace", () => {
    const r = sb.run(
      process.execPath,
      [
        "-r",
        "./tools/register.js",
        "tools/onboard.ts",
        "--name",
        "e2e-onboarded",
        "--owner",
        "e2e@example.com",
        "--cost-center",
        "CC-E2E",
        "--env",
        ENV,
        "--up",
        "--yes",
        "--backend",
        sb.backendUrl,
      ],
      sb.repo,
    );
    expectExit(r, 0, "onboard --up");
    const stack = `e2e-onboarded-${ENV}`;
    const projects = path.join(sb.repo, "projects");
    const ls = expectExit(sb.pulumi(["stack", "ls", "--json"], projects), 0, "stack ls");
    const listed = JSON.parse(ls.stdout) as { name: string; resourceCount?: number }[];
    const onboarded = listed.find((s) => s.name.split("/").pop() === stack);
    assert.ok(onboarded, `stack ${stack} not in the backend: ${ls.stdout}`);
    assert.ok((onboarded.resourceCount ?? 0) > 1, `stack ${stack} deployed no resources`);
  });

  const drift = (extraEnv: NodeJS.ProcessEnv = {}) => {
    const json = path.join(sb.repo, "..", "drift.json");
    const r = sb.run(
      process.execPath,
      [
        "-r",
        "./tools/register.js",
        "tools/drift.ts",
        "--env",
        ENV,
        "--stacks",
        platform!.stack,
        "--backend",
        sb.backendUrl,
        "--json",
        json,
      ],
      sb.repo,
      extraEnv,
    );
    type Report = {
      stacks: {
        stack: string;
        status: string;
        error?: string;
        resources: { urn: string; properties: string[] }[];
      }[];
    };
    return { r, report: JSON.parse(fs.readFileSync(json, "utf8")) as Report };
  };

  it("reports an out-of-band change of a deployed resource as drift", () => {
    const exported = expectExit(
      sb.pulumi(["stack", "export", "--stack", platform!.stack], dirOf(platform!)),
      0,
      "stack export",
    );
    type Res = { urn: string; type: string; custom?: boolean; outputs?: Record<string, unknown> };
    const resources = (JSON.parse(exported.stdout) as { deployment: { resources: Res[] } }).deployment
      .resources;
    const tagged = resources.find(
      (r) =>
        r.custom &&
        r.type.startsWith("aws:") &&
        typeof r.outputs?.tags === "object" &&
        r.outputs.tags !== null,
    );
    assert.ok(tagged, "the deployed platform has no tagged AWS resource to change");
    const tags = { ...(tagged.outputs!.tags as Record<string, string>), ChangedOutOfBand: "true" };
    writeLiveChange(sb.liveFile, tagged.urn, { set: { tags } });
    try {
      const { r, report } = drift();
      assert.equal(r.code, 1, `drift exit code\n${r.stdout}\n${r.stderr}`);
      const [stack] = report.stacks;
      assert.equal(stack.status, "drifted");
      const found = stack.resources.find((x) => x.urn === tagged.urn);
      assert.ok(found, `drift did not name ${tagged.urn}: ${JSON.stringify(stack.resources)}`);
      assert.ok(
        found.properties.some((p) => p.startsWith("tags")),
        `changed properties: ${found.properties.join(", ")}`,
      );
    } finally {
      fs.rmSync(sb.liveFile, { force: true });
    }
  });

  it("drove the provider double through the real provider protocol", () => {
    const calls = fs.readFileSync(sb.traceFile, "utf8").split("\n").filter(Boolean);
    const counts = new Map<string, number>();
    for (const c of calls) counts.set(c, (counts.get(c) ?? 0) + 1);
    console.log(`      provider RPCs: ${[...counts].map(([k, n]) => `${k} ${n}`).join(", ")}`);
    for (const rpc of ["getPluginInfo", "configure", "check", "create", "read", "invoke"])
      assert.ok(counts.has(rpc), `the engine never called ${rpc}`);
  });

  it("reports a broken credential as a failure, not as drift or clean", () => {
    const { r, report } = drift({ [CREDENTIALS_ENV]: "invalid" });
    assert.equal(r.code, 2, `drift exit code\n${r.stdout}\n${r.stderr}`);
    const [stack] = report.stacks;
    assert.equal(stack.status, "failed");
    assert.equal(stack.resources.length, 0);
    assert.match(
      stack.error ?? "",
      /unable to validate AWS credentials/,
      "the report says why the stack failed",
    );
  });
});
