/**
 * What onboarding would write and set, planned against the repository without writing anything: the
 * spec (a new scaffold or the existing spec converged, components/spec/scaffold.ts), the scripts
 * folder's README, the stack config file and the stack's config values. Every input problem is
 * collected into one OnboardInputError.
 */
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { formatProblem, SpecError } from "../../components/spec/problems";
import { loadSpecDocument, readSpecText } from "../../components/spec/safeLoad";
import { convergeSpec, scaffoldScriptsReadme, scaffoldSpec } from "../../components/spec/scaffold";
import { knownProjectIds, validateSpecText } from "../../components/spec/validate";
import { ALLOWED_ACCOUNTS_KEY, pinnedAccounts } from "../accounts";
import { platformRegion } from "../runner/discover";
import { readProjectFile, readStackConfig } from "../runner/stackFiles";
import { OnboardArgs, OnboardInputError } from "./onboardArgs";
import { deterministicProjectId, mergeStackConfig, StackConfigFileError } from "./onboardFiles";
import { ConfigValues } from "./workspace";
import {
  DEFAULT_PLATFORM_ORG,
  projectStackConfig,
  STACK_CONFIG_KEYS,
} from "../../components/stackConfigKeys";

export interface FileChange {
  readonly file: string;
  readonly action: "create" | "update" | "keep";
  readonly text: string;
  readonly notes: string[];
}

export interface OnboardPlan {
  readonly slug: string;
  readonly projectId: string;
  readonly stack: string;
  readonly spec: FileChange;
  /** `scripts/README.md` of a new project (the folder a team's job scripts go to). */
  readonly scripts: FileChange;
  readonly stackConfig: FileChange;
  readonly config: ConfigValues;
}

function regionOfPlatform(repoRoot: string, env: string): string {
  const region = platformRegion(env, repoRoot);
  if (region === undefined)
    throw new OnboardInputError([
      `Pulumi.${env}.yaml has no aws:region: the platform stack of ${env} must exist first`,
    ]);
  return region;
}

/** Pure planning against the repository: what would be written and set. Throws OnboardInputError. */
export function planOnboard(args: OnboardArgs, repoRoot: string): OnboardPlan {
  const problems: string[] = [];
  const projectsDir = path.join(repoRoot, "projects");
  const specFile = path.join(projectsDir, args.name, "project.yaml");
  const others = knownProjectIds(projectsDir, specFile);
  const scaffoldInput = { ...args, slug: args.name };
  let spec: FileChange;
  let projectId: string;
  if (fs.existsSync(specFile) || isLink(specFile)) {
    // The existing spec is read safely: a broken or hostile file is an input problem, not a crash.
    let loaded: ReturnType<typeof loadSpecDocument>;
    try {
      loaded = loadSpecDocument(specFile);
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      throw new OnboardInputError([
        ...e.problems.map(formatProblem),
        `fix or remove ${path.relative(repoRoot, specFile)}, then rerun`,
      ]);
    }
    const converged = convergeSpec(loaded, scaffoldInput);
    projectId = converged.projectId;
    problems.push(...converged.problems);
    spec = { file: specFile, action: converged.action, text: converged.text, notes: converged.notes };
  } else {
    projectId = args.id ?? deterministicProjectId(args.name);
    spec = { file: specFile, action: "create", text: scaffoldSpec(scaffoldInput, projectId), notes: [] };
  }
  const scriptsReadme = path.join(path.dirname(specFile), "scripts", "README.md");
  const scripts: FileChange =
    spec.action === "create" && !fs.existsSync(scriptsReadme)
      ? { file: scriptsReadme, action: "create", text: scaffoldScriptsReadme(args.name), notes: [] }
      : { file: scriptsReadme, action: "keep", text: "", notes: [] };
  const clash = others.get(projectId);
  if (clash !== undefined) problems.push(`project id ${projectId} already belongs to project "${clash}"`);
  if (problems.length === 0) {
    try {
      validateSpecText(spec.text, specFile, { env: args.env, otherProjects: others });
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      problems.push(...e.problems.map(formatProblem));
    }
  }
  let region = "";
  try {
    region = regionOfPlatform(repoRoot, args.env);
  } catch (e) {
    if (!(e instanceof OnboardInputError)) throw e;
    problems.push(...e.problems);
  }
  if (problems.length > 0) throw new OnboardInputError(problems);

  const stack = `${args.name}-${args.env}`;
  const configFile = path.join(projectsDir, `Pulumi.${stack}.yaml`);
  const accounts = pinnedAccounts(
    readStackConfig(readProjectFile(repoRoot), args.env).config[ALLOWED_ACCOUNTS_KEY],
  );
  let existingConfig: string | undefined;
  try {
    existingConfig = fs.existsSync(configFile) || isLink(configFile) ? readSpecText(configFile) : undefined;
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    throw new OnboardInputError(e.problems.map(formatProblem));
  }
  const existingOrg =
    existingConfig === undefined ? undefined : configValue(existingConfig, STACK_CONFIG_KEYS.platformOrg);
  // Onboarding owns these keys; every other key of an existing file (aws:profile, encryptionsalt…) stays.
  const configValues = projectStackConfig({
    region,
    // The platform's account pin (one account per environment, tools/accounts.ts).
    allowedAccountIds: accounts,
    spec: `${args.name}/project.yaml`,
    env: args.env,
    platformOrg: args.org ?? existingOrg ?? DEFAULT_PLATFORM_ORG,
  });
  let merged: ReturnType<typeof mergeStackConfig>;
  try {
    merged = mergeStackConfig(existingConfig, configValues, path.relative(repoRoot, configFile));
  } catch (e) {
    if (!(e instanceof StackConfigFileError)) throw e;
    throw new OnboardInputError([e.message]);
  }
  const stackConfig: FileChange = {
    file: configFile,
    action: existingConfig === undefined ? "create" : merged.changed ? "update" : "keep",
    text: merged.text,
    notes: merged.kept.length > 0 ? [`keeps ${merged.kept.join(", ")}`] : [],
  };
  return {
    slug: args.name,
    projectId,
    stack,
    spec,
    scripts,
    stackConfig,
    config: Object.fromEntries(Object.entries(configValues).map(([k, v]) => [k, { value: v }])),
  };
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function configValue(text: string, key: string): string | undefined {
  try {
    const v = (loadYamlMapping(text).config as Record<string, unknown> | undefined)?.[key];
    return typeof v === "string" ? v : undefined;
  } catch {
    return undefined;
  }
}

function loadYamlMapping(text: string): Record<string, unknown> {
  const data = parseYaml(text, { maxAliasCount: 10 }) as unknown;
  return data !== null && typeof data === "object" && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : {};
}
