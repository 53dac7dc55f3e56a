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
  /** `pulumi refresh --preview-only --expect-no-changes` (pulumi-notes §0.14). */
  previewRefresh(opts: RunOptions & { expectNoChanges: boolean }): Promise<{ changeSummary: OpMap }>;
}

export interface PulumiWorkspace {
  /** Resolves the CLI or rejects with a CliMissingError. */
  ensureCli(): Promise<{ version: string }>;
  createOrSelectStack(args: { stackName: string; workDir: string }): Promise<StackHandle>;
  selectStack(args: { stackName: string; workDir: string }): Promise<StackHandle>;
}

export class CliMissingError extends Error {
  constructor(detail: string) {
    super(
      `the Pulumi CLI is required for this step but was not found (${detail}). Install it (https://www.pulumi.com/docs/iac/download-install/), ` +
        `log in to a backend (pulumi login --local, or pass --backend), then rerun. Steps that need no CLI: --dry-run, npm run check.`,
    );
  }
}

const NO_CHANGES_EXPECTED = /no changes were expected (for \S+ )?but changes were proposed/i;
/** The CLI's exit code for a failed --expect-no-changes (pkg/cmd/pulumi/cmd/exit_codes.go ExitNoChanges). */
const EXIT_NO_CHANGES = 7;

/**
 * An engine "no changes were expected" failure: the refresh found drift (exit 7, older CLIs 255 with
 * the message). Judged on the CLI's exit code and output only: the Automation API's error message
 * also holds the command line, which names --expect-no-changes on every failure (a rejected
 * credential included), so matching the whole message would report every failure as drift.
 */
export function isExpectedChangesError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const result = (e as { commandResult?: { code?: number; stdout?: string; stderr?: string } }).commandResult;
  if (result) {
    return (
      result.code === EXIT_NO_CHANGES ||
      NO_CHANGES_EXPECTED.test(`${result.stderr ?? ""}\n${result.stdout ?? ""}`)
    );
  }
  return NO_CHANGES_EXPECTED.test(e.message);
}

/**
 * What to report for a failed CLI run: the CLI's own `error:` text (with its continuation lines),
 * not the first line of the Automation API's wrapper, which is only `code: <n>`. Other errors
 * (a timeout) keep their first line.
 */
export function cliFailure(e: unknown, maxLength = 600): string {
  const result = (e as { commandResult?: { stdout?: string; stderr?: string } } | undefined)?.commandResult;
  const text = `${result?.stderr ?? ""}\n${result?.stdout ?? ""}`;
  const m = /^\s*error: (.+(?:\n(?![ \t]*(?:\n|$))[^\n]*)*)/m.exec(text);
  const message = m ? m[1].replace(/\s+/g, " ").trim() : String((e as Error)?.message ?? e).split("\n")[0];
  return message.length > maxLength ? `${message.slice(0, maxLength - 1)}…` : message;
}
