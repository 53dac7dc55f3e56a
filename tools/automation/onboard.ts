/**
 * `npm run onboard`: onboards a data team's project into an environment. Validates every input first
 * (all problems at once, nothing written on failure), writes or converges `projects/<slug>/project.yaml`
 * and the stack config file, creates or selects the stack `<slug>-<env>` and sets its config, and
 * optionally previews or deploys it with the policy pack. `--dry-run` needs no Pulumi CLI.
 *
 * This module drives the Pulumi Automation API; the flags are parsed in onboardArgs.ts, the files
 * planned in onboardPlan.ts, the spec scaffolded and converged in components/spec/scaffold.ts.
 *
 * Exit codes: 0 done; 1 preview/deploy failed or a mandatory policy was violated; 2 invalid input
 * (nothing written); 3 the Pulumi CLI or backend is unavailable (nothing written).
 */
import * as path from "path";
import { FileTransaction } from "./onboardFiles";
import { OnboardArgs, OnboardInputError } from "./onboardArgs";
import { OnboardPlan, planOnboard } from "./onboardPlan";
import { EventCollector } from "./events";
import { ensurePackBuilt } from "./pack";
import { CliMissingError, PulumiWorkspace, StackHandle } from "./workspace";

export { ONBOARD_USAGE, OnboardInputError, parseOnboardArgs } from "./onboardArgs";
export type { OnboardArgs } from "./onboardArgs";
export { planOnboard } from "./onboardPlan";
export type { FileChange, OnboardPlan } from "./onboardPlan";

export const EXIT = { ok: 0, failed: 1, invalid: 2, unavailable: 3 } as const;

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
