/**
 * `npm run bench`: speed and scaling of the offline check and of stack/pack start-up: the check against
 * the floor, at 1× and 10× the project stacks (tools/benchCheck.ts), generated jobs and projects, policy
 * throughput, program and pack start.
 * Prints the figures and the targets they are checked against; exits 1 when a target is missed.
 * A benchmark, not a test: figures depend on the machine (docs/performance.md).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { PACK_ENFORCEMENT_LEVEL, policies } from "../policy-pack/policies";
import { startPolicyPack } from "./cliHost/packHost";
import { runProgramLikeTheCli } from "./cliHost/programHost";
import { evaluateStack } from "./gate/evaluate";
import { CheckedStack, PACK, runOfflineCheck } from "./gate/offlineCheck";
import { effectivePolicyConfig, readPolicyConfigFile } from "./gate/policyConfig";
import { discoverStacks, REPO_ROOT } from "./runner/discover";
import { DEFAULT_ACCOUNT } from "./runner/mocks";
import { Judged, judgeAtLeast, judgeAtMost, median, missedSummary } from "./benchJudge";
import { benchCheck } from "./benchCheck";
import { runtimeBench } from "./runtimeBench";
import { TYPE } from "../components/typeTokens";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Repetitions of the scaling runs whose ratios are judged (their medians are). */
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const judged: Judged[] = [];
const shows = new Map<string, (v: number) => string>();
const record = (name: string, value: string) => console.log(`${name.padEnd(58)} ${value.padStart(14)}`);
/** Prints a judged figure (its median) with its target and records it for the final verdict. */
const target = (j: Judged, show: (v: number) => string, value = show(j.median), relation = "≤") => {
  judged.push(j);
  shows.set(j.name, show);
  console.log(
    `${j.name.padEnd(58)} ${value.padStart(14)}   target ${relation} ${show(j.limit)}: ${j.ok ? "ok" : `MISSED by ${(j.over * 100).toFixed(0)}%`}`,
  );
};
const ratio = (v: number) => v.toFixed(2);

/** A valid generated project: n Python-shell jobs (0.0625 DPU each), each with a raw crawler and a trigger. */
function generatedSpec(dir: string, slug: string, id: string, jobs: number): string {
  const folder = path.join(dir, "projects", slug);
  fs.mkdirSync(path.join(folder, "scripts"), { recursive: true });
  fs.writeFileSync(path.join(folder, "scripts", "job.py"), "print('bench')\n");
  const spec = {
    slug,
    projectId: id,
    displayName: `Bench ${slug}`,
    owner: "bench@example.com",
    costCenter: "CC-BENCH",
    environments: ["dev"],
    monthlyBudgetUsd: 100,
    notificationEmails: ["bench@example.com"],
    catalog: { databases: ["bronze"] },
    jobs: Array.from({ length: jobs }, (_, i) => ({
      name: `job-${i}`,
      kind: "pythonShell",
      script: "scripts/job.py",
      maxCapacity: 0.0625,
    })),
    crawlers: Array.from({ length: jobs }, (_, i) => ({
      name: `crawl-${i}`,
      zone: "raw",
      database: "bronze",
      targets: [{ layer: "bronze", path: `job-${i}/` }],
    })),
    triggers: Array.from({ length: jobs }, (_, i) => ({
      name: `after-${i}`,
      type: "conditional",
      conditions: [{ crawler: `crawl-${i}`, state: "SUCCEEDED" }],
      actions: [{ job: `job-${i}` }],
    })),
  };
  const file = path.join(folder, "project.yaml");
  fs.writeFileSync(file, stringify(spec));
  return file;
}

const uuid = (n: number) => `${n.toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`;

async function scaled(
  specs: string[],
): Promise<{ programMs: number; policyMs: number; resources: number; stacks: CheckedStack[] }> {
  const stacks = await runOfflineCheck({ envs: ["dev"], specs, onlyExtra: true });
  const failed = stacks.find((s) => s.error);
  if (failed) throw new Error(`generated stack ${failed.name} failed: ${failed.error}`);
  return {
    programMs: stacks.reduce((n, s) => n + s.timings.programMs, 0),
    policyMs: stacks.reduce((n, s) => n + s.timings.policyMs, 0),
    resources: stacks.reduce((n, s) => n + s.resources.length, 0),
    stacks,
  };
}

