/**
 * Project identities across the repository: every spec a project stack uses (its `glue-project:spec`,
 * wherever the file lives: nested folders, outside `projects/`) and every `projects/<slug>/project.yaml`.
 * A project id is never shared, so each spec is checked against all the others. A spec that cannot be
 * read or parsed is skipped here: its own stack reports it.
 */
import * as fs from "fs";
import * as path from "path";
import { parseYamlOnce } from "../yamlOnce";
import { loadSpecDocument } from "./safeLoad";
import { STACK_CONFIG_KEYS } from "../stackConfigKeys";

/** Parsed identity of a spec file, keyed by path and last change: every stack of a run asks for the
 * ids of all other specs, which without this cache re-parses K specs K times. */
const identityCache = new Map<string, { stamp: string; id?: string; slug?: string }>();

function specIdentity(file: string): { id?: string; slug?: string } {
  let stamp: string;
  try {
    const stat = fs.lstatSync(file);
    stamp = `${stat.mtimeMs}:${stat.size}:${stat.isFile()}`;
  } catch {
    return {};
  }
  const hit = identityCache.get(file);
  if (hit && hit.stamp === stamp) return hit;
  let entry: { stamp: string; id?: string; slug?: string } = { stamp };
  try {
    const { data } = loadSpecDocument(file);
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    entry = { stamp, id: str(data.projectId), slug: str(data.slug) };
  } catch {
    // unreadable or invalid: reported by the stack that deploys it, never by every other stack
  }
  identityCache.set(file, entry);
  return entry;
}

/** Spec files named by the project stacks' config files (`projects/Pulumi.<stack>.yaml`). */
export function specsOfStacks(projectsDir: string): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync(projectsDir);
  } catch {
    return out;
  }
  for (const f of entries.filter((x) => /^Pulumi\..+\.yaml$/.test(x))) {
    try {
      const doc = parseYamlOnce(fs.readFileSync(path.join(projectsDir, f), "utf8"), 10) as {
        config?: Record<string, unknown>;
      } | null;
      const spec = doc?.config?.[STACK_CONFIG_KEYS.projectSpec] ?? doc?.config?.spec;
      if (typeof spec === "string") out.push(path.resolve(projectsDir, spec));
    } catch {
      // a broken stack config is the conformance check's and its own stack's to report
    }
  }
  return out;
}

/** Every spec file of the repository's projects: stack-referenced ones and `projects/<slug>/project.yaml`. */
export function repositorySpecs(projectsDir: string): string[] {
  const files = new Set(specsOfStacks(projectsDir));
  try {
    for (const entry of fs.readdirSync(projectsDir, { withFileTypes: true }))
      if (entry.isDirectory()) files.add(path.resolve(projectsDir, entry.name, "project.yaml"));
  } catch {
    // no projects folder: no other projects
  }
  return [...files].filter((f) => fs.existsSync(f)).sort();
}

/** projectId → slug of every repository spec except `exceptFile`. */
export function knownProjectIds(projectsDir: string, exceptFile?: string): Map<string, string> {
  const out = new Map<string, string>();
  const except = exceptFile === undefined ? undefined : path.resolve(exceptFile);
  for (const file of repositorySpecs(projectsDir)) {
    if (except !== undefined && file === except) continue;
    const { id, slug } = specIdentity(file);
    if (id && slug) out.set(id, slug);
  }
  return out;
}
