/**
 * Drift must tell "the refresh found changes" from "the refresh could not run". The errors here are
 * produced by the real Automation API code path (PulumiCommand running a stand-in `pulumi` binary),
 * so the message carries the whole command line, `--expect-no-changes` included, as it does live.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { detectDrift, driftExitCode } from "../../tools/automation/drift";
import {
  CliMissingError,
  failureReason,
  isExpectedChangesError,
  PulumiWorkspace,
  StackHandle,
} from "../../tools/automation/workspace";
import { main as driftMain } from "../../tools/drift";

/** Runs `pulumi refresh --preview-only --expect-no-changes` against a stand-in CLI; returns its error. */
async function refreshFailure(exitCode: number, stderr: string): Promise<Error> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "fake-pulumi-"));
  fs.mkdirSync(path.join(root, "bin"));
  const bin = path.join(root, "bin", "pulumi");
  fs.writeFileSync(
    bin,
    `#!/bin/sh\nif [ "$1" = version ]; then echo v3.270.0; exit 0; fi\ncat >&2 <<'EOF'\n${stderr}\nEOF\nexit ${exitCode}\n`,
  );
  fs.chmodSync(bin, 0o755);
  const cmd = await PulumiCommand.get({ root, skipVersionCheck: true });
  // `run` is the SDK's internal entry point for every CLI call (not in its public typings).
  const run = (cmd as unknown as { run(args: string[], cwd: string, env: object): Promise<unknown> }).run;
  try {
    await run.call(cmd, ["refresh", "--preview-only", "--expect-no-changes", "--stack", "x-dev"], root, {});
  } catch (e) {
    return e as Error;
  }
  throw new Error("the stand-in CLI did not fail");
}

function workspaceFailingWith(error: Error): PulumiWorkspace {
  const stack: StackHandle = {
    name: "x-dev",
    setAllConfig: () => Promise.resolve(),
    preview: () => Promise.reject(new Error("unused")),
    up: () => Promise.reject(new Error("unused")),
    previewRefresh: () => Promise.reject(error),
  };
  return {
    ensureCli: () => Promise.resolve({ version: "3.270.0" }),
    createOrSelectStack: () => Promise.resolve(stack),
    selectStack: () => Promise.resolve(stack),
  };
}

describe("drift: failures are not drift", () => {
  it("the SDK's error embeds --expect-no-changes, so the flag alone proves nothing", async () => {
    const e = await refreshFailure(255, "error: failed to load plugin aws: no such file");
    assert.match(e.message, /--expect-no-changes/);
    assert.equal(isExpectedChangesError(e), false);
  });

  it("exit code 7 with the 3.226+ message is drift; credential, plugin and permission errors are failures", async () => {
    const cases: [number, string, "drifted" | "failed"][] = [
      [7, "error: no changes were expected for refresh but changes were proposed", "drifted"],
      [255, "error: no changes were expected but changes were proposed", "drifted"],
      [255, "error: failed to load plugin aws: no such file", "failed"],
      [3, "error: getting credentials: InvalidClientTokenId: The security token is invalid", "failed"],
      [255, "error: AccessDenied: not authorized to perform: glue:GetJob", "failed"],
      [6, "error: no stack named 'x-dev' found", "failed"],
    ];
    for (const [code, stderr, expected] of cases) {
      const error = await refreshFailure(code, stderr);
      const [r] = await detectDrift(
        workspaceFailingWith(error),
        [{ stack: "x-dev", workDir: "/w", project: "p" }],
        {
          concurrency: 1,
          timeoutMs: 10_000,
        },
      );
      assert.equal(r.status, expected, `${code}: ${stderr}`);
      assert.equal(driftExitCode([r]), expected === "drifted" ? 1 : 2);
      if (expected === "failed") {
        assert.equal(r.error, `${stderr} (exit code ${code})`, "the reason is the CLI's own error line");
        assert.equal(failureReason(error), r.error);
      }
    }
  });

  it("without a CLI, drift names what works offline, not a flag it rejects", async () => {
    const lines: string[] = [];
    const noCli: PulumiWorkspace = {
      ensureCli: () => Promise.reject(new CliMissingError("`pulumi` is not on PATH")),
      createOrSelectStack: () => Promise.reject(new Error("unused")),
      selectStack: () => Promise.reject(new Error("unused")),
    };
    assert.equal(await driftMain(["--env", "dev"], noCli, (l) => lines.push(l)), 2);
    const text = lines.join("\n");
    assert.match(text, /the Pulumi CLI is required/);
    assert.doesNotMatch(text, /--dry-run/);
    assert.equal(await driftMain(["--env", "dev", "--dry-run"], noCli, () => undefined), 2);
  });
});
