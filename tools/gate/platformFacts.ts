/**
 * Writes the platform facts policies need into policy-pack/config/<env>.json (see
 * policy-pack/lib/platformFacts.ts): from `pulumi stack output --json` of the platform stack for a
 * real deployment, or from the offline deployed-mode run of the platform program. Every policy whose
 * config schema declares a fact gets it; everything else in the file is kept.
 */
import * as fs from "fs";
import * as path from "path";
import * as prettier from "prettier";
import { Policies } from "@pulumi/policy";
import { FactName, isOptionalFact, PLATFORM_FACTS } from "../../policy-pack/lib/platformFacts";
import { discoverStacks, REPO_ROOT } from "../runner/discover";
import { DEFAULT_ACCOUNT } from "../runner/mocks";
import { runStack } from "../runner/runStack";
import { readPolicyConfigFile } from "./policyConfig";
import { STACK_CONFIG_KEYS } from "../../components/stackConfigKeys";

export class PlatformFactsError extends Error {}

export function policyConfigFile(env: string, root = REPO_ROOT): string {
  return path.join(root, "policy-pack", "config", `${env}.json`);
}

/** The platform program's outputs as a deployed platform has them (offline, mock account). */
export async function offlinePlatformOutputs(
  env: string,
  root = REPO_ROOT,
): Promise<Record<string, unknown>> {
  const t = discoverStacks(root).find((x) => x.kind === "platform" && x.env === env);
  if (!t) throw new PlatformFactsError(`no platform stack for env "${env}" (Pulumi.${env}.yaml)`);
  const run = await runStack({
    program: t.program,
    project: t.project.name,
    stack: t.stack,
    config: t.config.config,
    secretKeys: t.config.secretKeys,
    preview: false,
    account: {
      ...DEFAULT_ACCOUNT,
      region: t.config.config[STACK_CONFIG_KEYS.region] ?? DEFAULT_ACCOUNT.region,
    },
    stackOutputs: () => undefined,
  });
  if (run.error) throw new PlatformFactsError(`the platform program failed: ${run.error.message}`);
  return run.outputs;
}

/** `pulumi stack output --json` of the platform stack, read from a file. */
export function outputsFromFile(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new PlatformFactsError(
      `${file}: not the JSON of pulumi stack output --json (${(e as Error).message})`,
    );
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw new PlatformFactsError(`${file}: expected an object of stack outputs`);
  return parsed as Record<string, unknown>;
}

/** The facts among the outputs; a missing or malformed fact is an error naming it. */
export function factsFromOutputs(outputs: Record<string, unknown>): Record<string, string | string[]> {
  const facts: Record<string, string | string[]> = {};
  const problems: string[] = [];
  for (const [name, f] of Object.entries(PLATFORM_FACTS)) {
    const v = outputs[name];
    const ok =
      f.type === "array"
        ? Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string" && x !== "")
        : typeof v === "string" && v !== "";
    if (ok) facts[name] = v as string | string[];
    else if (isOptionalFact(name as FactName) && (v === undefined || v === "")) continue;
    else
      problems.push(
        `output "${name}" (${f.description}) is missing or not a ${f.type === "array" ? "list of strings" : "string"}`,
      );
  }
  if (problems.length > 0)
    throw new PlatformFactsError(
      `the platform outputs lack facts the policies need:\n  ${problems.join("\n  ")}`,
    );
  return facts;
}

/** The policy config with every declared fact set (other settings and levels kept). */
export function withFacts(
  raw: Record<string, unknown>,
  policies: Policies,
  facts: Record<string, string | string[]>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  for (const p of policies) {
    const declared = Object.keys(p.configSchema?.properties ?? {}).filter((k) => k in PLATFORM_FACTS);
    if (declared.length === 0) continue;
    const entry = out[p.name];
    const obj: Record<string, unknown> =
      typeof entry === "string"
        ? { enforcementLevel: entry }
        : { ...((entry as Record<string, unknown>) ?? {}) };
    for (const k of declared) {
      if (facts[k] === undefined) delete obj[k];
      else obj[k] = facts[k];
    }
    out[p.name] = obj;
  }
  return out;
}

/** The config file's text with the facts, formatted as the repository formats JSON. */
export async function policyConfigText(
  env: string,
  policies: Policies,
  facts: Record<string, string | string[]>,
  root = REPO_ROOT,
) {
  const file = policyConfigFile(env, root);
  const raw = fs.existsSync(file) ? readPolicyConfigFile(file) : {};
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(JSON.stringify(withFacts(raw, policies, facts), null, 2), {
    ...options,
    parser: "json",
  });
}
