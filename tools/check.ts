/**
 * `npm run check`: the offline policy gate. Runs every stack program (platform and projects, per env)
 * under Pulumi's mock runtime in preview mode and evaluates the real policy pack with the env's
 * policy config. No cloud, no Pulumi CLI. Exit 0 pass, 1 mandatory violation, 2 usage/load error.
 */
import * as fs from "fs";
import * as path from "path";
import { parseFlags, runAsProcess, UsageError } from "./cliArgs";
import { ENVIRONMENTS } from "../components/naming";
import { checkConformance } from "./conformance";
import { CheckedStack, runOfflineCheck } from "./gate/offlineCheck";
import { discoverStacks, REPO_ROOT } from "./runner/discover";
import { loadSpecDocument } from "../components/spec/safeLoad";
import { exitCode, jsonReport, markdownReport, stackText, summaryLine } from "./gate/report";

const USAGE = `usage: npm run check -- [--env dev|prod] [--stacks a,b] [--spec <project.yaml>]... [--program <file.ts>]...
                          [--json <file>] [--markdown <file>] [--quiet]
  --env        environment to check (default: every environment; for --spec, the spec's own environments)
  --stacks     only these stacks of the repository (e.g. dev,customer-360-dev)
  --spec       a project spec from anywhere, checked as a project stack (repeatable)
  --program    any Pulumi TypeScript program, run as a project stack of the env (repeatable); outside the
               repository it uses this repository's @pulumi/* packages unless it has its own node_modules
  --program-spec  the project.yaml the --program stacks belong to (their glue-project:spec); without
               it the pack cannot learn their project and refuses them
  --json       write the runner's JSON (resources and violations) to a file
  --markdown   write a markdown report (for a PR comment) to a file
  --quiet      print only violations and the summary
  --access     also prove project isolation: evaluate the access matrix of every env with at least
               three projects with an IAM simulator (fails on any unintended allow or intended deny)
  --help       print this text
exit codes: 0 no mandatory violation, 1 mandatory violations, 2 usage or load error`;

export interface CheckArgs {
  envs: string[];
  /** --env was given (otherwise a --spec runs in its own environments). */
  envGiven: boolean;
  help?: boolean;
  stacks?: string[];
  specs: string[];
  programs: string[];
  programSpec?: string;
  json?: string;
  markdown?: string;
  quiet: boolean;
  access: boolean;
}

export function parseCheckArgs(argv: string[]): CheckArgs {
  const values = parseFlags(argv, {
    env: { type: "string" },
    stacks: { type: "string" },
    spec: { type: "string", multiple: true },
    program: { type: "string", multiple: true },
    "program-spec": { type: "string" },
    json: { type: "string" },
    markdown: { type: "string" },
    quiet: { type: "boolean" },
    access: { type: "boolean" },
    help: { type: "boolean" },
  });
  if (values.help)
    return { envs: [], envGiven: false, specs: [], programs: [], quiet: false, access: false, help: true };
  if (values.env !== undefined && !ENVIRONMENTS.includes(values.env as never))
    throw new UsageError(`--env must be one of ${ENVIRONMENTS.join(", ")}, got "${values.env}"`);
  const programSpec = values["program-spec"];
  const missing = [
    ...(values.spec ?? []),
    ...(values.program ?? []),
    ...(programSpec ? [programSpec] : []),
  ].filter((f) => !fs.existsSync(f));
  if (missing.length > 0) throw new UsageError(`file not found: ${missing.join(", ")}`);
  for (const out of [values.json, values.markdown]) {
    if (out !== undefined && !fs.existsSync(path.dirname(path.resolve(out))))
      throw new UsageError(`cannot write ${out}: its folder does not exist`);
  }
  const stacks = values.stacks
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (stacks) {
    // Reject names no repository stack has, as drift does: "0 stacks, exit 0" would hide a typo.
    const known = discoverStacks(REPO_ROOT)
      .filter((t) => !values.env || t.env === values.env)
      .map((t) => t.stack);
    const unknown = stacks.filter((s) => !known.includes(s));
    if (unknown.length > 0)
      throw new UsageError(
        `unknown stack(s)${values.env ? ` for ${values.env}` : ""}: ${unknown.join(", ")} (known: ${known.join(", ")})`,
      );
  }
  return {
    envs: values.env ? [values.env] : [...ENVIRONMENTS],
    envGiven: values.env !== undefined,
    stacks: values.stacks
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    specs: values.spec ?? [],
    programs: values.program ?? [],
    programSpec,
    json: values.json,
    markdown: values.markdown,
    quiet: values.quiet ?? false,
    access: values.access ?? false,
  };
}

