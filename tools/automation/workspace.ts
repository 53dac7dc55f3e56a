/**
 * The narrow interface the onboarding and drift tools need from Pulumi's Automation API. The real
 * implementation (localWorkspace.ts) is a thin adapter over `@pulumi/pulumi/automation`; tests inject
 * doubles, because the Pulumi CLI that the Automation API drives cannot be installed everywhere.
 */
import type { EngineEvent, OpMap, OutputMap } from "@pulumi/pulumi/automation";

export type { EngineEvent, OpMap, OutputMap };

export interface ConfigValues {
  [key: string]: { value: string; secret?: boolean };
}

export interface PolicyOptions {
  /** Policy pack directories (`--policy-pack`). */
  readonly policyPacks: string[];
  /** One config file per pack (`--policy-pack-config`). */
  readonly policyPackConfigs: string[];
}

export interface RunOptions {
  readonly onEvent?: (event: EngineEvent) => void;
  readonly onOutput?: (line: string) => void;
  readonly signal?: AbortSignal;
}

export interface StackHandle {
  readonly name: string;
  setAllConfig(config: ConfigValues): Promise<void>;
  preview(opts: RunOptions & PolicyOptions): Promise<{ changeSummary: OpMap }>;
  up(
    opts: RunOptions & PolicyOptions,
  ): Promise<{ outputs: OutputMap; summary: { result: string; resourceChanges?: OpMap } }>;
  /** `pulumi refresh --preview-only --expect-no-changes` (https://www.pulumi.com/docs/iac/cli/commands/pulumi_refresh/). */
  previewRefresh(opts: RunOptions & { expectNoChanges: boolean }): Promise<{ changeSummary: OpMap }>;
}

export interface PulumiWorkspace {
  /** Resolves the CLI or rejects with a CliMissingError. */
  ensureCli(): Promise<{ version: string }>;
  createOrSelectStack(args: { stackName: string; workDir: string }): Promise<StackHandle>;
  selectStack(args: { stackName: string; workDir: string }): Promise<StackHandle>;
}

export class CliMissingError extends Error {
  /** `alternatives` names what works without the CLI for the tool that needed it. */
  constructor(
    readonly detail: string,
    alternatives = "--dry-run, npm run check",
  ) {
    super(
      `the Pulumi CLI is required for this step but was not found (${detail}). Install it (https://www.pulumi.com/docs/iac/download-install/), ` +
        `log in to a backend (pulumi login --local, or pass --backend), then rerun. Steps that need no CLI: ${alternatives}.`,
    );
  }
}

/** The CLI's exit code for "changes were proposed" under --expect-no-changes (docs/pulumi-facts.md). */
export const EXIT_NO_CHANGES = 7;
const EXPECTED_CHANGES = /no changes were expected (?:for \w+ )?but changes were proposed/i;

/**
 * The CLI's exit code and its own output from an Automation API failure. The SDK's CommandError
 * message is `code: …\n stdout: …\n stderr: …\n err?: …`; when the CLI exits non-zero, execa's
 * text in `stderr` starts with "Command failed with exit code N: <the whole command line>", so the
 * command line (which contains `--expect-no-changes`) is dropped before the output is read.
 */
export function cliFailure(e: unknown): { exitCode?: number; output: string } {
  const message = e instanceof Error ? e.message : String(e);
  const code = /Command failed with exit code (\d+)/.exec(message)?.[1] ?? /^code: (\d+)/.exec(message)?.[1];
  const body = message.split(/\n\s*err\?:/)[0];
  const output = body
    .split("\n")
    .filter((l) => !/Command failed with exit code|^code: /.test(l))
    .join("\n");
  return { exitCode: code === undefined ? undefined : Number(code), output };
}

/**
 * An expect-no-changes refresh that found drift: exit code 7 (CLI ≥ 3.226), or, from older CLIs
 * (exit 255), the engine's own "no changes were expected … but changes were proposed" line in the
 * CLI's output. Any other failure (credentials, plugins, permissions, a missing stack) is not drift.
 */
export function isExpectedChangesError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const { exitCode, output } = cliFailure(e);
  if (exitCode === EXIT_NO_CHANGES) return true;
  return EXPECTED_CHANGES.test(output);
}

/** A one-line reason for a failed CLI run: the CLI's first error line, not the SDK's wrapper text. */
export function failureReason(e: unknown): string {
  const { exitCode, output } = cliFailure(e);
  const lines = output
    .split("\n")
    .map((l) => l.replace(/^\s*(stdout|stderr):\s*/, "").trim())
    .filter(Boolean);
  const line =
    lines.find((l) => /^error\b/i.test(l)) ?? lines.find((l) => /error/i.test(l)) ?? lines[0] ?? "failed";
  const short = line.length > 300 ? `${line.slice(0, 297)}...` : line;
  return exitCode !== undefined && exitCode !== 0 && !/^timed out/.test(short)
    ? `${short} (exit code ${exitCode})`
    : short;
}
