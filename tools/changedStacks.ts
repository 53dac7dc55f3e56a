/**
 * `npm run -s changed-stacks -- <changed files…>`: which stacks a change can affect, as a JSON list of
 * `{ project, stack, env, workDir }` for the PR workflow's preview matrix. Shared code (components/,
 * the policy pack, package files) affects every stack.
 */
import * as path from "path";
import { discoverStacks, REPO_ROOT, StackTarget } from "./runner/discover";

export interface StackRef {
  readonly project: string;
  readonly stack: string;
  readonly env: string;
  readonly workDir: string;
}

const SHARED = [
  /^components\//,
  /^policy-pack\//,
  /^package(-lock)?\.json$/,
  /^tsconfig[^/]*\.json$/,
  /^tools\/(register|ts-node-sucrase)\.js$/,
];

export function affectedStacks(changed: readonly string[], root = REPO_ROOT): StackRef[] {
  const all = discoverStacks(root);
  const ref = (t: StackTarget): StackRef => ({
    project: t.project.name,
    stack: t.stack,
    env: t.env,
    workDir: path.relative(root, t.project.dir) || ".",
  });
  if (changed.some((f) => SHARED.some((re) => re.test(f)))) return all.map(ref);
  const hit = new Set<StackTarget>();
  for (const f of changed) {
    for (const t of all) {
      const slug = t.kind === "project" ? t.stack.replace(/-(dev|prod)$/, "") : undefined;
      if (
        t.kind === "platform" &&
        (/^platform\//.test(f) || f === "Pulumi.yaml" || f === `Pulumi.${t.stack}.yaml`)
      )
        hit.add(t);
      if (
        t.kind === "project" &&
        (f === "projects/index.ts" ||
          f === "projects/stackConfig.ts" ||
          f === "projects/Pulumi.yaml" ||
          f === `projects/Pulumi.${t.stack}.yaml` ||
          f.startsWith(`projects/${slug}/`))
      )
        hit.add(t);
    }
  }
  return all.filter((t) => hit.has(t)).map(ref);
}

if (require.main === module && process.argv.slice(2).some((a) => a === "--help" || a === "-h")) {
  console.log(
    "usage: npm run -s changed-stacks -- <changed files…>\n  prints the stacks the change can affect as JSON [{ project, stack, env, workDir }]",
  );
} else if (require.main === module) {
  console.log(
    JSON.stringify(
      affectedStacks(
        process.argv
          .slice(2)
          .flatMap((a) => a.split(/\s+/))
          .filter(Boolean),
      ),
    ),
  );
}
