import { defineResourcePolicy } from "../lib/define";
import { stackIdentity } from "../lib/stackIdentity";
import { peek, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

/** Cost types that, when excluded, hide real spend from the budget (credits, refunds and discounts
 * lower the spend, so excluding them only makes the budget stricter). */
const SPEND_COST_TYPES = [
  "includeOtherSubscription",
  "includeRecurring",
  "includeSubscription",
  "includeSupport",
  "includeTax",
  "includeUpfront",
];

/** Budget fields that replace or narrow what `limitAmount` + the project's tag filter mean. */
const OVERRIDING_FIELDS: Record<string, string> = {
  plannedLimits: "planned limits replace limitAmount period by period",
  autoAdjustData: "an auto-adjusting limit follows past spend instead of the spec's budget",
  filterExpression: "a filter expression narrows the spend the budget counts",
  billingViewArn: "a billing view changes whose spend the budget counts",
  metrics: "cost metrics other than the default change what the limit is compared with",
};

const present = (v: unknown): boolean =>
  v === UNKNOWN || (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0));

/** `YYYY-MM-DD_HH:MM` (the provider's format) → epoch ms, or NaN. */
/** The end AWS gives a budget created without one (API_budgets_TimePeriod.html). */
const AWS_DEFAULT_BUDGET_END = Date.parse("2087-06-15T00:00:00Z");

function budgetTime(v: unknown): number {
  if (typeof v !== "string") return NaN;
  const m = /^(\d{4}-\d{2}-\d{2})_(\d{2}:\d{2})$/.exec(v);
  return m ? Date.parse(`${m[1]}T${m[2]}:00Z`) : NaN;
}

/**
 * A project's budget is the monthly USD cost alarm the spec's `monthlyBudgetUsd` promises
 * (https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html):
 * budgetType COST, limitUnit USD, timeUnit MONTHLY, no field that overrides or narrows the limit or the
 * tag filter, every notification at most the limit, a period already running and never ending (AWS deletes a budget at its end date), and no spend cost type
 * excluded. Any other shape stays silent while the project overspends (a DAILY budget of the monthly
 * amount, planned limits of 90 000, an alert at 10 000 %, a region filter, a start in 2099).
 */
export const budgetMonthlyCostShape = defineResourcePolicy({
  name: "budget-monthly-cost-shape",
  description:
    "A project stack's budget is a MONTHLY COST budget in USD counting all of the project's spend: no plannedLimits, autoAdjustData, filterExpression, billingViewArn or metrics, no cost filter other than the project's TagKeyValue, no spend cost type excluded, notifications at most 100 % (PERCENTAGE) or the limit (ABSOLUTE_VALUE) with GREATER_THAN, and a time period that has started and not ended.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    'Use the project\'s budget from components/project/operations.ts: budgetType "COST", limitUnit "USD", timeUnit "MONTHLY", only the project\'s TagKeyValue cost filter, notifications at ≤ 100 %.',
  types: [T.budget],
  validate(ctx) {
    if (stackIdentity().kind !== "project") return;
    const p = ctx.props;
    const pins: [string, string][] = [
      ["budgetType", "COST"],
      ["limitUnit", "USD"],
      ["timeUnit", "MONTHLY"],
    ];
    for (const [field, want] of pins) {
      const got = peek(() => p[field]);
      if (got !== want)
        ctx.report(
          `has ${field} ${got === UNKNOWN ? "unknown at preview" : JSON.stringify(got)}, not ${want}`,
          `set ${field}: "${want}"`,
        );
    }
    for (const [field, why] of Object.entries(OVERRIDING_FIELDS))
      if (present(peek(() => p[field]))) ctx.report(`sets ${field}: ${why}`, `remove ${field}`);
    const filters = peek(() => p.costFilters);
    const list = Array.isArray(filters) ? filters : [];
    const others = list
      .map((f) => peek(() => (f as Record<string, unknown>).name))
      .filter((n) => n !== "TagKeyValue");
    if (filters === UNKNOWN || others.length > 0)
      ctx.report(
        `has cost filters besides the project's tag filter (${others.map((n) => String(n)).join(", ") || "unknown at preview"}), so part of the project's spend is not counted`,
        "keep only the TagKeyValue filter on the project's Project tag",
      );
    const costTypes = peek(() => p.costTypes);
    if (costTypes === UNKNOWN)
      ctx.report("has costTypes unknown at preview", "set costTypes literally or leave it out");
    else if (costTypes && typeof costTypes === "object") {
      const excluded = SPEND_COST_TYPES.filter(
        (k) => peek(() => (costTypes as Record<string, unknown>)[k]) === false,
      );
      if (excluded.length > 0)
        ctx.report(
          `excludes spend from the budget (${excluded.join(", ")} false)`,
          `remove ${excluded.join(", ")}`,
        );
    }
    const limit = Number(peek(() => p.limitAmount));
    const notes = peek(() => p.notifications);
    const notifications = Array.isArray(notes) ? (notes as Record<string, unknown>[]) : [];
    if (notes === UNKNOWN || notifications.length === 0)
      ctx.report(
        "has no notifications known at preview, so nobody hears of overspend",
        "add a notification at ≤ 100 %",
      );
    notifications.forEach((n, i) => {
      const threshold = Number(peek(() => n.threshold));
      const type = peek(() => n.thresholdType) ?? "PERCENTAGE";
      const op = peek(() => n.comparisonOperator);
      const bound = type === "PERCENTAGE" ? 100 : type === "ABSOLUTE_VALUE" ? limit : NaN;
      if (!(threshold >= 0 && threshold <= bound) || op !== "GREATER_THAN")
        ctx.report(
          `notification ${i} fires at ${JSON.stringify(peek(() => n.threshold))} ${String(type)} (${String(op)}), not GREATER_THAN at most the limit`,
          "use comparisonOperator GREATER_THAN with a threshold ≤ 100 PERCENTAGE (or ≤ limitAmount ABSOLUTE_VALUE)",
        );
    });
    const now = Date.now();
    const start = peek(() => p.timePeriodStart);
    if (start === UNKNOWN || (start !== undefined && !(budgetTime(start) <= now)))
      ctx.report(
        `starts at ${start === UNKNOWN ? "a time unknown at preview" : JSON.stringify(start)}, not yet running, so it counts nothing until then`,
        "leave timePeriodStart out (the budget starts with the current month)",
      );
    // After its end date AWS deletes the budget with its notifications; left out, the end is
    // 2087-06-15 00:00 UTC (https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_TimePeriod.html).
    const end = peek(() => p.timePeriodEnd);
    if (end === UNKNOWN || (end !== undefined && !(budgetTime(end) >= AWS_DEFAULT_BUDGET_END)))
      ctx.report(
        `ends at ${end === UNKNOWN ? "a time unknown at preview" : JSON.stringify(end)}: AWS deletes the budget and its alerts at its end date`,
        "leave timePeriodEnd out (AWS then keeps the budget until 2087-06-15)",
      );
  },
});
