/**
 * Another project's identity inside a value: a string a project stack registers (an object's
 * content, a description, a table parameter, a stack output) must not carry another project's
 * identity. Judged by what the text contains, with every project the repository knows (the specs
 * `projects/<slug>/project.yaml` next to the pack, as the stack's own identity is learned,
 * lib/stackIdentity.ts):
 * - a `project-{uuid}` token of another project (components/naming.ts `projectIdsMentioned`);
 * - another known project's bare UUID (its spec's `projectId`, e.g. the text of its project.yaml);
 * - a reference to another project's spec, `<slug>/project.yaml` — what every project stack config
 *   carries as `glue-project:spec` (README, onboarding), so another project's stack config file
 *   handed over as text is recognised by it.
 * Content read from outside the repository (`/etc/passwd`, a file of the deployer's machine) carries
 * no project identity and cannot be told apart from the project's own text: docs/decisions.md.
 */
import * as fs from "fs";
import * as path from "path";
import { parseYamlOnce } from "../../components/yamlOnce";
import { projectIdsMentioned, UUID_V4 } from "../../components/naming";
import { projectProgramDir } from "./stackIdentity";

interface KnownProject {
  readonly slug: string;
  readonly projectId: string;
}

let known: readonly KnownProject[] | undefined;

/** Every project spec under projects/ (read once; an unreadable spec is skipped: the spec validator
 * refuses it on its own). */
export function knownProjects(): readonly KnownProject[] {
  if (known) return known;
  const dir = projectProgramDir();
  const out: KnownProject[] = [];
  for (const slug of dir ? fs.readdirSync(dir) : []) {
    const file = path.join(dir as string, slug, "project.yaml");
    if (!fs.existsSync(file)) continue;
    try {
      const doc = parseYamlOnce(fs.readFileSync(file, "utf8")) as { projectId?: unknown } | undefined;
      if (typeof doc?.projectId === "string" && UUID_V4.test(doc.projectId))
        out.push({ slug, projectId: doc.projectId.toLowerCase() });
    } catch {
      // an unreadable spec names no project here
    }
  }
  known = out;
  return out;
}

const UUID_TOKEN = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const SPEC_REF = /(?:^|[^A-Za-z0-9._-])([a-z0-9][a-z0-9-]*)\/project\.ya?ml\b/g;

/** The other projects `text` carries, described ("project <id>", "project <slug>'s spec …"); empty
 * when it carries none. `own`: the stack's project id and its spec path (`<slug>/project.yaml`). */
export function otherProjectsIn(text: string, own: { projectId: string; spec: string }): string[] {
  // The same strings recur on many resources and policies: kept per own project and text, bounded.
  const ownKey = `${own.projectId}\0${own.spec}`;
  let byText = foundIn.get(ownKey);
  if (byText === undefined) {
    byText = new Map();
    foundIn.set(ownKey, byText);
  }
  let found = byText.get(text);
  if (found === undefined) {
    found = uncachedOtherProjectsIn(text, own);
    if (byText.size >= 100_000) byText.clear();
    byText.set(text, found);
  }
  return found.length === 0 ? [] : [...found];
}

/** Per own project (id and spec path), then per text. */
const foundIn = new Map<string, Map<string, readonly string[]>>();

function uncachedOtherProjectsIn(text: string, own: { projectId: string; spec: string }): string[] {
  const out = new Set<string>();
  const ownId = own.projectId.toLowerCase();
  const prefixed = new Set(projectIdsMentioned(text));
  for (const id of prefixed) if (id !== ownId) out.add(`project ${id}`);
  const projects = knownProjects();
  for (const m of text.matchAll(UUID_TOKEN)) {
    const id = m[0].toLowerCase();
    const p = projects.find((k) => k.projectId === id);
    if (p && id !== ownId && !prefixed.has(id)) out.add(`project ${p.slug} (${id})`);
  }
  const ownSlug = path.basename(path.dirname(own.spec));
  for (const m of text.matchAll(SPEC_REF)) {
    const slug = m[1] as string;
    if (slug !== ownSlug)
      out.add(`the spec of project ${slug} (${slug}/project.yaml, as its stack config names it)`);
  }
  return [...out];
}
