/**
 * Reads and parses a project spec defensively: one file at a time, within limits, so a broken or
 * hostile spec (a symlink to /dev/zero, a directory, UTF-16, an alias bomb, a 10 000-deep nesting)
 * becomes a `file:line:col` SpecError for its own stack instead of a crash of every stack.
 */
import * as fs from "fs";
import { Document, isAlias, isCollection, LineCounter, parseDocument, visit } from "yaml";
import { SPEC_FILE_LIMITS } from "../limits";
import { Locator, SpecError, SpecProblem } from "./problems";

const problem = (
  file: string,
  why: string,
  fix: string,
  line = 1,
  col = 1,
  field = "(file)",
): SpecProblem => ({
  file,
  line,
  col,
  field,
  why,
  fix,
});

/** The spec's text: a regular UTF-8 file within the size limit, never through a symlink. */
export function readSpecText(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SpecError([
      problem(
        file,
        code === "ENOENT" ? "does not exist" : `cannot be read: ${(e as Error).message}`,
        "check the path in glue-project:spec (relative to projects/)",
      ),
    ]);
  }
  if (stat.isSymbolicLink())
    throw new SpecError([
      problem(
        file,
        "is a symbolic link",
        "replace it with the spec file itself: specs are never followed through links",
      ),
    ]);
  if (!stat.isFile())
    throw new SpecError([
      problem(
        file,
        `is not a regular file (${stat.isDirectory() ? "a directory" : "a device, socket or pipe"})`,
        "point glue-project:spec at a project.yaml file",
      ),
    ]);
  if (stat.size > SPEC_FILE_LIMITS.maxBytes)
    throw new SpecError([
      problem(
        file,
        `is ${stat.size} bytes, over the ${SPEC_FILE_LIMITS.maxBytes}-byte limit for a spec`,
        "a spec describes jobs, not data: move large content into scripts/",
      ),
    ]);
  const bytes = fs.readFileSync(file);
  if (
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    bytes.subarray(0, 4096).includes(0)
  )
    throw new SpecError([
      problem(
        file,
        "is UTF-16 or binary, not UTF-8 text",
        "save the file as UTF-8 (without a byte-order mark)",
      ),
    ]);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new SpecError([problem(file, "is not valid UTF-8", "save the file as UTF-8")]);
  }
}

export interface ParsedSpec {
  readonly doc: Document;
  readonly lines: LineCounter;
  readonly locator: Locator;
  /** The document as plain data: always a mapping. */
  readonly data: Record<string, unknown>;
}

/** Parses spec text with limits on aliases and depth; the top level must be a mapping. */
export function parseSpecText(text: string, file: string): ParsedSpec {
  const key = `${file}\0${text}`;
  let known = parsedSpecs.get(key);
  if (!known) {
    known = parseSpecTextUncached(text, file);
    parsedSpecs.set(key, known);
  }
  // The document and locator are only read; the data becomes a spec model, so each caller gets its own.
  return { ...known, data: structuredClone(known.data) };
}

/** Specs parsed in this run by file and text (a spec is read by the program, the conformance check and
 * the other projects' identities): an edited file has another text and is parsed anew. */
const parsedSpecs = new Map<string, ParsedSpec>();

function parseSpecTextUncached(text: string, file: string): ParsedSpec {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => lines.linePos(offset ?? 0);
  if (doc.errors.length > 0) {
    throw new SpecError(
      doc.errors.map((e) => {
        const pos = at(e.pos[0]);
        return problem(
          file,
          e.message.split("\n")[0],
          "fix the YAML syntax at this position",
          pos.line,
          pos.col,
          "(yaml)",
        );
      }),
    );
  }
  let aliases = 0;
  let tooDeep: number | undefined;
  let aliasAt: number | undefined;
  visit(doc, (_key, node, path) => {
    if (isAlias(node) && ++aliases > SPEC_FILE_LIMITS.maxAliases) {
      aliasAt = node.range?.[0];
      return visit.BREAK;
    }
    if (isCollection(node) && path.filter(isCollection).length >= SPEC_FILE_LIMITS.maxDepth) {
      tooDeep = node.range?.[0];
      return visit.BREAK;
    }
    return undefined;
  });
  if (aliasAt !== undefined) {
    const pos = at(aliasAt);
    throw new SpecError([
      problem(
        file,
        `uses more than ${SPEC_FILE_LIMITS.maxAliases} YAML aliases`,
        "write the values out instead of repeating anchors (*name)",
        pos.line,
        pos.col,
        "(yaml)",
      ),
    ]);
  }
  if (tooDeep !== undefined) {
    const pos = at(tooDeep);
    throw new SpecError([
      problem(
        file,
        `nests deeper than ${SPEC_FILE_LIMITS.maxDepth} levels`,
        "flatten the structure (see projects/project.schema.json)",
        pos.line,
        pos.col,
        "(yaml)",
      ),
    ]);
  }
  const contents = doc.contents;
  if (contents === null || (contents as { value?: unknown }).value === null)
    throw new SpecError([
      problem(
        file,
        "is empty",
        "write the project's fields (slug, projectId, …; see projects/project.schema.json)",
        1,
        1,
        "(document)",
      ),
    ]);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: SPEC_FILE_LIMITS.maxAliases });
  } catch (e) {
    throw new SpecError([
      problem(file, (e as Error).message, "simplify the YAML anchors and aliases", 1, 1, "(yaml)"),
    ]);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    const pos = at((contents as { range?: number[] }).range?.[0]);
    throw new SpecError([
      problem(
        file,
        `must be a mapping of fields, not ${Array.isArray(data) ? "a list" : `a ${data === null ? "null" : typeof data} value`}`,
        "start the file with 'slug: <project-slug>' (see projects/project.schema.json)",
        pos.line,
        pos.col,
        "(document)",
      ),
    ]);
  }
  return { doc, lines, locator: new Locator(doc, lines, file), data: data as Record<string, unknown> };
}

/** Reads and parses a spec file; every failure is a SpecError naming the file. */
export function loadSpecDocument(file: string): ParsedSpec & { text: string } {
  const text = readSpecText(file);
  return { ...parseSpecText(text, file), text };
}
