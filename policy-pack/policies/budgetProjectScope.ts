import { defineResourcePolicy } from "../lib/define";
import { stackIdentity } from "../lib/stackIdentity";
import { peek, UNKNOWN } from "../lib/values";
import { projectNamesOf } from "../lib/project";
import { COST_ALLOCATION_TAG_KEYS } from "../../components/tags";
import { T } from "../lib/types";

/**
 * A project's budget watches the project's own spend, within what its spec grants. Without a
 * `TagKeyValue` cost filter on `user:Project$<project>` (https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-create-filters.html)
 * a budget reports the whole account's spend, every project's, to the project's subscribers; a limit
 * above the spec's `monthlyBudgetUsd` for the env silences the alerts the platform relies on.
 */
export const budgetProjectScope = defineResourcePolicy({
  name: "budget-project-scope",
  description:
    "A project stack's budget filters on exactly its own Project cost allocation tag (TagKeyValue user:Project$<project>) and its limit is at most the spec's monthlyBudgetUsd for the env.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    'Use the project\'s budget from components/project/operations.ts, or set costFilters [{ name: "TagKeyValue", values: ["user:Project$project-<uuid>"] }] and limitAmount ≤ the spec\'s monthlyBudgetUsd.',
  types: [T.budget],
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return;
    // The cost allocation tag is `Project` (components/tags.ts), value the project prefix.
    const own = `user:${COST_ALLOCATION_TAG_KEYS[0]}$${projectNamesOf(id.projectId).prefix}`;
    const filters = peek(() => ctx.props.costFilters);
    const list = Array.isArray(filters) ? (filters as Record<string, unknown>[]) : [];
    const tagFilters = list.filter((f) => peek(() => f.name) === "TagKeyValue");
    const values = tagFilters.flatMap((f) => {
      const v = peek(() => f.values);
      return Array.isArray(v) ? v.map((x) => peek(() => x)) : [v];
    });
    if (values.length === 0 || values.some((v) => v !== own))
      ctx.report(
        `does not filter on exactly its project's tag (${own}), so it reports spend beyond the project`,
        `set costFilters to [{ name: "TagKeyValue", values: ["${own}"] }]`,
      );
    const limit = peek(() => ctx.props.limitAmount);
    const cap = id.monthlyBudgetUsd;
    if (cap === undefined) {
      ctx.report(
        `cannot be checked: the spec ${id.spec} states no monthlyBudgetUsd for ${id.env}`,
        "give the spec a monthlyBudgetUsd",
      );
      return;
    }
    const amount = limit === UNKNOWN ? NaN : Number(limit);
    if (!Number.isFinite(amount) || amount > cap)
      ctx.report(
        `has limitAmount ${limit === UNKNOWN ? "unknown at preview" : JSON.stringify(limit)}, above the spec's monthlyBudgetUsd ${cap} for ${id.env}`,
        `set limitAmount to at most "${cap.toFixed(2)}"`,
      );
  },
});
