/**
 * Loads and validates a project spec: YAML syntax, the JSON Schema, then every cross-field rule
 * (references, governance limits, zones, scripts). Every problem is reported at once; a spec with
 * any problem yields no model, so nothing is deployed from it.
 *
 * Parts: safe loading (safeLoad.ts), the compiled schema (schemaValidator.ts) and its error mapping
 * (schemaProblems.ts), the cross-field rules (crossFieldRules.ts and the rule modules it calls),
 * AWS's own limits (awsLimits.ts), the registry of project ids (identities.ts).
 */
import * as path from "path";
import { awsLimitProblems } from "./awsLimits";
import { crossFieldProblems, ValidateOptions } from "./crossFieldRules";
import { LoadedSpec, ProjectSpec, ScriptFile } from "./model";
import { SpecError } from "./problems";
import { parseSpecText, readSpecText } from "./safeLoad";
import { schemaProblems } from "./schemaProblems";
import { validateSpecSchema as validateSchema } from "./schemaValidator";

export type { ValidateOptions } from "./crossFieldRules";
/** Defaults a job gets when the spec is silent: components/spec/jobRules.ts. */
export { JOB_DEFAULTS } from "./jobRules";

/** Parses and validates a spec text. Returns the model or throws SpecError with every problem. */
export function validateSpecText(text: string, file: string, opts: ValidateOptions = {}): LoadedSpec {
  // Syntax, size-safe parsing (aliases, depth) and a mapping at the top: components/spec/safeLoad.ts.
  const { locator: loc, data } = parseSpecText(text, file);
  if (!validateSchema(data)) throw new SpecError(schemaProblems(loc, validateSchema.errors ?? []));
  const spec = data as unknown as ProjectSpec;
  const dir = path.dirname(path.resolve(file));
  const scripts = new Map<string, ScriptFile>();
  const problems = [...crossFieldProblems(spec, dir, loc, opts, scripts), ...awsLimitProblems(spec, loc)];
  if (problems.length > 0) throw new SpecError(problems);
  return { file, dir, spec, scripts };
}

/** Reads (regular UTF-8 file, no symlink, size-limited) and validates a spec file. */
export function loadProjectSpec(file: string, opts: ValidateOptions = {}): LoadedSpec {
  return validateSpecText(readSpecText(file), file, opts);
}

/** projectId → slug of every spec the repository's project stacks use (wherever it lives) and every
 * `projects/<slug>/project.yaml`, except `exceptFile`: components/spec/identities.ts. */
export { knownProjectIds } from "./identities";
