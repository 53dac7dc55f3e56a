/** `npm run onboard -- …`: see tools/automation/onboard.ts for what it does and its exit codes. */
import { runAsProcess } from "./cliArgs";
import { localWorkspace } from "./automation/localWorkspace";
import {
  EXIT,
  onboard,
  ONBOARD_USAGE,
  OnboardInputError,
  OnboardResult,
  parseOnboardArgs,
} from "./automation/onboard";
import { REPO_ROOT } from "./runner/discover";

export async function main(
  argv: string[],
  log: (line: string) => void = console.log,
  repoRoot = REPO_ROOT,
): Promise<number> {
  const json = argv.includes("--json");
  if (argv.includes("--help") || argv.includes("-h")) {
    log(ONBOARD_USAGE);
    return EXIT.ok;
  }
  let args;
  try {
    args = parseOnboardArgs(argv);
  } catch (e) {
    if (!(e instanceof OnboardInputError)) throw e;
    if (json) log(JSON.stringify({ exitCode: EXIT.invalid, problems: e.problems, written: [] }, null, 2));
    else log(`error: ${e.message}\n${ONBOARD_USAGE}`);
    return EXIT.invalid;
  }
  let result: OnboardResult;
  try {
    result = await onboard(args, {
      repoRoot,
      workspace: () => localWorkspace({ backendUrl: args.backend }),
      log: json ? () => undefined : log,
    });
  } catch (e) {
    // Never a bare stack trace: an unexpected failure is still reported in the format asked for.
    const problem = `unexpected failure: ${(e as Error).message.split("\n")[0]}`;
    if (json) log(JSON.stringify({ exitCode: EXIT.failed, problems: [problem], written: [] }, null, 2));
    else log(`error: ${problem}`);
    return EXIT.failed;
  }
  if (json) {
    const { plan, ...rest } = result;
    log(
      JSON.stringify(
        {
          ...rest,
          plan: plan && {
            slug: plan.slug,
            projectId: plan.projectId,
            stack: plan.stack,
            files: [plan.spec, plan.scripts, plan.stackConfig]
              .filter((c) => c.action !== "keep" || c.text)
              .map((c) => ({ file: c.file, action: c.action, notes: c.notes })),
            config: plan.config,
          },
        },
        null,
        2,
      ),
    );
  } else {
    for (const p of result.problems) log(`error: ${p}`);
  }
  return result.exitCode;
}

if (require.main === module) runAsProcess(main, EXIT.failed);
