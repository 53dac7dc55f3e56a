import { strict as assert } from "assert";
import { isExpectedChangesError } from "../../tools/automation/workspace";
import { EngineUrns } from "../../tools/runner/monitorRequests";

/** The shape of the Automation API's CommandError: message = code, stdout, stderr and the command line. */
function commandError(code: number, stderr: string): Error {
  const cmd = "pulumi refresh --preview-only --expect-no-changes --stack dev --non-interactive";
  const e = new Error(
    `code: ${code}\n stdout: \n stderr: ${stderr}\n err?: Error: Command failed with exit code ${code}: ${cmd}\n`,
  );
  return Object.assign(e, { commandResult: { code, stdout: "", stderr } });
}

describe("drift: what counts as an expected-changes failure of the engine", () => {
  it("exit 7 (ExitNoChanges) or the engine's message is drift", () => {
    assert.equal(isExpectedChangesError(commandError(7, "")), true);
    assert.equal(
      isExpectedChangesError(
        commandError(255, "error: no changes were expected for refresh but changes were proposed"),
      ),
      true,
    );
    assert.equal(
      isExpectedChangesError(new Error("error: no changes were expected but changes were proposed")),
      true,
    );
  });

  it("any other failure is not drift, although the command line names --expect-no-changes", () => {
    assert.equal(
      isExpectedChangesError(commandError(255, "error: unable to validate AWS credentials")),
      false,
    );
    assert.equal(isExpectedChangesError(commandError(1, "")), false);
    assert.equal(isExpectedChangesError("no changes were expected but changes were proposed"), false);
  });
});

describe("runner URNs: the engine's, not the mock monitor's", () => {
  it("leaves the root stack's type out and qualifies children with the whole parent chain", () => {
    const urns = new EngineUrns();
    const root = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
    assert.equal(urns.register(root, "", "pulumi:pulumi:Stack", "p-dev"), root);
    const top = urns.register(
      "urn:pulumi:dev::p::pulumi:pulumi:Stack$aws:s3/bucket:Bucket::b",
      root,
      "aws:s3/bucket:Bucket",
      "b",
    );
    assert.equal(top, "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b");
    const a = urns.register("urn:pulumi:dev::p::pulumi:pulumi:Stack$x:A::a", root, "x:A", "a");
    const b = urns.register(
      "urn:pulumi:dev::p::x:A$x:B::b",
      "urn:pulumi:dev::p::pulumi:pulumi:Stack$x:A::a",
      "x:B",
      "b",
    );
    assert.equal(a, "urn:pulumi:dev::p::x:A::a");
    assert.equal(b, "urn:pulumi:dev::p::x:A$x:B::b");
    const c = urns.register(
      "urn:pulumi:dev::p::x:B$aws:kms/key:Key::k",
      "urn:pulumi:dev::p::x:A$x:B::b",
      "aws:kms/key:Key",
      "k",
    );
    assert.equal(c, "urn:pulumi:dev::p::x:A$x:B$aws:kms/key:Key::k");
    assert.equal(urns.of("urn:pulumi:dev::p::x:B$aws:kms/key:Key::k"), c);
  });
});
