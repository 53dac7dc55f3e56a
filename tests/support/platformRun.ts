import { REPO_ROOT } from "../../tools/runner/discover";
import { DEFAULT_ACCOUNT } from "../../tools/runner/mocks";
import { readProjectFile, readStackConfig } from "../../tools/runner/stackFiles";

/** Run options of the repository's platform program as one of its stacks (Pulumi.<stack>.yaml). */
export function platformRun(stack: string) {
  const project = readProjectFile(REPO_ROOT);
  const c = readStackConfig(project, stack);
  return {
    program: project.main,
    project: project.name,
    stack,
    config: c.config,
    account: DEFAULT_ACCOUNT,
    stackOutputs: () => undefined,
  };
}
