/**
 * Reads a `--policy-pack-config` file the way the CLI does (https://www.pulumi.com/docs/using-pulumi/crossguard/configuration/): keys are policy
 * names (or "all"), values an enforcement level or an object with `enforcementLevel` and properties;
 * "all" applies first, per-policy entries override; schema defaults are filled in and properties are
 * validated against each policy's configSchema.
 */
import * as fs from "fs";
import Ajv from "ajv";
import { EnforcementLevel, Policies } from "@pulumi/policy";

export const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export interface EffectivePolicyConfig {
  readonly level: EnforcementLevel;
  /** Properties as `getConfig()` returns them (without enforcementLevel). */
  readonly properties: Record<string, unknown>;
}

export class PolicyConfigError extends Error {}

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
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
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
      const validate = ajv.compile({ type: "object", ...p.configSchema });
      if (!validate(props))
        problems.push(`${file}: "${p.name}" settings are invalid: ${ajv.errorsText(validate.errors)}`);
    } else if (Object.keys(props).length > 0) {
      problems.push(`${file}: "${p.name}" takes no settings (got ${Object.keys(props).join(", ")})`);
    }
    out.set(p.name, { level: level ?? all ?? p.enforcementLevel ?? packLevel, properties: props });
  }
  if (problems.length > 0) throw new PolicyConfigError(problems.join("\n"));
  return out;
}
