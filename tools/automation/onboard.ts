/**
 * `npm run onboard`: onboards a data team's project into an environment. Validates every input first
 * (all problems at once, nothing written on failure), writes or converges `projects/<slug>/project.yaml`
 * and the stack config file, creates or selects the stack `<slug>-<env>` and sets its config, and
 * optionally previews or deploys it with the policy pack. `--dry-run` needs no Pulumi CLI.
 *
 * Exit codes: 0 done; 1 preview/deploy failed or a mandatory policy was violated; 2 invalid input
 * (nothing written); 3 the Pulumi CLI or backend is unavailable (nothing written).
 */
import * as fs from "fs";
import * as path from "path";
import { parseFlags } from "../cliArgs";
import { Document, parse as parseYaml } from "yaml";
import { ENVIRONMENTS, PROJECT_PROJECT, UUID_V4 } from "../../components/naming";
import { formatProblem, SpecError } from "../../components/spec/problems";
import { knownProjectIds, validateSpecText } from "../../components/spec/validate";
import { loadSpecDocument, readSpecText } from "../../components/spec/safeLoad";
import {
  deterministicProjectId,
  FileTransaction,
  mergeStackConfig,
  StackConfigFileError,
} from "./onboardFiles";
import { EventCollector } from "./events";
import { ensurePackBuilt } from "./pack";
import { CliMissingError, ConfigValues, PulumiWorkspace, StackHandle } from "./workspace";
import { ALLOWED_ACCOUNTS_KEY, pinnedAccounts } from "../accounts";
import { platformRegion } from "../runner/discover";
import { readProjectFile, readStackConfig } from "../runner/stackFiles";

export const EXIT = { ok: 0, failed: 1, invalid: 2, unavailable: 3 } as const;
const SLUG = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const COST_CENTER = /^[A-Za-z0-9][A-Za-z0-9_.:/=+@-]{0,63}$/;
/** Pulumi organization names: letters, digits, '-', '_' and '.', up to 100 characters. */
const ORG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const ONBOARD_USAGE = `usage: npm run onboard -- --name <slug> --owner <email> --cost-center <cc> --env <dev|prod>
                           [--id <uuid>] [--budget <usd>] [--org <pulumi-org>]
                           [--dry-run | --write-only | --preview | --up --yes] [--backend <url>] [--json]
  --dry-run     print the files it would write (full text) and the stack config; writes nothing, no CLI
  --write-only  write the spec, scripts/ and the stack config file only; no Pulumi CLI needed
                (create the stack later: pulumi stack init <slug>-<env>, or rerun without --write-only)
  --org         the platform stack's Pulumi organization (glue-project:platformOrg; default: kept, else
                "organization", the file backend's)
  --id          the project's UUID v4 (default: derived from the slug, the same on every run)
exit codes: 0 done, 1 preview/deploy failed or mandatory policy violated, 2 invalid input (nothing written),
            3 Pulumi CLI or backend unavailable (nothing written)`;

export interface OnboardArgs {
  readonly name: string;
  readonly owner: string;
  readonly costCenter: string;
  readonly env: string;
  readonly id?: string;
  readonly budget?: number;
  readonly org?: string;
  readonly dryRun: boolean;
  readonly writeOnly: boolean;
  readonly preview: boolean;
  readonly up: boolean;
  readonly yes: boolean;
  readonly backend?: string;
  readonly json: boolean;
}

