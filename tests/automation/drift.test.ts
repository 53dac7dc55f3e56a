/** Drift detection over every stack: bounded concurrency, failing and hanging stacks isolated, drift
 * reported per resource, and the CLI's exit codes. */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { detectDrift, driftExitCode, driftMarkdown, mapBounded } from "../../tools/automation/drift";
import { main as driftMain } from "../../tools/drift";
import { discoverStacks, REPO_ROOT } from "../../tools/runner/discover";
import { FakeWorkspace, quiet, resOutputs } from "../support/fakeWorkspace";

describe("drift detection orchestration", () => {
  const targets = ["dev", "a-dev", "b-dev", "c-dev", "d-dev", "e-dev"].map((s) => ({
    stack: s,
    workDir: "/w",
    project: s === "dev" ? "glue-platform" : "glue-project",
  }));

  it("never exceeds the concurrency, isolates failing and hanging stacks, and reports drift per resource", async () => {
    const ws = new FakeWorkspace({
      refresh: (s) => {
        if (s === "a-dev")
          return {
            events: [
              resOutputs("urn:pulumi:a-dev::p::aws:glue/job:Job::etl", "aws:glue/job:Job", "update", {
                connections: {},
                numberOfWorkers: {},
              }),
              resOutputs("urn:pulumi:a-dev::p::aws:s3/bucket:Bucket::b", "aws:s3/bucket:Bucket", "same"),
            ],
            error: new Error("error: no changes were expected but changes were proposed"),
          };
        if (s === "b-dev")
          return {
            events: [
              resOutputs(
                "urn:pulumi:b-dev::p::aws:glue/crawler:Crawler::raw",
                "aws:glue/crawler:Crawler",
                "delete",
              ),
            ],
          };
        if (s === "c-dev")
          return { events: [], error: new Error("error: failed to decrypt: passphrase must be set") };
        if (s === "d-dev") return { events: [], hang: true };
        return {
          events: [resOutputs(`urn:pulumi:${s}::p::aws:s3/bucket:Bucket::x`, "aws:s3/bucket:Bucket", "same")],
        };
      },
    });
    const results = await detectDrift(ws, targets, { concurrency: 2, timeoutMs: 300 });
    assert.ok(ws.maxInFlight <= 2 && ws.maxInFlight >= 1, `max in flight ${ws.maxInFlight}`);
    const by = Object.fromEntries(results.map((r) => [r.stack, r]));
    assert.equal(by.dev.status, "clean");
    assert.equal(by["e-dev"].status, "clean", "stacks after a hanging one still run");
    assert.equal(by["a-dev"].status, "drifted");
    assert.deepEqual(by["a-dev"].resources, [
      {
        urn: "urn:pulumi:a-dev::p::aws:glue/job:Job::etl",
        type: "aws:glue/job:Job",
        kind: "drifted",
        properties: ["connections", "numberOfWorkers"],
      },
    ]);
    assert.equal(by["a-dev"].unchanged, 1);
    assert.deepEqual([by["b-dev"].status, by["b-dev"].resources[0].kind], ["drifted", "deleted"]);
    assert.deepEqual(
      [by["c-dev"].status, by["c-dev"].error],
      ["failed", "error: failed to decrypt: passphrase must be set"],
    );
    assert.deepEqual([by["d-dev"].status, by["d-dev"].error], ["failed", "timed out after 0.3 s"]);
    assert.ok(
      ws.calls
        .filter((c) => c.op === "previewRefresh")
        .every((c) => (c.arg as { expectNoChanges: boolean }).expectNoChanges),
    );
    assert.equal(driftExitCode(results), 2);
    assert.equal(driftExitCode(results.filter((r) => r.status !== "failed")), 1);
    assert.equal(driftExitCode(results.filter((r) => r.status === "clean")), 0);
    assert.match(
      driftMarkdown(results, "dev"),
      /\| a-dev \| glue-project \| drifted \| 1 \| 0 \| 1 \|[\s\S]*\| `etl` \| aws:glue\/job:Job \| drifted \| connections, numberOfWorkers \|/,
    );
  });

  it("bounded mapping keeps order and the limit", async () => {
    let live = 0;
    let peak = 0;
    const out = await mapBounded([5, 1, 4, 2, 3], 3, async (n) => {
      live++;
      peak = Math.max(peak, live);
      await new Promise((r) => setTimeout(r, n * 5));
      live--;
      return n * 10;
    });
    assert.deepEqual(out, [50, 10, 40, 20, 30]);
    assert.equal(peak, 3);
  });

  it("the CLI enumerates the env's stacks, validates flags and fails fast without the Pulumi CLI", async () => {
    const lines: string[] = [];
    assert.equal(
      await driftMain(["--env", "dev", "--concurrency", "0"], new FakeWorkspace(), (l) => lines.push(l)),
      2,
    );
    assert.equal(
      await driftMain(["--env", "dev", "--stacks", "nope-dev"], new FakeWorkspace(), (l) => lines.push(l)),
      2,
    );
    assert.match(
      lines.join("\n"),
      /--concurrency must be a whole number from 1 to 32[\s\S]*unknown stack\(s\) for dev: nope-dev/,
    );
    const ws = new FakeWorkspace();
    const devStacks = discoverStacks(REPO_ROOT)
      .filter((t) => t.env === "dev")
      .map((t) => t.stack)
      .sort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-"));
    assert.equal(
      await driftMain(
        ["--env", "dev", "--json", path.join(dir, "d.json"), "--markdown", path.join(dir, "d.md")],
        ws,
        quiet,
      ),
      0,
    );
    assert.deepEqual(
      ws.calls
        .filter((c) => c.op === "selectStack")
        .map((c) => c.stack)
        .sort(),
      devStacks,
    );
    assert.ok(devStacks.includes("dev") && devStacks.length > 1, devStacks.join(", "));
    assert.equal(
      (JSON.parse(fs.readFileSync(path.join(dir, "d.json"), "utf8")) as { stacks: unknown[] }).stacks.length,
      devStacks.length,
    );
    const noCli: string[] = [];
    assert.equal(
      await driftMain(["--env", "prod"], new FakeWorkspace({ cli: false }), (l) => noCli.push(l)),
      2,
    );
    assert.match(noCli.join("\n"), /the Pulumi CLI is required/);
  });
});
