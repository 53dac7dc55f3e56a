/** `npm run onboard -- …`: see tools/automation/onboard.ts for what it does and its exit codes. */
import { runAsProcess } from "./cliArgs";
import { localWorkspace } from "./automation/localWorkspace";
import { EXIT, onboard, ONBOARD_USAGE, OnboardInputError, parseOnboardArgs } from "./automation/onboard";
import { REPO_ROOT } from "./runner/discover";

export async function main(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  let args;
  try {
    args = parseOnboardArgs(argv);
  } catch (e) {
    if (!(e instanceof OnboardInputError)) throw e;
    const json = argv.includes("--json");
    if (json) log(JSON.stringify({ exitCode: EXIT.invalid, problems: e.problems }, null, 2));
    else log(`error: ${e.message}\n${ONBOARD_USAGE}`);
    return EXIT.invalid;
  }
  const quiet = args.json;
  const result = await onboard(args, {
    repoRoot: REPO_ROOT,
    workspace: () => localWorkspace({ backendUrl: args.backend }),
    log: quiet ? () => undefined : log,
  });
  if (args.json) {
    const { plan, ...rest } = result;
    log(
      JSON.stringify(
        {
          ...rest,
          plan: plan && {
            slug: plan.slug,
            projectId: plan.projectId,
            stack: plan.stack,
            spec: { file: plan.spec.file, action: plan.spec.action },
            stackConfig: { file: plan.stackConfig.file, action: plan.stackConfig.action },
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
