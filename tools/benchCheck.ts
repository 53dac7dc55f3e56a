/**
 * The offline check against the floor (`npm run bench`, first section; docs/performance.md):
 *
 * - **check / floor**: `npm run check`'s own command (read from package.json, run without npm) over
 *   the repository's stacks, divided by the floor `node -e "require('@pulumi/pulumi');
 *   require('@pulumi/aws')"` timed right before it: side by side, so load from other work on the
 *   machine weighs on both. Judged on the median of the runs' ratios (≤ 2.0).
 * - **10× stacks**: the same check in a copy of the repository with every project stack cloned nine
 *   times (new slug and project id, same spec otherwise): ten times the project stacks, the platform
 *   stacks as they are. Its growth is the time above the floor relative to the 1× check's,
 *   `(check10 − floor) / (check − floor)`, judged ≤ 10: linear in the project stacks or better.
 */
import { spawnSync } from "child_process";
import { randomUUID } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseDocument } from "yaml";
import { discoverStacks, REPO_ROOT } from "./runner/discover";
import { Judged, judgeAtMost, median } from "./benchJudge";
import { STACK_CONFIG_KEYS } from "../components/stackConfigKeys";

export const FLOOR_ARGS = ["-e", "require('@pulumi/pulumi'); require('@pulumi/aws')"];
/** Copies per project stack in the 10× figure (the original plus nine clones). */
export const SCALE = 10;

/** `npm run check`'s node arguments, from package.json (so flags in the script are measured too). */
export function checkArgs(root = REPO_ROOT): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const [cmd, ...args] = pkg.scripts.check.split(/\s+/);
  if (cmd !== "node") throw new Error(`the check script must start with node (got "${pkg.scripts.check}")`);
  return args;
}

/** Wall time of one node process (ms); the check may exit 1 (violations) but must not fail to run. */
export function timeNode(args: string[], cwd: string): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, stdio: "ignore" });
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`node ${args.join(" ")} in ${cwd} exited ${r.status}`);
  return performance.now() - t;
}

const SKIP = new Set([
  "node_modules",
  ".git",
  ".venv",
  ".local",
  ".jars",
  "reports",
  ".tmp",
  ".bench-pack-ts",
]);

/**
 * A copy of the repository (sources only; node_modules linked) whose projects/ holds SCALE copies of
 * every project stack: each clone's spec folder is copied with a new slug and project id, and its
 * stack file points at it. Returns the copy's root and its number of project stacks.
 */
export function scaledRepository(into: string, scale = SCALE): { root: string; projectStacks: number } {
  const root = path.join(into, "repo");
  fs.cpSync(REPO_ROOT, root, { recursive: true, filter: (src) => !SKIP.has(path.basename(src)) });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
  const projectsDir = path.join(root, "projects");
  const originals = discoverStacks(REPO_ROOT).filter((t) => t.kind === "project");
  let projectStacks = originals.length;
  for (const t of originals) {
    const stackText = fs.readFileSync(t.config.file, "utf8");
    const specRel = t.config.config[STACK_CONFIG_KEYS.projectSpec];
    const specDir = path.dirname(path.resolve(path.dirname(t.config.file), specRel));
    const specDoc = parseDocument(fs.readFileSync(path.join(specDir, "project.yaml"), "utf8"));
    const slug = String(specDoc.get("slug"));
    const displayName = String(specDoc.get("displayName"));
    for (let i = 1; i < scale; i++) {
      const clone = `${slug}-${i}`;
      const cloneDir = path.join(projectsDir, clone);
      if (!fs.existsSync(cloneDir)) {
        fs.cpSync(specDir, cloneDir, { recursive: true });
        specDoc.set("slug", clone);
        specDoc.set("projectId", randomUUID());
        specDoc.set("displayName", `${displayName} (bench copy ${i})`);
        fs.writeFileSync(path.join(cloneDir, "project.yaml"), specDoc.toString());
      }
      const stackDoc = parseDocument(stackText);
      stackDoc.setIn(["config", STACK_CONFIG_KEYS.projectSpec], `${clone}/project.yaml`);
      fs.writeFileSync(path.join(projectsDir, `Pulumi.${clone}-${t.env}.yaml`), stackDoc.toString());
      projectStacks++;
    }
  }
  return { root, projectStacks };
}

export interface CheckFigures {
  readonly floorMs: number;
  readonly checkMs: number;
  readonly check10Ms: number;
  readonly ratio: Judged;
  readonly ratio10: number;
  readonly growth: Judged;
  readonly stacks: { readonly projects: number; readonly projects10: number };
  readonly load: { readonly before: number[]; readonly after: number[] };
}

/** Interleaved runs: floor, check, 10× check, `runs` times after one warm-up of each. */
export function benchCheck(runs: number, log: (line: string) => void = () => undefined): CheckFigures {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "glue-bench-check-"));
  const loadBefore = os.loadavg();
  try {
    const scaled = scaledRepository(tmp);
    const args = [...checkArgs(), "--quiet"];
    const floor: number[] = [];
    const check: number[] = [];
    const check10: number[] = [];
    for (let i = -1; i < runs; i++) {
      const f = timeNode(FLOOR_ARGS, REPO_ROOT);
      const c = timeNode(args, REPO_ROOT);
      const c10 = timeNode(args, scaled.root);
      if (i < 0) continue; // warm-up: the file system cache and the transpile cache of the copy
      floor.push(f);
      check.push(c);
      check10.push(c10);
      log(
        `  run ${i + 1}: floor ${f.toFixed(0)} ms, check ${c.toFixed(0)} ms, 10× check ${c10.toFixed(0)} ms`,
      );
    }
    return {
      floorMs: median(floor),
      checkMs: median(check),
      check10Ms: median(check10),
      ratio: judgeAtMost(
        "check / floor",
        check.map((c, i) => c / floor[i]),
        2.0,
      ),
      ratio10: median(check10.map((c, i) => c / floor[i])),
      growth: judgeAtMost(
        `10× project stacks: (check − floor) growth`,
        check10.map((c, i) => (c - floor[i]) / (check[i] - floor[i])),
        SCALE,
      ),
      stacks: {
        projects: discoverStacks(REPO_ROOT).filter((t) => t.kind === "project").length,
        projects10: scaled.projectStacks,
      },
      load: { before: loadBefore, after: os.loadavg() },
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