export class OnboardInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid input, nothing was written:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Parses and validates the flags; every problem is collected. */
export function parseOnboardArgs(argv: string[]): OnboardArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseFlags(argv, {
      name: { type: "string" },
      owner: { type: "string" },
      "cost-center": { type: "string" },
      env: { type: "string" },
      id: { type: "string" },
      budget: { type: "string" },
      org: { type: "string" },
      "dry-run": { type: "boolean" },
      "write-only": { type: "boolean" },
      preview: { type: "boolean" },
      up: { type: "boolean" },
      yes: { type: "boolean" },
      backend: { type: "string" },
      json: { type: "boolean" },
    });
  } catch (e) {
    throw new OnboardInputError([(e as Error).message]);
  }
  const problems: string[] = [];
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  const name = str("name");
  const owner = str("owner");
  const costCenter = str("cost-center");
  const env = str("env");
  const id = str("id");
  const budgetText = str("budget");
  if (!name) problems.push("--name is required: the project slug, e.g. --name customer-360");
  else if (!SLUG.test(name))
    problems.push(`--name "${name}" must be 3–32 lowercase letters, digits or '-', starting with a letter`);
  if (!owner) problems.push("--owner is required: the owning team's email");
  else if (!EMAIL.test(owner)) problems.push(`--owner "${owner}" is not an email address`);
  if (!costCenter) problems.push("--cost-center is required, e.g. --cost-center CC-1042");
  else if (!COST_CENTER.test(costCenter))
    problems.push(`--cost-center "${costCenter}" may only use letters, digits and _.:/=+@- (max 64)`);
  if (!env) problems.push(`--env is required: one of ${ENVIRONMENTS.join(", ")}`);
  else if (!ENVIRONMENTS.includes(env as never))
    problems.push(`--env "${env}" must be one of ${ENVIRONMENTS.join(", ")}`);
  if (id !== undefined && !UUID_V4.test(id)) problems.push(`--id "${id}" is not a lowercase UUID v4`);
  let budget: number | undefined;
  if (budgetText !== undefined) {
    budget = Number(budgetText);
    if (!Number.isFinite(budget) || budget <= 0 || budget > 1_000_000)
      problems.push(`--budget "${budgetText}" must be a positive number of USD (≤ 1,000,000)`);
  }
  if (values.preview && values.up)
    problems.push("--preview and --up are exclusive: preview first, then deploy");
  if (values.up && !values.yes)
    problems.push("--up deploys resources: add --yes to confirm (runs are non-interactive)");
  if (values["dry-run"] && (values.preview || values.up || values["write-only"]))
    problems.push("--dry-run changes nothing; it cannot be combined with --write-only, --preview or --up");
  if (values["write-only"] && (values.preview || values.up))
    problems.push("--write-only needs no Pulumi CLI; it cannot be combined with --preview or --up");
  const org = str("org");
  if (org !== undefined && !ORG.test(org))
    problems.push(`--org "${org}" must be a Pulumi organization name (letters, digits, '-', '_', '.')`);
  if (values.backend !== undefined && !/^(file|s3|gs|azblob|https?):\/\/\S+$/.test(String(values.backend)))
    problems.push(
      `--backend "${values.backend}" must be a backend URL (file://, s3://, gs://, azblob://, https://)`,
    );
  if (problems.length > 0) throw new OnboardInputError(problems);
  return {
    name: name as string,
    owner: owner as string,
    costCenter: costCenter as string,
    env: env as string,
    id,
    budget,
    org,
    dryRun: values["dry-run"] === true,
    writeOnly: values["write-only"] === true,
    preview: values.preview === true,
    up: values.up === true,
    yes: values.yes === true,
    backend: str("backend"),
    json: values.json === true,
  };
}

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

function newSpec(args: OnboardArgs, projectId: string): string {
  const doc = new Document({
    slug: args.name,
    projectId,
    displayName: args.name.replace(/-/g, " ").replace(/\b\w/g, (c) => c.toUpperCase()),
    owner: args.owner,
    costCenter: args.costCenter,
    environments: [args.env],
    monthlyBudgetUsd: args.budget ?? 200,
    notificationEmails: [args.owner],
    catalog: { databases: ["bronze", "silver", "gold"] },
    jobs: [],
  });
  doc.commentBefore =
    " yaml-language-server: $schema=../project.schema.json\n Created by npm run onboard. Add jobs, crawlers and triggers here (README: adding a job).";
  return doc.toString();
}

