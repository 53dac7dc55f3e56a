/** `npm run drift -- …`: refresh-based drift detection (tools/automation/drift.ts). Needs the Pulumi CLI. */
import * as fs from "fs";
import { parseFlags, runAsProcess } from "./cliArgs";
import { ENVIRONMENTS } from "../components/naming";
import { detectDrift, driftExitCode, driftMarkdown, driftText, DriftTarget } from "./automation/drift";
import { localWorkspace } from "./automation/localWorkspace";
import { CliMissingError, PulumiWorkspace } from "./automation/workspace";
import { discoverStacks, REPO_ROOT } from "./runner/discover";

export const DRIFT_USAGE = `usage: npm run drift -- [--env dev|prod] [--stacks a,b] [--concurrency N] [--timeout <s>]
                        [--json <file>] [--markdown <file>] [--backend <url>]
exit codes: 0 no drift, 1 drift found, 2 a stack could not be checked (or usage error)`;

export function driftTargets(env: string, stacks?: string[], root = REPO_ROOT): DriftTarget[] {
  const all = discoverStacks(root).filter((t) => t.env === env);
  const unknown = (stacks ?? []).filter((s) => !all.some((t) => t.stack === s));
  if (unknown.length > 0)
    throw new Error(
      `unknown stack(s) for ${env}: ${unknown.join(", ")} (known: ${all.map((t) => t.stack).join(", ")})`,
    );
  return all
    .filter((t) => !stacks || stacks.includes(t.stack))
    .map((t) => ({ stack: t.stack, workDir: t.project.dir, project: t.project.name }));
}

export async function main(
  argv: string[],
  workspace?: PulumiWorkspace,
  log: (l: string) => void = console.log,
): Promise<number> {
  let values;
  try {
    values = parseFlags(argv, {
      env: { type: "string" },
      stacks: { type: "string" },
      concurrency: { type: "string" },
      timeout: { type: "string" },
      json: { type: "string" },
      markdown: { type: "string" },
      backend: { type: "string" },
      help: { type: "boolean" },
    });
  } catch (e) {
    log(`error: ${(e as Error).message}\n${DRIFT_USAGE}`);
    return 2;
  }
  if (values.help) {
    log(DRIFT_USAGE);
    return 0;
  }
  const env = values.env ?? "dev";
  const concurrency = Number(values.concurrency ?? 4);
  const timeout = Number(values.timeout ?? 900);
  const problems: string[] = [];
  if (!ENVIRONMENTS.includes(env as never)) problems.push(`--env must be one of ${ENVIRONMENTS.join(", ")}`);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
    problems.push("--concurrency must be a whole number from 1 to 32");
  if (!Number.isFinite(timeout) || timeout <= 0)
    problems.push("--timeout must be a positive number of seconds");
  let targets: DriftTarget[] = [];
  if (problems.length === 0) {
    try {
      targets = driftTargets(
        env,
        values.stacks
          ?.split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      );
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  if (problems.length > 0) {
    log(`error: ${problems.join("\nerror: ")}\n${DRIFT_USAGE}`);
    return 2;
  }
  let results;
  try {
    results = await detectDrift(workspace ?? localWorkspace({ backendUrl: values.backend }), targets, {
      concurrency,
      timeoutMs: timeout * 1000,
      log,
    });
  } catch (e) {
    if (e instanceof CliMissingError) {
      // Drift has no offline mode: name what works without the CLI instead of a flag it rejects.
      const hint = "npm run check (offline gate), npm run audit (read-only live audit, no CLI)";
      log(`error: ${new CliMissingError(e.detail, hint).message}`);
      return 2;
    }
    throw e;
  }
  log(driftText(results));
  if (values.json) fs.writeFileSync(values.json, JSON.stringify({ env, stacks: results }, null, 2));
  if (values.markdown) fs.writeFileSync(values.markdown, driftMarkdown(results, env));
  return driftExitCode(results);
}

if (require.main === module) runAsProcess(main);
