/**
 * Loads and validates a project spec: YAML syntax, the JSON Schema, then every cross-field rule
 * (references, governance limits, zones, scripts). Every problem is reported at once; a spec with
 * any problem yields no model, so nothing is deployed from it.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import Ajv, { ErrorObject } from "ajv";
import addFormats from "ajv-formats";
import {
  effectiveLimits,
  FLEX_WORKER_TYPES,
  GovernanceLimits,
  GLUE_RESERVED_ARGUMENTS,
  PLATFORM_LIMITS,
  PLATFORM_LOCKED_ARGUMENTS,
  peakDpu,
  PYTHON_SHELL_DEFAULT_CAPACITY,
  RAY_WORKER_TYPE,
  SECRET_ARGUMENT_PATTERN,
  WORKER_TYPES_BY_KIND,
} from "../limits";
import { LakeLayer } from "../naming";
import { awsRuleProblems } from "./awsRules";
import { JobSpec, LoadedSpec, ProjectSpec, ScriptFile } from "./model";
import { placeholdersIn } from "./placeholders";
import { Locator, PathSegment, SpecError, SpecProblem } from "./problems";
import { PROJECT_SPEC_SCHEMA } from "./schema";
import { parseSpecText, readSpecText } from "./safeLoad";
import { awsLimitProblems } from "./awsLimits";
import { tableProblems } from "./tables";
import { compareParameters, scriptParameters } from "./jobParameters";
import { RUNTIME_LOCKED_ARGUMENTS } from "../glue/jobArgs";

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
addFormats(ajv, ["email"]);
const validateSchema = ajv.compile(PROJECT_SPEC_SCHEMA);

/** Defaults a job gets when the spec is silent (docs/decisions.md "Jobs"). */
export const JOB_DEFAULTS = { maxRetries: 0, maxConcurrentRuns: 1 } as const;

export interface ValidateOptions {
  /** Limits of the platform the spec deploys to; defaults to the repository's governance limits. */
  readonly limits?: GovernanceLimits;
  /** Environment being deployed; the spec must list it. */
  readonly env?: string;
  /** projectId → slug of every other known spec: ids are never shared. */
  readonly otherProjects?: ReadonlyMap<string, string>;
}

function schemaProblem(loc: Locator, e: ErrorObject): SpecProblem | undefined {
  const base: PathSegment[] = e.instancePath
    .split("/")
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, "/").replace(/~0/g, "~")));
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "if":
    case "oneOf":
    case "const":
      return undefined;
    case "required":
      return loc.problem(
        base,
        `required field '${String(p.missingProperty)}' is missing`,
        `add '${String(p.missingProperty)}:' here`,
      );
    case "additionalProperties":
      return loc.problem(
        [...base, String(p.additionalProperty)],
        "is not a field of this object",
        "remove it or fix its spelling (see projects/project.schema.json)",
      );
    case "enum":
      return loc.problem(
        base,
        `must be one of ${(p.allowedValues as unknown[]).join(", ")}`,
        "use one of the listed values",
      );
    case "format":
      return loc.problem(
        base,
        `is not a valid ${String(p.format)}`,
        `write a valid ${String(p.format)}, e.g. team@example.com`,
      );
    case "pattern": {
      const described = (e.parentSchema as { description?: string } | undefined)?.description;
      return loc.problem(
        base,
        `does not match the required pattern ${String(p.pattern)}`,
        described ? `expected: ${described}` : "match the pattern",
      );
    }
    case "type":
      return loc.problem(base, `must be ${String(p.type)}`, `write a ${String(p.type)} value`);
    default:
      return loc.problem(base, e.message ?? "is invalid", "see projects/project.schema.json");
  }
}

function sha256File(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Resolves a script path inside `<dir>/scripts/`; anything else (absolute, `..`, links out) is refused. */
function resolveScript(dir: string, rel: string): { abs?: string; why?: string } {
  if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes(".."))
    return { why: "must be a relative path without '..'" };
  const scriptsDir = path.join(dir, "scripts");
  // A linked scripts/ folder would upload whatever it points at: the folder itself must be real.
  if (fs.existsSync(scriptsDir) && fs.lstatSync(scriptsDir).isSymbolicLink())
    return {
      why: "lives in scripts/, which is a symbolic link; make scripts/ a real folder of this project",
    };
  const abs = path.resolve(dir, rel);
  if (!abs.startsWith(scriptsDir + path.sep)) return { why: "must be inside this project's scripts/ folder" };
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile())
    return { why: `file ${path.relative(dir, abs)} does not exist` };
  const real = fs.realpathSync(abs);
  if (!real.startsWith(fs.realpathSync(scriptsDir) + path.sep))
    return { why: "is a link that points outside scripts/" };
  if (!/\.(py|scala|jar|zip|whl)$/.test(rel))
    return { why: "must be a .py, .scala, .jar, .zip or .whl file" };
  return { abs };
}

