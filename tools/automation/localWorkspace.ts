/** The real PulumiWorkspace: a thin adapter over LocalWorkspace/Stack, type-checked against the API. */
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { CliMissingError, ConfigValues, PulumiWorkspace, StackHandle } from "./workspace";

export interface LocalWorkspaceSettings {
  /** Backend URL (PULUMI_BACKEND_URL), e.g. file:///state or s3://bucket. */
  readonly backendUrl?: string;
  readonly envVars?: Record<string, string>;
}

function handle(stack: Stack): StackHandle {
  return {
    name: stack.name,
    setAllConfig: (config: ConfigValues) => stack.setAllConfig(config),
    preview: (o) =>
      stack.preview({
        policyPacks: o.policyPacks,
        policyPackConfigs: o.policyPackConfigs,
        onEvent: o.onEvent,
        onOutput: o.onOutput,
        signal: o.signal,
      }),
    up: (o) =>
      stack.up({
        policyPacks: o.policyPacks,
        policyPackConfigs: o.policyPackConfigs,
        onEvent: o.onEvent,
        onOutput: o.onOutput,
        signal: o.signal,
      }),
    previewRefresh: (o) =>
      stack.previewRefresh({
        expectNoChanges: o.expectNoChanges,
        onEvent: o.onEvent,
        onOutput: o.onOutput,
        signal: o.signal,
      }),
  };
}

export function localWorkspace(settings: LocalWorkspaceSettings = {}): PulumiWorkspace {
  let command: PulumiCommand | undefined;
  const envVars = {
    ...(settings.envVars ?? {}),
    ...(settings.backendUrl ? { PULUMI_BACKEND_URL: settings.backendUrl } : {}),
  };
  const cli = async () => {
    if (!command) {
      try {
        command = await PulumiCommand.get();
      } catch (e) {
        const message = (e as Error).message;
        throw new CliMissingError(
          /ENOENT|code: -2/.test(message) ? "`pulumi` is not on PATH" : message.split("\n")[0],
        );
      }
    }
    return command;
  };
  return {
    async ensureCli() {
      const c = await cli();
      return { version: c.version?.toString() ?? "unknown" };
    },
    async createOrSelectStack({ stackName, workDir }) {
      return handle(
        await LocalWorkspace.createOrSelectStack(
          { stackName, workDir },
          { pulumiCommand: await cli(), envVars },
        ),
      );
    },
    async selectStack({ stackName, workDir }) {
      return handle(
        await LocalWorkspace.selectStack({ stackName, workDir }, { pulumiCommand: await cli(), envVars }),
      );
    },
  };
}
