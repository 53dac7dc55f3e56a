/**
 * Reads a `--policy-pack-config` file the way the CLI does (https://www.pulumi.com/docs/using-pulumi/crossguard/configuration/): keys are policy
 * names (or "all"), values an enforcement level or an object with `enforcementLevel` and properties;
 * "all" applies first, per-policy entries override; schema defaults are filled in and properties are
 * validated against each policy's configSchema.
 */
import * as fs from "fs";
import type { EnforcementLevel, Policies } from "@pulumi/policy";
import {
  CompileSettings,
  errorsText,
  SchemaValidator,
  validatorFor,
} from "../../components/precompiledSchemas";

export const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export interface EffectivePolicyConfig {
  readonly level: EnforcementLevel;
  /** Properties as `getConfig()` returns them (without enforcementLevel). */
  readonly properties: Record<string, unknown>;
}

export class PolicyConfigError extends Error {}

/** How each policy's configSchema is compiled: as the CLI's analyzer host does, every error and the
 * schema's defaults filled in. Generated ahead of time by `npm run validators` for this pack's
 * policies (components/precompiledSchemas.ts); any other schema is compiled at run time. */
export const POLICY_CONFIG_SETTINGS: CompileSettings = {
  options: { allErrors: true, strict: false, useDefaults: true },
  formats: [],
};

export const POLICY_CONFIG_VALIDATORS_FILE = "policyConfig.validators.js";

let generatedValidators: Record<string, SchemaValidator> | undefined;
function generated(): Record<string, SchemaValidator> {
  if (!generatedValidators) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- generated CommonJS, no typings
      generatedValidators = require(`./${POLICY_CONFIG_VALIDATORS_FILE}`) as Record<string, SchemaValidator>;
    } catch {
      generatedValidators = {}; // not generated yet: compiled at run time
    }
  }
  return generatedValidators;
}

/** The schema a policy's properties are validated against (the host adds the object type). */
const configSchemas = new WeakMap<object, object>();
export function policyConfigSchema(configSchema: object): object {
  let s = configSchemas.get(configSchema);
  if (!s) configSchemas.set(configSchema, (s = { type: "object", ...configSchema }));
  return s;
}

export function readPolicyConfigFile(file: string): Record<string, unknown> {
  const text = fs.readFileSync(file, "utf8");
  if (text.trim() === "") return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
      throw new PolicyConfigError(`${file}: must be a JSON object of policy name → level or settings`);
    return parsed as Record<string, unknown>;
  } catch (e) {
    if (e instanceof PolicyConfigError) throw e;
    throw new PolicyConfigError(`${file}: is not valid JSON (${(e as Error).message})`);
  }
}

export function effectivePolicyConfig(
  policies: Policies,
  raw: Record<string, unknown>,
  packLevel: EnforcementLevel,
  file = "policy config",
): Map<string, EffectivePolicyConfig> {
  const problems: string[] = [];
  const names = new Set(policies.map((p) => p.name));
  const parseLevel = (key: string, v: unknown): EnforcementLevel | undefined => {
    if (v === undefined) return undefined;
    if (typeof v !== "string" || !LEVELS.includes(v as EnforcementLevel)) {
      problems.push(
        `${file}: parsing enforcement level for "${key}": ${JSON.stringify(v)} is not a valid enforcement level (use ${LEVELS.join(", ")})`,
      );
      return undefined;
    }
    return v as EnforcementLevel;
  };
  for (const key of Object.keys(raw)) {
    if (key !== "all" && key !== "environments" && !names.has(key))
      problems.push(`${file}: "${key}" is not a policy of this pack`);
  }
  if (raw.environments !== undefined)
    problems.push(
      `${file}: "environments" needs Pulumi ESC, which the self-managed backend does not support`,
    );
  const all = parseLevel("all", raw.all);
  const out = new Map<string, EffectivePolicyConfig>();
  for (const p of policies) {
    const entry = raw[p.name];
    let level: EnforcementLevel | undefined;
    let props: Record<string, unknown> = {};
    if (typeof entry === "string") level = parseLevel(p.name, entry);
    else if (entry !== null && typeof entry === "object") {
      const { enforcementLevel, ...rest } = entry as Record<string, unknown>;
      level = parseLevel(p.name, enforcementLevel);
      props = rest;
    } else if (entry !== undefined) problems.push(`${file}: "${p.name}" must be a level or an object`);
    if (p.configSchema) {
      const validate = validatorFor(policyConfigSchema(p.configSchema), POLICY_CONFIG_SETTINGS, generated());
      if (!validate(props))
        problems.push(`${file}: "${p.name}" settings are invalid: ${errorsText(validate.errors)}`);
    } else if (Object.keys(props).length > 0) {
      problems.push(`${file}: "${p.name}" takes no settings (got ${Object.keys(props).join(", ")})`);
    }
    out.set(p.name, { level: level ?? all ?? p.enforcementLevel ?? packLevel, properties: props });
  }
  if (problems.length > 0) throw new PolicyConfigError(problems.join("\n"));
  return out;
}