async function startup(): Promise<void> {
  const tmp = path.join(REPO_ROOT, "tests", ".tmp", "bench-floor");
  fs.mkdirSync(tmp, { recursive: true });
  fs.writeFileSync(
    path.join(tmp, "Pulumi.yaml"),
    "name: floor\nmain: index.ts\nruntime:\n  name: nodejs\n  options:\n    tsconfig: ../../../tsconfig.pulumi.json\n",
  );
  fs.writeFileSync(
    path.join(tmp, "index.ts"),
    'import * as aws from "@pulumi/aws";\nnew aws.s3.Bucket("floor", { bucket: "floor-bucket" });\n',
  );
  const noOutputs = () => undefined;
  const firstRegistration = async (
    projectDir: string,
    stack: string,
    config: Record<string, string>,
    env?: Record<string, string>,
  ) => {
    const times: number[] = [];
    for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
      const r = await runProgramLikeTheCli({
        projectDir,
        stack,
        config,
        preview: true,
        account: DEFAULT_ACCOUNT,
        stackOutputs: noOutputs,
        env,
      });
      if (r.firstResourceCallMs === undefined)
        throw new Error(`${stack}: no resource registered\n${r.stderr}`);
      times.push(r.firstResourceCallMs);
    }
    return median(times);
  };
  const floor = await firstRegistration(tmp, "dev", { "aws:region": "eu-west-1" });
  record("start floor: 1-resource @pulumi/aws program, transpile-only", fmt(floor));
  const platformOutputs = (await runOfflineCheck({ envs: ["dev"], stacks: ["customer-360-dev"] }))
    .find((s) => s.name === "customer-360-dev")
    ?.resources.find((r) => r.type === TYPE.stackReference)?.outputs as
    { outputs: Record<string, unknown> } | undefined;
  for (const t of discoverStacks().filter((x) => x.env === "dev")) {
    const projectDir = t.project.dir;
    const run = (env?: Record<string, string>) =>
      runProgramLikeTheCli({
        projectDir,
        stack: t.stack,
        config: t.config.config,
        preview: true,
        account: DEFAULT_ACCOUNT,
        stackOutputs: () => platformOutputs?.outputs,
        env,
      });
    const times = async (env?: Record<string, string>) => {
      const starts: number[] = [];
      const firstCustom: number[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await run(env);
        starts.push(r.firstResourceCallMs ?? NaN);
        firstCustom.push(r.firstRegistrationMs ?? NaN);
      }
      return { start: median(starts), starts, firstCustom: median(firstCustom) };
    };
    // "Before": the CLI's default, type-checking with the strict root tsconfig.
    const before = await times({
      PULUMI_NODEJS_TSCONFIG_PATH: path.relative(
        t.program === "" ? projectDir : path.dirname(t.program),
        path.join(REPO_ROOT, "tsconfig.json"),
      ),
    });
    const after = await times();
    target(
      judgeAtMost(
        `start ${t.stack} / floor (type-checked before: ${fmt(before.start)})`,
        after.starts.map((x) => x / floor),
        1.5,
      ),
      ratio,
    );
    // Informational: includes constructing every resource of the stack, which Pulumi does before
    // it sends the first registration; it grows with the stack, not with start-up cost.
    record(
      `  first custom registration ${t.stack}`,
      `${fmt(before.firstCustom)} → ${fmt(after.firstCustom)}`,
    );
  }
  // The pack as the CLI loads it: compiled (package.json main) vs. TypeScript sources type-checked.
  const tsCopy = path.join(REPO_ROOT, ".bench-pack-ts");
  fs.rmSync(tsCopy, { recursive: true, force: true });
  fs.cpSync(path.join(REPO_ROOT, "policy-pack"), tsCopy, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}bin`),
  });
  const pkg = JSON.parse(fs.readFileSync(path.join(tsCopy, "package.json"), "utf8")) as { main?: string };
  delete pkg.main;
  fs.writeFileSync(path.join(tsCopy, "package.json"), JSON.stringify(pkg));
  const packStart = async (dir: string) => {
    const ts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await startPolicyPack({ packDir: dir, project: "glue-project", stack: "bench-dev" });
      ts.push(p.startMs);
      await p.stop();
    }
    return ts;
  };
  try {
    const before = median(await packStart(tsCopy));
    const after = await packStart(path.join(REPO_ROOT, "policy-pack"));
    target(
      judgeAtMost(
        `pack load compiled / floor (type-checked: ${fmt(before)})`,
        after.map((x) => x / floor),
        1.5,
      ),
      ratio,
    );
  } finally {
    fs.rmSync(tsCopy, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const BENCH_USAGE = `usage: npm run bench [-- --no-startup] [-- --check-only]
  Speed and scaling figures with their targets; each target is judged on the median of repeated runs
  (BENCH_RUNS, default 5; BENCH_REPEATS for the scaling ratios, default 3).
  --check-only  only the check against the floor (1× and 10× project stacks, interleaved runs)
  --no-startup  skip the CLI start-up figures
  --no-runtime  skip the job runtime figures