/** Pure planning against the repository: what would be written and set. Throws OnboardInputError. */
export function planOnboard(args: OnboardArgs, repoRoot: string): OnboardPlan {
  const problems: string[] = [];
  const projectsDir = path.join(repoRoot, "projects");
  const specFile = path.join(projectsDir, args.name, "project.yaml");
  const others = knownProjectIds(projectsDir, specFile);
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
    const { doc, text } = loaded;
    const existing = loaded.data as {
      projectId?: unknown;
      owner?: string;
      costCenter?: string;
      environments?: string[];
    };
    projectId = typeof existing.projectId === "string" ? existing.projectId : "";
    const notes: string[] = [];
    if (args.id && args.id !== projectId)
      problems.push(
        `--id ${args.id} differs from the existing project's id ${projectId}: a project's id never changes`,
      );
    if (existing.owner !== args.owner)
      notes.push(`owner stays ${existing.owner} (the spec is the source of truth; edit it to change owners)`);
    if (existing.costCenter !== args.costCenter) notes.push(`costCenter stays ${existing.costCenter}`);
    let action: FileChange["action"] = "keep";
    let newText = text;
    const envs = Array.isArray(existing.environments) ? existing.environments : [];
    if (!envs.includes(args.env)) {
      const node = doc.get("environments", true) as { add?: (v: string) => void } | undefined;
      if (node?.add) node.add(args.env);
      else doc.set("environments", [args.env]);
      newText = doc.toString();
      action = "update";
      notes.push(`adds ${args.env} to environments`);
    }
    spec = { file: specFile, action, text: newText, notes };
  } else {
    projectId = args.id ?? deterministicProjectId(args.name);
    spec = { file: specFile, action: "create", text: newSpec(args, projectId), notes: [] };
  }
  const scriptsReadme = path.join(path.dirname(specFile), "scripts", "README.md");
  const scripts: FileChange =
    spec.action === "create" && !fs.existsSync(scriptsReadme)
      ? {
          file: scriptsReadme,
          action: "create",
          text: `# ${args.name} job scripts\n\nPut each job's script here and list it under \`jobs:\` in ../project.yaml (README: adding a job).\n`,
          notes: [],
        }
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
    existingConfig === undefined ? undefined : configValue(existingConfig, `${PROJECT_PROJECT}:platformOrg`);
  // Onboarding owns these keys; every other key of an existing file (aws:profile, encryptionsalt…) stays.
  const configValues: Record<string, string> = {
    "aws:region": region,
    // The platform's account pin (one account per environment, tools/accounts.ts).
    // A JSON list as a string: how the CLI hands list config to providers and programs.
    ...(accounts ? { [ALLOWED_ACCOUNTS_KEY]: JSON.stringify(accounts) } : {}),
    [`${PROJECT_PROJECT}:spec`]: `${args.name}/project.yaml`,
    [`${PROJECT_PROJECT}:env`]: args.env,
    [`${PROJECT_PROJECT}:platformOrg`]: args.org ?? existingOrg ?? "organization",
  };
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

export interface OnboardResult {
  readonly exitCode: number;
  readonly plan?: OnboardPlan;
  readonly problems: string[];
  readonly operations?: Record<string, number>;
  readonly policy?: { policy: string; level: string; urn?: string; message: string }[];
  readonly outputs?: Record<string, unknown>;
  /** Files written (repository-relative); empty when nothing was (or everything was rolled back). */
  readonly written: string[];
}

export interface OnboardDeps {
  readonly repoRoot: string;
  readonly workspace: () => PulumiWorkspace;
  readonly log: (line: string) => void;
  readonly buildPack?: (repoRoot: string) => void;
}