export async function main(argv: string[]): Promise<number> {
  let args: CheckArgs;
  try {
    args = parseCheckArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) console.error(`error: ${e.message}`);
    console.error(USAGE);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const outside = args.programs.filter((p) => !path.resolve(p).startsWith(REPO_ROOT + path.sep));
  if (outside.length > 0) useRepositoryPackages();
  const conformance = checkConformance(REPO_ROOT);
  if (conformance.length > 0) {
    for (const c of conformance) console.error(`error: ${c.file}: ${c.problem}`);
    console.error("the Pulumi CLI would reject or misread these files; fix them first");
    return 2;
  }
  const extraOnly = args.specs.length > 0 || args.programs.length > 0;
  let stacks: CheckedStack[];
  try {
    stacks = await runOfflineCheck({
      envs: args.envs,
      stacks: args.stacks,
      specs: args.specs,
      programs: args.programs,
      programSpec: args.programSpec,
      onlyExtra: extraOnly && args.stacks === undefined,
      specEnvs: args.envGiven ? undefined : specEnvironments,
      onStack: (s) => console.log(stackText(s, !args.quiet)),
    });
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    return 2;
  }
  console.log(summaryLine(stacks));
  if (args.json) fs.writeFileSync(args.json, JSON.stringify(jsonReport(stacks), null, 2));
  if (args.markdown) fs.writeFileSync(args.markdown, markdownReport(stacks));
  let code = exitCode(stacks);
  if (args.access) {
    // Loaded only on request: the simulator is a devDependency and never part of stacks or the pack.
    const { accessMatrix, accessMatrixMarkdown } = await import("./isolation/accessMatrix");
    for (const env of args.envs) {
      if (stacks.filter((s) => s.env === env && s.project === "glue-project" && !s.error).length < 3) {
        console.log(`access matrix: ${env} has fewer than three project stacks; skipped`);
        continue;
      }
      const matrix = await accessMatrix(stacks, env);
      const report = accessMatrixMarkdown(matrix);
      console.log(report);
      if (args.markdown) fs.appendFileSync(args.markdown, `\n${report}`);
      if (matrix.unintendedAllows.length + matrix.intendedDenies.length + matrix.errors.length > 0)
        code = Math.max(code, 1);
    }
  }
  return code;
}

/** The environments a spec lists (unreadable specs: every environment; their stack reports why). */
function specEnvironments(spec: string): string[] {
  try {
    const envs = loadSpecDocument(spec).data.environments;
    const known = Array.isArray(envs) ? ENVIRONMENTS.filter((e) => envs.includes(e)) : [];
    return known.length > 0 ? known : [...ENVIRONMENTS];
  } catch {
    return [...ENVIRONMENTS];
  }
}

/**
 * A program outside the repository imports `@pulumi/*` from its own folder, where they usually are
 * not installed; it must also share this process's `@pulumi/pulumi` for the mock runtime to apply.
 * Node's global folders (NODE_PATH) are searched after the program's own node_modules, so this
 * repository's packages are found unless the program brings its own (then run it from its folder).
 */
function useRepositoryPackages(): void {
  const modules = path.join(REPO_ROOT, "node_modules");
  process.env.NODE_PATH = [
    modules,
    ...(process.env.NODE_PATH ?? "").split(path.delimiter).filter(Boolean),
  ].join(path.delimiter);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- Node's documented way to reread NODE_PATH
  (require("module") as { Module: { _initPaths(): void } }).Module._initPaths();
}

if (require.main === module) runAsProcess(main);
