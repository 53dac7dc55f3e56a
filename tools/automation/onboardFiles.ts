/**
 * The files onboarding writes, kept apart from the flow: a project's deterministic id, the stack
 * config merged into an existing file (every key onboarding does not own is kept), and an
 * all-or-nothing write of several files that restores what was there on failure.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { isMap, parseDocument, stringify } from "yaml";

/**
 * The id a new project gets when `--id` is not given: a UUID v4-shaped value derived from the slug,
 * so `--dry-run`, `--write-only` and a later real run show and use the same id (docs/decisions.md).
 */
export function deterministicProjectId(slug: string): string {
  const h = createHash("sha256").update(`glue-platform project ${slug}`).digest("hex");
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class StackConfigFileError extends Error {}

/**
 * `Pulumi.<stack>.yaml` with `owned` config keys set and everything else (other config keys such as
 * `aws:profile`, `encryptionsalt`, comments) kept as it was.
 */
export function mergeStackConfig(
  existing: string | undefined,
  owned: Record<string, string>,
  file: string,
): { text: string; changed: boolean; kept: string[] } {
  if (existing === undefined) {
    return { text: stringify({ config: owned }), changed: true, kept: [] };
  }
  const doc = parseDocument(existing, { uniqueKeys: true });
  if (doc.errors.length > 0)
    throw new StackConfigFileError(
      `${file}: is not valid YAML (${doc.errors[0].message.split("\n")[0]}); fix or remove it`,
    );
  if (doc.contents !== null && !isMap(doc.contents))
    throw new StackConfigFileError(`${file}: must be a mapping with a 'config:' section; fix or remove it`);
  const config = doc.get("config", true);
  if (config !== undefined && config !== null && !isMap(config))
    throw new StackConfigFileError(`${file}: 'config' must be a mapping of keys to values; fix or remove it`);
  const before = (doc.toJS() as { config?: Record<string, unknown> } | null)?.config ?? {};
  let changed = false;
  for (const [k, v] of Object.entries(owned)) {
    if (before[k] === v) continue;
    doc.setIn(["config", k], v);
    changed = true;
  }
  const top = Object.keys((doc.toJS() as Record<string, unknown> | null) ?? {}).filter((k) => k !== "config");
  const kept = [...Object.keys(before).filter((k) => !(k in owned)), ...top];
  return { text: changed ? doc.toString() : existing, changed, kept };
}

/** Writes files all or nothing: on `rollback()` every file and folder is as it was before. */
export class FileTransaction {
  private readonly previous = new Map<string, string | undefined>();
  private readonly createdDirs: string[] = [];
  readonly written: string[] = [];

  write(file: string, text: string): void {
    if (!this.previous.has(file))
      this.previous.set(file, fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined);
    let dir = path.dirname(file);
    const missing: string[] = [];
    while (!fs.existsSync(dir)) {
      missing.unshift(dir);
      dir = path.dirname(dir);
    }
    for (const d of missing) {
      fs.mkdirSync(d);
      this.createdDirs.push(d);
    }
    fs.writeFileSync(file, text);
    this.written.push(file);
  }

  /** Restores every file written and removes the folders created; returns what was undone. */
  rollback(): string[] {
    for (const [file, text] of this.previous) {
      if (text === undefined) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, text);
    }
    for (const d of [...this.createdDirs].reverse()) fs.rmSync(d, { recursive: true, force: true });
    const undone = [...this.previous.keys()];
    this.previous.clear();
    this.written.length = 0;
    return undone;
  }
}