exit codes: 0 every target met, 1 a target missed (named, with its median and by how much), 2 error`;

async function main(): Promise<number> {
  if (process.argv.includes("--help")) {
    console.log(BENCH_USAGE);
    return 0;
  }
  console.log(
    `glue-platform bench: node ${process.version}, ${os.cpus().length} cores, ${RUNS} runs per timing\n`,
  );
  const c = benchCheck(RUNS, console.log);
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(" / ");
  record(
    "load average (1/5/15 min) before / after the check figures",
    `${load(c.load.before)}; ${load(c.load.after)}`,
  );
  record("floor: require @pulumi/pulumi + @pulumi/aws", fmt(c.floorMs));
  record(`check: npm run check's command (${c.stacks.projects} project stacks)`, fmt(c.checkMs));
  target(c.ratio, ratio);
  record(`10× check: ${c.stacks.projects10} project stacks`, fmt(c.check10Ms));
  record("10× check / floor", ratio(c.ratio10));
  target(c.growth, ratio);
  if (process.argv.includes("--check-only")) {
    console.log(`\n${missedSummary(judged, (j, v) => (shows.get(j.name) ?? ratio)(v))}`);
    return judged.every((j) => j.ok) ? 0 : 1;
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glue-bench-"));
  try {
    const jobs: Record<number, Awaited<ReturnType<typeof scaled>>> = {};
    const total = (x: { programMs: number; policyMs: number }) => x.programMs + x.policyMs;
    const jobRatios: number[] = [];
    for (let rep = 0; rep < REPEATS; rep++) {
      for (const n of rep === 0 ? [10, 100, 1000] : [100, 1000]) {
        jobs[n] = await scaled([generatedSpec(dir, `jobs-${n}`, uuid(n), n)]);
        record(
          `${n} jobs (+crawler +trigger each): program / policy${rep ? ` (run ${rep + 1})` : ""}`,
          `${fmt(jobs[n].programMs)} / ${fmt(jobs[n].policyMs)}`,
        );
      }
      jobRatios.push(total(jobs[1000]) / total(jobs[100]));
    }
    target(judgeAtMost("1000-job / 100-job", jobRatios, 12), ratio);
    const projects: Record<number, Awaited<ReturnType<typeof scaled>>> = {};
    const projRatios: number[] = [];
    for (let rep = 0; rep < REPEATS; rep++) {
      for (const k of rep === 0 ? [1, 10, 50] : [10, 50]) {
        const specs = Array.from({ length: k }, (_, i) =>
          generatedSpec(dir, `proj-${k}-${i}`, uuid(100000 + k * 1000 + i), 3),
        );
        projects[k] = await scaled(specs);
        record(
          `${k} projects of 3 jobs: program / policy${rep ? ` (run ${rep + 1})` : ""}`,
          `${fmt(projects[k].programMs)} / ${fmt(projects[k].policyMs)}`,
        );
      }
      projRatios.push(total(projects[50]) / total(projects[10]));
    }
    target(judgeAtMost("50-project / 10-project", projRatios, 6), ratio);

    const config = effectivePolicyConfig(
      policies,
      readPolicyConfigFile(path.join(REPO_ROOT, "policy-pack", "config", "dev.json")),
      PACK_ENFORCEMENT_LEVEL,
    );
    const big = jobs[1000].stacks[0].resources;
    const rates: number[] = [];
    for (let w = 0; w < 3; w++) {
      let evaluated = 0;
      const t = performance.now();
      while (performance.now() - t < 1000) {
        await evaluateStack(big, policies, config, PACK);
        evaluated += big.length;
      }
      rates.push(evaluated / ((performance.now() - t) / 1000));
    }
    target(
      judgeAtLeast("policy throughput (resources/s, pack alone)", rates, 20000),
      (v) => Math.round(v).toLocaleString("en"),
      undefined,
      "≥",
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!process.argv.includes("--no-startup")) await startup();
  if (!process.argv.includes("--no-runtime")) runtimeBench(record, (j, show) => target(j, show));
  record("peak memory (RSS) of the bench process", `${Math.round(process.memoryUsage().rss / 1048576)} MiB`);
  console.log(`\n${missedSummary(judged, (j, v) => (shows.get(j.name) ?? ratio)(v))}`);
  return judged.every((j) => j.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e.stack ?? e.message);
    process.exit(2);
  },
);