export async function onboard(args: OnboardArgs, deps: OnboardDeps): Promise<OnboardResult> {
  let plan: OnboardPlan;
  try {
    plan = planOnboard(args, deps.repoRoot);
  } catch (e) {
    if (e instanceof OnboardInputError) return { exitCode: EXIT.invalid, problems: e.problems, written: [] };
    throw e;
  }
  const rel = (f: string) => path.relative(deps.repoRoot, f);
  const changes = [plan.spec, plan.scripts, plan.stackConfig].filter((c) => c.action !== "keep" || c.text);
  deps.log(`project ${plan.slug} (${plan.projectId}), stack ${plan.stack} in projects/`);
  for (const c of changes)
    deps.log(`  ${c.action.padEnd(6)} ${rel(c.file)}${c.notes.length ? ` (${c.notes.join("; ")})` : ""}`);
  deps.log(
    `  config ${Object.entries(plan.config)
      .map(([k, v]) => `${k}=${v.value}`)
      .join(", ")}`,
  );
  if (args.dryRun) {
    for (const c of changes.filter((x) => x.action !== "keep"))
      deps.log(`--- ${rel(c.file)} (would ${c.action})\n${c.text.trimEnd()}\n---`);
    deps.log(
      `dry run: nothing was written, no stack was created (project id ${plan.projectId} is kept by the next run)`,
    );
    return { exitCode: EXIT.ok, plan, problems: [], written: [] };
  }

  const workspace = args.writeOnly ? undefined : deps.workspace();
  if (workspace) {
    try {
      await workspace.ensureCli();
    } catch (e) {
      if (e instanceof CliMissingError)
        return {
          exitCode: EXIT.unavailable,
          plan,
          problems: [`${e.message} To write the files without the CLI: --write-only.`],
          written: [],
        };
      throw e;
    }
  }
  // Files and stack configuration succeed together or not at all.
  const tx = new FileTransaction();
  try {
    for (const c of changes.filter((x) => x.action !== "keep")) tx.write(c.file, c.text);
  } catch (e) {
    tx.rollback();
    return {
      exitCode: EXIT.failed,
      plan,
      problems: [`could not write the files (${(e as Error).message}); nothing was written`],
      written: [],
    };
  }
  const written = tx.written.map(rel);
  if (!workspace) {
    for (const f of written) deps.log(`wrote ${f}`);
    deps.log(
      `write-only: no stack was created; create it with \`cd projects && pulumi stack init ${plan.stack}\` or rerun without --write-only`,
    );
    return { exitCode: EXIT.ok, plan, problems: [], written };
  }
  let stack;
  try {
    stack = await workspace.createOrSelectStack({
      stackName: plan.stack,
      workDir: path.join(deps.repoRoot, "projects"),
    });
    await stack.setAllConfig(plan.config);
  } catch (e) {
    const undone = tx.rollback().map(rel);
    return {
      exitCode: EXIT.unavailable,
      plan,
      problems: [
        `could not create or select stack ${plan.stack}: ${(e as Error).message.split("\n")[0]}`,
        `nothing was written: ${undone.length > 0 ? `rolled back ${undone.join(", ")}` : "no file had changed"}`,
      ],
      written: [],
    };
  }
  for (const f of written) deps.log(`wrote ${f}`);
  deps.log(`stack ${plan.stack} selected and configured`);
  if (!args.preview && !args.up) return { exitCode: EXIT.ok, plan, problems: [], written };
  return { ...(await deploy(args, deps, stack)), plan, written };
}

/** `--preview` / `--up`: runs the CLI with the policy pack and summarizes operations and findings. */
async function deploy(
  args: OnboardArgs,
  deps: OnboardDeps,
  stack: StackHandle,
): Promise<Omit<OnboardResult, "plan" | "written">> {
  (deps.buildPack ?? ensurePackBuilt)(deps.repoRoot);
  const events = new EventCollector((line) => deps.log(line));
  const policy = {
    policyPacks: [path.join(deps.repoRoot, "policy-pack")],
    policyPackConfigs: [path.join(deps.repoRoot, "policy-pack", "config", `${args.env}.json`)],
    onEvent: events.onEvent,
  };
  let outputs: Record<string, unknown> | undefined;
  let failure: string | undefined;
  try {
    if (args.up) {
      const r = await stack.up(policy);
      outputs = Object.fromEntries(
        Object.entries(r.outputs).map(([k, v]) => [k, v.secret ? "[secret]" : v.value]),
      );
    } else await stack.preview(policy);
  } catch (e) {
    failure = (e as Error).message;
  }
  const operations = Object.fromEntries(events.operations);
  const mandatory = events.policy.filter((p) => p.level === "mandatory");
  deps.log(
    `summary: ${
      Object.entries(operations)
        .map(([op, n]) => `${n} ${op}`)
        .join(", ") || "no resource changes"
    }; ${events.policy.length} policy findings (${mandatory.length} mandatory)`,
  );
  for (const p of events.policy) deps.log(`  [${p.level}] ${p.policy}: ${p.message.split("\n").pop()}`);
  if (outputs) for (const [k, v] of Object.entries(outputs)) deps.log(`  output ${k} = ${JSON.stringify(v)}`);
  const problems = [
    ...(failure
      ? [`${args.up ? "deploy" : "preview"} failed: ${failure.split("\n").slice(0, 5).join(" ")}`]
      : []),
    ...events.diagnostics.filter((d) => d.startsWith("error")),
  ];
  return {
    exitCode: failure || mandatory.length > 0 ? EXIT.failed : EXIT.ok,
    problems,
    operations,
    policy: events.policy,
    outputs,
  };
}