function semanticProblems(
  spec: ProjectSpec,
  dir: string,
  loc: Locator,
  opts: ValidateOptions,
  scripts: Map<string, ScriptFile>,
): SpecProblem[] {
  const out: SpecProblem[] = [];
  const platform = opts.limits ?? PLATFORM_LIMITS;
  const limits = effectiveLimits(platform, spec.limits);
  const add = (p: PathSegment[], why: string, fix: string) => out.push(loc.problem(p, why, fix));

  const folder = path.basename(dir);
  if (path.basename(path.dirname(dir)) === "projects" && folder !== spec.slug) {
    add(
      ["slug"],
      `is "${spec.slug}" but the spec lives in projects/${folder}/`,
      `rename the folder or set slug: ${folder}`,
    );
  }
  if (opts.env !== undefined && !spec.environments.includes(opts.env as "dev")) {
    add(
      ["environments"],
      `does not include "${opts.env}", the environment being deployed`,
      `add ${opts.env} to environments`,
    );
  }
  const owner = opts.otherProjects?.get(spec.projectId);
  if (owner !== undefined && owner !== spec.slug) {
    add(
      ["projectId"],
      `is already the id of project "${owner}"`,
      "every project has its own UUID v4; generate a new one (npm run onboard does)",
    );
  }
  if (typeof spec.monthlyBudgetUsd === "object") {
    for (const env of spec.environments) {
      if (spec.monthlyBudgetUsd[env] === undefined)
        add(["monthlyBudgetUsd"], `has no budget for ${env}`, `add '${env}: <usd>'`);
    }
  }
  for (const key of ["maxWorkersPerJob", "maxProjectDpu", "maxTimeoutMinutes", "maxRetries"] as const) {
    const v = spec.limits?.[key];
    if (v !== undefined && v > platform[key]) {
      add(
        ["limits", key],
        `is ${v}, looser than the platform's ${platform[key]}`,
        `use a value ≤ ${platform[key]} or remove it`,
      );
    }
  }

  const unique = (listName: string, items: { name: string }[] | undefined) => {
    const seen = new Map<string, number>();
    (items ?? []).forEach((it, i) => {
      if (seen.has(it.name))
        add(
          [listName, i, "name"],
          `"${it.name}" is used twice in ${listName}`,
          "give every entry its own name",
        );
      seen.set(it.name, i);
    });
  };
  unique("jobs", spec.jobs);
  unique("crawlers", spec.crawlers);
  unique("workflows", spec.workflows);
  unique("triggers", spec.triggers);
  unique("dataQuality", spec.dataQuality);
  tableProblems(spec, add);

  const databases = new Set<LakeLayer>(spec.catalog?.databases ?? []);
  const jobs = new Set((spec.jobs ?? []).map((j) => j.name));
  const crawlers = new Set((spec.crawlers ?? []).map((c) => c.name));
  const workflows = new Set((spec.workflows ?? []).map((w) => w.name));
  const reserved = new Set([
    ...GLUE_RESERVED_ARGUMENTS,
    ...PLATFORM_LOCKED_ARGUMENTS,
    ...RUNTIME_LOCKED_ARGUMENTS,
  ]);

  const checkFile = (p: PathSegment[], rel: string) => {
    const r = resolveScript(dir, rel);
    if (r.why)
      add(
        p,
        `"${rel}" ${r.why}`,
        "put the file under this project's scripts/ folder and reference it as scripts/<file>",
      );
    else if (r.abs) scripts.set(rel, { relativePath: rel, absolutePath: r.abs, sha256: sha256File(r.abs) });
  };

  let totalDpu = 0;
  (spec.jobs ?? []).forEach((job: JobSpec, i) => {
    const at = (...rest: PathSegment[]) => ["jobs", i, ...rest];
    checkFile(at("script"), job.script);
    (job.extraPyFiles ?? []).forEach((f, k) => checkFile(at("extraPyFiles", k), f));
    for (const [name, value] of Object.entries(job.parameters ?? {})) {
      for (const ph of placeholdersIn(value)) {
        if (ph.kind === undefined)
          add(
            at("parameters", name),
            `placeholder ${ph.text} is unknown`,
            "use ${lake.<bronze|silver|gold>} or ${db.<layer>}",
          );
        else if (ph.kind === "db" && !databases.has(ph.layer as LakeLayer)) {
          add(
            at("parameters", name),
            `${ph.text} names a database this project does not have`,
            `add ${ph.layer} to catalog.databases`,
          );
        }
      }
      if (reserved.has(`--${name}`))
        add(
          at("parameters", name),
          `--${name} is reserved by Glue or locked by the platform`,
          "rename the parameter",
        );
      if (SECRET_ARGUMENT_PATTERN.test(name)) {
        add(
          at("parameters", name),
          "looks like a secret; job arguments are logged",
          "keep secrets in Secrets Manager or a Glue connection and pass only its name",
        );
      }
    }
    const script = scripts.get(job.script);
    if (script) {
      const read = scriptParameters(fs.readFileSync(script.absolutePath, "utf8"), [...reserved, "--ENV"]);
      if (read.names) {
        const passed = Object.keys(job.parameters ?? {}).filter((n) => !reserved.has(`--${n}`));
        const { missing, unused } = compareParameters(read.names, passed);
        for (const name of missing)
          add(
            at("parameters"),
            `${job.script}:${read.line} reads parameter ${name}, which this job does not pass`,
            `add ${name}: <value> under parameters, or stop reading it in the script`,
          );
        for (const name of unused)
          add(
            at("parameters", name),
            `is passed but ${job.script} never reads it (it reads: ${read.names.join(", ") || "none"})`,
            "remove the parameter, or declare it in the script's `parameters`",
          );
      }
    }
    const timeout = job.timeoutMinutes ?? limits.defaultTimeoutMinutes;
    if (timeout > limits.maxTimeoutMinutes)
      add(
        at("timeoutMinutes"),
        `is ${timeout}, above the cap of ${limits.maxTimeoutMinutes}`,
        `use ≤ ${limits.maxTimeoutMinutes}`,
      );
    const retries = job.maxRetries ?? JOB_DEFAULTS.maxRetries;
    if (retries > limits.maxRetries)
      add(
        at("maxRetries"),
        `is ${retries}, above the cap of ${limits.maxRetries}`,
        `use ≤ ${limits.maxRetries}`,
      );
    if (job.runQueuing === true && retries > 0) {
      add(
        at("runQueuing"),
        "cannot be combined with retries (queued runs that fail are not retried safely)",
        "set maxRetries: 0 or runQueuing: false",
      );
    }
    const concurrent = job.maxConcurrentRuns ?? JOB_DEFAULTS.maxConcurrentRuns;
    if (concurrent > platform.maxConcurrentRunsPerJob) {
      add(
        at("maxConcurrentRuns"),
        `is ${concurrent}, above the cap of ${platform.maxConcurrentRunsPerJob}`,
        `use ≤ ${platform.maxConcurrentRunsPerJob}`,
      );
    }
    if (job.kind === "sparkEtl" || job.kind === "streaming") {
      if (!platform.allowedGlueVersions.includes(job.glueVersion)) {
        add(
          at("glueVersion"),
          `"${job.glueVersion}" is not an allowed Glue version`,
          `use one of ${platform.allowedGlueVersions.join(", ")} (≤2.0 is end-of-life)`,
        );
      }
      const allowed = WORKER_TYPES_BY_KIND[job.kind].filter((w) => platform.allowedWorkerTypes.includes(w));
      if (!allowed.includes(job.workerType))
        add(
          at("workerType"),
          `${job.workerType} is not valid for ${job.kind} jobs`,
          `use one of ${allowed.join(", ")}`,
        );
    }
    if (job.kind === "sparkEtl" && job.executionClass === "FLEX") {
      if (!FLEX_WORKER_TYPES.includes(job.workerType))
        add(
          at("executionClass"),
          `FLEX needs G.1X or G.2X workers, not ${job.workerType}`,
          "use G.1X/G.2X or STANDARD",
        );
      if (job.runQueuing === true)
        add(at("runQueuing"), "FLEX jobs cannot queue runs", "remove runQueuing or use STANDARD");
    }
    if (job.kind === "ray" && !platform.rayEnabled) {
      add(
        at("kind"),
        "Glue for Ray is closed to new AWS customers and disabled on this platform",
        "use a sparkEtl or pythonShell job, or ask the platform team to enable Ray",
      );
    }
    if ("workers" in job && job.workers > limits.maxWorkersPerJob) {
      add(
        at("workers"),
        `is ${job.workers}, above the cap of ${limits.maxWorkersPerJob} workers per job`,
        `use ≤ ${limits.maxWorkersPerJob}`,
      );
    }
    const dpu = peakDpu(
      job.kind === "pythonShell"
        ? { maxCapacity: job.maxCapacity ?? PYTHON_SHELL_DEFAULT_CAPACITY, maxConcurrentRuns: concurrent }
        : {
            workerType: job.kind === "ray" ? RAY_WORKER_TYPE : job.workerType,
            numberOfWorkers: job.workers,
            maxConcurrentRuns: concurrent,
          },
    );
    totalDpu += dpu ?? 0;
  });
  if (totalDpu > limits.maxProjectDpu) {
    add(
      ["jobs"],
      `can hold ${totalDpu} DPU at once (workers × DPU × maxConcurrentRuns), above the project cap of ${limits.maxProjectDpu}`,
      "lower workers or maxConcurrentRuns",
    );
  }

  (spec.crawlers ?? []).forEach((c, i) => {
    const at = (...rest: PathSegment[]) => ["crawlers", i, ...rest];
    if (!databases.has(c.database))
      add(
        at("database"),
        `"${c.database}" is not in catalog.databases`,
        `add ${c.database} to catalog.databases`,
      );
    const rawZone = c.zone === "raw";
    if (rawZone !== (c.database === "bronze")) {
      add(
        at("database"),
        `a ${c.zone} crawler cannot write to the ${c.database} database`,
        rawZone ? "use database: bronze" : "use silver or gold",
      );
    }
    c.targets.forEach((t, k) => {
      if (rawZone !== (t.layer === "bronze")) {
        add(
          at("targets", k, "layer"),
          `a ${c.zone} crawler cannot crawl ${t.layer}: raw and curated data are never crawled together`,
          "split it into a raw and a curated crawler",
        );
      }
    });
  });

  (spec.dataQuality ?? []).forEach((d, i) => {
    if (!databases.has(d.database))
      add(
        ["dataQuality", i, "database"],
        `"${d.database}" is not in catalog.databases`,
        `add ${d.database} to catalog.databases`,
      );
  });

  (spec.triggers ?? []).forEach((t, i) => {
    const at = (...rest: PathSegment[]) => ["triggers", i, ...rest];
    if (t.workflow !== undefined && !workflows.has(t.workflow))
      add(
        at("workflow"),
        `workflow "${t.workflow}" is not defined in this spec`,
        "add it under workflows or fix the name",
      );
    if (t.type === "scheduled" && !t.schedule)
      add(at("schedule"), "a scheduled trigger needs a schedule", "add schedule: cron(0 2 * * ? *)");
    if (t.type !== "scheduled" && t.schedule)
      add(
        at("schedule"),
        `only scheduled triggers take a schedule, this one is ${t.type}`,
        "remove schedule or use type: scheduled",
      );
    if (t.type === "conditional" && !(t.conditions && t.conditions.length > 0))
      add(
        at("conditions"),
        "a conditional trigger needs conditions",
        "add conditions: [{job: <name>, state: SUCCEEDED}]",
      );
    if (t.type !== "conditional" && t.conditions)
      add(
        at("conditions"),
        `only conditional triggers take conditions, this one is ${t.type}`,
        "remove conditions",
      );
    if (t.type === "event" && !t.workflow)
      add(at("workflow"), "an event trigger must start a workflow", "add workflow: <name>");
    if (t.type !== "event" && t.eventBatching)
      add(at("eventBatching"), "only event triggers batch events", "remove eventBatching");
    const ref = (p: PathSegment[], r: { job?: string; crawler?: string }) => {
      if ((r.job === undefined) === (r.crawler === undefined))
        add(p, "must name exactly one of job or crawler", "write job: <name> or crawler: <name>");
      else if (r.job !== undefined && !jobs.has(r.job))
        add(
          [...p, "job"],
          `job "${r.job}" is not defined in this project`,
          "triggers may only use this project's jobs",
        );
      else if (r.crawler !== undefined && !crawlers.has(r.crawler))
        add(
          [...p, "crawler"],
          `crawler "${r.crawler}" is not defined in this project`,
          "triggers may only use this project's crawlers",
        );
    };
    t.actions.forEach((a, k) => ref(at("actions", k), a));
    (t.conditions ?? []).forEach((c, k) => ref(at("conditions", k), c));
  });
  awsRuleProblems(spec, limits, add);
  return out;
}

/** Parses and validates a spec text. Returns the model or throws SpecError with every problem. */
export function validateSpecText(text: string, file: string, opts: ValidateOptions = {}): LoadedSpec {
  // Syntax, size-safe parsing (aliases, depth) and a mapping at the top: components/spec/safeLoad.ts.
  const { locator: loc, data } = parseSpecText(text, file);
  if (!validateSchema(data)) {
    const problems = (validateSchema.errors ?? [])
      .map((e) => schemaProblem(loc, e))
      .filter((p): p is SpecProblem => p !== undefined);
    const seen = new Set<string>();
    throw new SpecError(
      problems.filter(
        (p) => !seen.has(`${p.line}:${p.col}:${p.why}`) && seen.add(`${p.line}:${p.col}:${p.why}`),
      ),
    );
  }
  const spec = data as unknown as ProjectSpec;
  const dir = path.dirname(path.resolve(file));
  const scripts = new Map<string, ScriptFile>();
  const problems = [...semanticProblems(spec, dir, loc, opts, scripts), ...awsLimitProblems(spec, loc)];
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
