import { strict as assert } from "assert";
import * as path from "path";
import { budgetTagState } from "../../components/project/operationsPlan";
import { COST_ALLOCATION_TAG_KEYS } from "../../components/tags";
import { DEFAULT_ACCOUNT } from "../../tools/runner/mocks";
import { REPO_ROOT } from "../../tools/runner/discover";
import { runStack } from "../../tools/runner/runStack";
import { ofType, repositoryStacks } from "../support/offline";

describe("budgets and cost allocation tags", () => {
  it("the management-account stack activates every cost allocation tag key the budgets use", async () => {
    const run = await runStack({
      program: path.join(REPO_ROOT, "billing", "index.ts"),
      project: "glue-billing",
      stack: "management",
      config: { "aws:region": "us-east-1" },
      preview: true,
      account: DEFAULT_ACCOUNT,
      stackOutputs: () => undefined,
    });
    assert.equal(run.error, undefined);
    const tags = ofType(run, "aws:costexplorer/costAllocationTag:CostAllocationTag").map((r) => r.inputs);
    assert.deepEqual(tags.map((t) => t.tagKey).sort(), [...COST_ALLOCATION_TAG_KEYS].sort());
    for (const t of tags) assert.equal(t.status, "Active");
    assert.ok(COST_ALLOCATION_TAG_KEYS.includes("Project"));
  });

  it("every project budget filters on user:Project and says whether the tag is active", async () => {
    const stacks = (await repositoryStacks()).filter((s) => s.project === "glue-project" && !s.error);
    assert.ok(stacks.length > 0);
    for (const s of stacks) {
      const ref = ofType(s, "pulumi:pulumi:StackReference")[0];
      const active = (ref.outputs as { outputs: { costAllocationTagsActive: boolean } }).outputs
        .costAllocationTagsActive;
      for (const b of ofType(s, "aws:budgets/budget:Budget").map((r) => r.inputs)) {
        const filters = b.costFilters as { name: string; values: string[] }[];
        assert.match(filters[0].values[0], /^user:Project\$project-/);
        assert.equal((b.tags as Record<string, string>).CostAllocationTag, budgetTagState(active));
      }
    }
    assert.match(budgetTagState(false), /^inactive/);
    // AWS tag values allow only letters, digits, spaces and _.:/=+-@.
    assert.match(budgetTagState(false), /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u);
  });
});
