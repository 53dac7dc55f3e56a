/** The AWS account an environment is pinned to: the platform stack's `aws:allowedAccountIds` in its
 * committed stack config (`Pulumi.<env>.yaml` beside `projects/`, README "One account per
 * environment"). Read from the repository, like the stack's own spec (lib/stackIdentity.ts). */
import * as fs from "fs";
import * as path from "path";
import { parseYamlOnce } from "../../components/yamlOnce";
import { STACK_CONFIG_KEYS } from "../../components/stackConfigKeys";

export function envPinnedAccount(env: string): string | undefined {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, "projects", "Pulumi.yaml"))) break;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  const file = path.join(dir, `Pulumi.${env}.yaml`);
  if (!fs.existsSync(file)) return undefined;
  try {
    const doc = parseYamlOnce(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null;
    const v = doc?.config?.[STACK_CONFIG_KEYS.allowedAccountIds];
    return Array.isArray(v) && v.length === 1 ? String(v[0]) : undefined;
  } catch {
    return undefined;
  }
}
