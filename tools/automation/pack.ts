/** Builds the compiled policy pack before the CLI loads it (its package.json main points at it). */
import { spawnSync } from "child_process";

export function ensurePackBuilt(repoRoot: string): void {
  const r = spawnSync("npm", ["run", "-s", "build:pack"], { cwd: repoRoot, stdio: "inherit" });
  if (r.status !== 0) throw new Error("npm run build:pack failed: the policy pack does not compile");
}
