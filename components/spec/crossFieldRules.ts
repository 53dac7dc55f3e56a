/**
 * Every cross-field rule of a schema-valid spec: the project's identity (folder, environment, unique
 * id), budgets and limits, unique names, then the rules of tables, jobs, references and AWS's own
 * rules. Problems are collected, never thrown, so the author sees all of them at once.
 */
import * as path from "path";
import { effectiveLimits, GovernanceLimits, PLATFORM_LIMITS } from "../limits";
import { awsRuleProblems } from "./awsRules";
import { jobProblems } from "./jobRules";
import { ProjectSpec, ScriptFile } from "./model";
import { AddProblem, Locator, PathSegment, SpecProblem } from "./problems";
import { referenceProblems } from "./referenceRules";
import { scriptChecker } from "./scriptFiles";
import { tableProblems } from "./tables";

export interface ValidateOptions {
  /** Limits of the platform the spec deploys to; defaults to the repository's governance limits. */
  readonly limits?: GovernanceLimits;
  /** Environment being deployed; the spec must list it. */
  readonly env?: string;
  /** projectId → slug of every other known spec: ids are never shared. */
  readonly otherProjects?: ReadonlyMap<string, string>;
}

/** The project as a whole: its folder, environments, id, budget and limits. */
function projectProblems(
  spec: ProjectSpec,
  dir: string,
  opts: ValidateOptions,
  platform: GovernanceLimits,
  add: AddProblem,
): void {
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
}

function uniqueNameProblems(spec: ProjectSpec, add: AddProblem): void {
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
}

/** The cross-field problems of a spec in `dir`; found script files are recorded in `scripts`. */
export function crossFieldProblems(
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
  projectProblems(spec, dir, opts, platform, add);
  uniqueNameProblems(spec, add);
  tableProblems(spec, add);
  jobProblems(spec, { platform, limits, checkFile: scriptChecker(dir, scripts, add), scripts }, add);
  referenceProblems(spec, add);
  awsRuleProblems(spec, limits, add);
  return out;
}
