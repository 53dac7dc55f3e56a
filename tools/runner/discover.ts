/** Which stacks the offline check runs: every platform and project stack that has a config file. */
import * as path from "path";
import { ENVIRONMENTS } from "../../components/naming";
import { listStacks, ProjectFile, readProjectFile, readStackConfig, StackConfig } from "./stackFiles";
import { STACK_CONFIG_KEYS } from "../../components/stackConfigKeys";

export interface StackTarget {
  readonly kind: "platform" | "project";
  readonly project: ProjectFile;
  readonly stack: string;
  readonly env: string;
  readonly program: string;
  readonly config: StackConfig;
}

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export function envOfStack(
  stack: string,
  config: Record<string, string>,
  project: string,
): string | undefined {
  return config[`${project}:env`] ?? ENVIRONMENTS.find((e) => stack === e || stack.endsWith(`-${e}`));
}

export function discoverStacks(repoRoot = REPO_ROOT): StackTarget[] {
  const targets: StackTarget[] = [];
  for (const [kind, dir] of [
    ["platform", repoRoot],
    ["project", path.join(repoRoot, "projects")],
  ] as const) {
    const project = readProjectFile(dir);
    for (const stack of listStacks(project)) {
      const config = readStackConfig(project, stack);
      const env = envOfStack(stack, config.config, project.name);
      if (env === undefined) continue;
      targets.push({ kind, project, stack, env, program: project.main, config });
    }
  }
  return targets;
}

/** The region of an environment's platform stack (`aws:region` in `Pulumi.<env>.yaml`), if set. */
export function platformRegion(env: string, repoRoot = REPO_ROOT): string | undefined {
  return readStackConfig(readProjectFile(repoRoot), env).config[STACK_CONFIG_KEYS.region];
}
