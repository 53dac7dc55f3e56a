/**
 * Spec values AWS would reject at deploy time although every type and length check passes: a job's
 * arguments over Glue's total size, and descriptions with control characters or over Glue's byte
 * limit. Reported like every spec problem, naming the limit (docs/aws-facts.md).
 */
import {
  GLUE_ARGUMENTS_MAX_BYTES,
  GLUE_DESCRIPTION_FORBIDDEN,
  GLUE_DESCRIPTION_MAX_BYTES,
  PLATFORM_LOCKED_ARGUMENTS,
} from "../limits";
import { ProjectSpec } from "./model";
import { Locator, PathSegment, SpecProblem } from "./problems";

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

/** Every `description` in the spec (any depth), with its path. */
function descriptions(v: unknown, at: PathSegment[], out: [PathSegment[], string][]): void {
  if (Array.isArray(v)) v.forEach((x, i) => descriptions(x, [...at, i], out));
  else if (v !== null && typeof v === "object")
    for (const [k, x] of Object.entries(v)) {
      if ((k === "description" || k === "displayName") && typeof x === "string") out.push([[...at, k], x]);
      else descriptions(x, [...at, k], out);
    }
}

export function awsLimitProblems(spec: ProjectSpec, loc: Locator): SpecProblem[] {
  const out: SpecProblem[] = [];
  const found: [PathSegment[], string][] = [];
  descriptions(spec, [], found);
  for (const [at, text] of found) {
    const bad = GLUE_DESCRIPTION_FORBIDDEN.exec(text);
    if (bad)
      out.push(
        loc.problem(
          at,
          `contains the control character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}, which Glue's description pattern rejects at deploy time`,
          "remove it (tab, line feed and carriage return are the only control characters allowed)",
        ),
      );
    if (bytes(text) > GLUE_DESCRIPTION_MAX_BYTES)
      out.push(
        loc.problem(
          at,
          `is ${bytes(text)} UTF-8 bytes; Glue descriptions are limited to ${GLUE_DESCRIPTION_MAX_BYTES} bytes`,
          "shorten it (multi-byte characters count several bytes)",
        ),
      );
  }
  // Platform arguments are added to every job; their values are paths and flags, about 256 bytes each.
  const platformBytes = PLATFORM_LOCKED_ARGUMENTS.reduce((n, k) => n + bytes(k) + 256, 0);
  (spec.jobs ?? []).forEach((job, i) => {
    const own = Object.entries(job.parameters ?? {}).reduce((n, [k, v]) => n + bytes(`--${k}`) + bytes(v), 0);
    if (own + platformBytes > GLUE_ARGUMENTS_MAX_BYTES)
      out.push(
        loc.problem(
          ["jobs", i, "parameters"],
          `add up to ${own} bytes (plus about ${platformBytes} of platform arguments), over Glue's ${GLUE_ARGUMENTS_MAX_BYTES / 1024} KB limit on a job's total argument size`,
          "pass large values through a file in the project's bucket and give the job its path",
        ),
      );
  });
  return out;
}
