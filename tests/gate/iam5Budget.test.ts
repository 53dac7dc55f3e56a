/** The wildcard budget: no repository stack has more cdk-nag AwsSolutions-IAM5 findings, per accepted
 * reason, than docs/decisions.md ("Wildcard budget") allows. Stacks come from the repository. */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import {
  budgetTotal,
  IAM5_BUDGET,
  iam5ByReason,
  overBudget,
  StackKind,
  UNEXPLAINED,
} from "../../tools/nag/iam5Budget";
import { ACCEPTED_WILDCARDS } from "../../tools/wildcards/accepted";
import { CapturedResource } from "../../tools/runner/runStack";
import { REPO_ROOT } from "../../tools/runner/discover";
import { repositoryStacks } from "../support/offline";

const DECISIONS = fs.readFileSync(path.join(REPO_ROOT, "docs", "decisions.md"), "utf8");

/** The project stack's identity policy named `…-<suffix>`, with `edit` applied to its document. */
function withPolicy(
  resources: CapturedResource[],
  suffix: string,
  edit: (doc: { Statement: Record<string, unknown>[] }) => void,
): CapturedResource[] {
  return resources.map((r) => {
    if (r.type !== "aws:iam/policy:Policy" || !String(r.inputs.name).endsWith(suffix)) return r;
    const doc = JSON.parse(String(r.inputs.policy)) as { Statement: Record<string, unknown>[] };
    edit(doc);
    return { ...r, inputs: { ...r.inputs, policy: JSON.stringify(doc) } };
  });
}

describe("wildcard budget (cdk-nag IAM5 findings per stack)", function () {
  this.timeout(300000);

  it("every repository stack is within the budget of its kind", async () => {
    const stacks = await repositoryStacks();
    assert.ok(stacks.some((s) => s.kind === "project") && stacks.some((s) => s.kind === "platform"));
    const over: string[] = [];
    for (const s of stacks) {
      assert.equal(s.error, undefined, s.name);
      const counts = iam5ByReason(s.name, s.resources);
      assert.ok(counts.size > 0, `${s.name}: no IAM5 finding at all: the peer run reads nothing`);
      over.push(...overBudget(s.kind as StackKind, counts).map((l) => `${s.name} (${s.kind}) ${l}`));
    }
    assert.deepEqual(
      over,
      [],
      "a stack grew a wildcard: scope the grant, or raise the budget with its reason",
    );
  });

  it("the budget is written up in docs/decisions.md and names accepted reasons only", () => {
    const ids = new Set(ACCEPTED_WILDCARDS.map((r) => r.id));
    for (const [kind, budget] of Object.entries(IAM5_BUDGET))
      for (const [reason, n] of Object.entries(budget)) {
        assert.ok(ids.has(reason), `${kind}: ${reason} is not an accepted reason`);
        assert.ok(
          DECISIONS.includes(`| ${kind} | \`${reason}\` | ${n} |`),
          `${kind} ${reason} ${n} not in decisions.md`,
        );
      }
    const rows = DECISIONS.match(/^\| (project|platform) \| `[^`]+` \| \d+ \|$/gm) ?? [];
    assert.equal(
      rows.length,
      Object.values(IAM5_BUDGET).reduce((a, b) => a + Object.keys(b).length, 0),
    );
  });

  it("fails a project stack that grants its jobs by name prefix again, or a wildcard of no reason", async () => {
    const s = (await repositoryStacks()).find((x) => x.kind === "project" && !x.error);
    assert.ok(s);
    const widened = withPolicy(s.resources, "-glue-job-runtime", (doc) => {
      const st = doc.Statement.find((x) => x.Sid === "ManageOwnJobRuns");
      assert.ok(st, "the job-runtime policy has no ManageOwnJobRuns statement");
      st.Resource = String([st.Resource].flat()[0]).replace(/job\/.*$/, "job/project-*");
    });
    const counts = iam5ByReason(s.name, widened);
    assert.ok((counts.get(UNEXPLAINED) ?? 0) >= 1, JSON.stringify([...counts]));
    assert.ok(overBudget("project", counts).some((l) => l.startsWith(UNEXPLAINED)));

    const logStreams = withPolicy(s.resources, "-glue-run-access", (doc) => {
      const st = doc.Statement.find((x) => x.Sid === "WriteProjectGlueLogs");
      assert.ok(st);
      const groups = [st.Resource].flat().map(String);
      st.Resource = [...groups, ...groups.filter((g) => g.endsWith("*")).map((g) => `${g}:log-stream:*`)];
    });
    const before = iam5ByReason(s.name, s.resources).get("service-created-log-groups") ?? 0;
    assert.ok((iam5ByReason(s.name, logStreams).get("service-created-log-groups") ?? 0) > before);
  });

  it("counts the total over budget even when every reason is within its own", () => {
    const counts = new Map(Object.entries(IAM5_BUDGET.project));
    assert.deepEqual(overBudget("project", counts), []);
    counts.set("prefix-scoped-s3-paths", (counts.get("prefix-scoped-s3-paths") ?? 0) + 1);
    assert.deepEqual(overBudget("project", counts), [
      `prefix-scoped-s3-paths: ${IAM5_BUDGET.project["prefix-scoped-s3-paths"] + 1} > ${IAM5_BUDGET.project["prefix-scoped-s3-paths"]}`,
      `total: ${budgetTotal("project") + 1} > ${budgetTotal("project")}`,
    ]);
  });
});
