/**
 * The real Pulumi CLI in a sandbox: a copy of the repository (so `stack init` and onboarding write
 * into the copy, never the checkout), a local file backend (https://www.pulumi.com/docs/iac/concepts/state-and-backends/#local-filesystem),
 * a private PULUMI_HOME, a passphrase secrets provider, and the `aws` provider double first on PATH.
 * The CLI folder comes from e2e/engine/build.sh (run.sh exports it as GLUE_E2E_ENGINE_BIN).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LIVE_FILE_ENV } from "../provider/live";
import { TRACE_ENV } from "../provider/server";

export const REPO = path.resolve(__dirname, "..", "..");
const COPY_SKIP = new Set(["node_modules", ".git", "build", "reports", ".pulumi"]);

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Sandbox {
  /** The repository copy the CLI runs in. */
  readonly repo: string;
  readonly backendUrl: string;
  /** File the provider double reads out-of-band changes from (see e2e/provider/live.ts). */
  readonly liveFile: string;
  /** File the provider double appends the name of every RPC the engine makes to. */
  readonly traceFile: string;
  readonly env: NodeJS.ProcessEnv;
  pulumi(args: string[], cwd: string, extraEnv?: NodeJS.ProcessEnv): RunResult;
  run(cmd: string, args: string[], cwd: string, extraEnv?: NodeJS.ProcessEnv): RunResult;
  dispose(): void;
}

export function engineBin(): string {
  const bin = process.env.GLUE_E2E_ENGINE_BIN;
  if (!bin || !fs.existsSync(path.join(bin, "pulumi"))) {
    throw new Error(
      "GLUE_E2E_ENGINE_BIN does not name a folder with the built `pulumi`: run the e2e tests through `npm run e2e`",
    );
  }
  return bin;
}

/** Copies the repository (without node_modules/.git/build) and links node_modules back. */
function copyRepo(dest: string): void {
  fs.cpSync(REPO, dest, {
    recursive: true,
    filter: (src) => !COPY_SKIP.has(path.basename(src)) || path.dirname(src) !== REPO,
  });
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dest, "node_modules"), "dir");
}

export function createSandbox(): Sandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "glue-e2e-"));
  const repo = path.join(root, "repo");
  const state = path.join(root, "state");
  const home = path.join(root, "pulumi-home");
  fs.mkdirSync(state);
  fs.mkdirSync(home);
  copyRepo(repo);
  const backendUrl = `file://${state}`;
  const liveFile = path.join(root, "aws-live.json");
  const traceFile = path.join(root, "aws-rpc.log");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [engineBin(), path.join(REPO, "e2e", "bin"), process.env.PATH].join(path.delimiter),
    PULUMI_HOME: home,
    PULUMI_BACKEND_URL: backendUrl,
    PULUMI_CONFIG_PASSPHRASE: "glue-e2e-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    // Plugins come from PATH only: nothing may be downloaded (https://www.pulumi.com/docs/iac/cli/environment-variables/).
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // `--event-log` exists only with PULUMI_DEBUG_COMMANDS set (pkg/cmd/pulumi/operations/preview.go),
    // as the Automation API sets it.
    PULUMI_DEBUG_COMMANDS: "true",
    [LIVE_FILE_ENV]: liveFile,
    [TRACE_ENV]: traceFile,
  };
  const run = (cmd: string, args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): RunResult => {
    const r = spawnSync(cmd, args, {
      cwd,
      env: { ...env, ...extraEnv },
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      timeout: 15 * 60 * 1000,
    });
    if (r.error) throw r.error;
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  return {
    repo,
    backendUrl,
    liveFile,
    traceFile,
    env,
    run,
    pulumi: (args, cwd, extraEnv) =>
      run("pulumi", [...args, "--non-interactive", "--color", "never"], cwd, extraEnv),
    dispose: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** Fails with the command's output when it did not exit as expected. */
export function expectExit(r: RunResult, code: number, what: string): RunResult {
  if (r.code !== code) {
    const tail = (s: string) => s.split("\n").slice(-60).join("\n");
    throw new Error(
      `${what}: exit ${r.code}, expected ${code}\n--- stdout\n${tail(r.stdout)}\n--- stderr\n${tail(r.stderr)}`,
    );
  }
  return r;
}
