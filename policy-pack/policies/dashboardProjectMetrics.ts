import { defineResourcePolicy } from "../lib/define";
import { projectNamesOf } from "../lib/project";
import { stackIdentity } from "../lib/stackIdentity";
import { peek, UNKNOWN } from "../lib/values";
import {
  expressionProblem,
  logGroupProblem,
  namesProject,
  PATTERN_QUERY,
  querySources,
} from "../lib/metricScope";
import { T } from "../lib/types";

/**
 * A project's dashboard graphs the project's own metrics. Metric rows of a dashboard body
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html#CloudWatch-Dashboard-Properties-Metrics-Array-Format)
 * are `[namespace, metricName, dimName, dimValue, …, {options}]`; a row must pin at least one
 * dimension to a resource of the project (`project-<uuid>-…`), and `"..."`/`"."` rows repeat the row
 * before. `SEARCH(…)` and Metrics Insights `SELECT …` expressions match metrics by pattern, so they can
 * read every project's metrics (a partial `JobName="project-"` reaches them all): refused; metric math
 * over the rows' ids is allowed.
 */

function rowProblem(row: unknown[], prefix: string, previousOk: boolean): string | undefined {
  const options = row.find((x) => x !== null && typeof x === "object" && !Array.isArray(x)) as
    Record<string, unknown> | undefined;
  const expression = options?.expression;
  if (typeof expression === "string") return expressionProblem(expression);
  const strings = row.filter((x): x is string => typeof x === "string");
  if (strings[0] === "..." || strings[0] === ".")
    return previousOk ? undefined : "repeats a row that is not the project's";
  const dims = strings.slice(2);
  const values = dims.filter((_, i) => i % 2 === 1);
  if (!namesProject(values, prefix))
    return `graphs ${strings.slice(0, 2).join(" ")} without a dimension naming a resource of the project (${prefix}-…)`;
  return undefined;
}

const LOGS_FIX =
  "query only the project's Glue log groups (ProjectNames.logGroupPatterns) with SOURCE '<group>'";

export const dashboardProjectMetrics = defineResourcePolicy({
  name: "dashboard-project-metrics",
  description:
    "A project stack's dashboard graphs only its own metrics and logs: every metric row pins a dimension to a resource named project-<uuid>-…, every expression is metric math over the widget's own rows (an allowlist of functions, policy-pack/lib/metricScope.ts: no SEARCH(), Metrics Insights SELECT, INSIGHT_RULE_METRIC, SERVICE_QUOTA, LAMBDA or other function that reads outside the widget), and log widgets read only the project's own Glue log groups.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    'List each metric with its dimensions naming the project\'s resources (e.g. ["Glue", "glue.driver.aggregate.numFailedTasks", "JobName", "project-<uuid>-job-…", …]); use metric math over those rows instead of SEARCH.',
  types: [T.dashboard],
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return;
    const names = projectNamesOf(id.projectId);
    const prefix = names.prefix;
    const body = peek(() => ctx.props.dashboardBody);
    if (body === UNKNOWN || typeof body !== "string") {
      ctx.report(
        "dashboardBody is not a known string",
        "build the body from literal names (the naming module)",
      );
      return;
    }
    let parsed: { widgets?: unknown };
    try {
      parsed = JSON.parse(body) as { widgets?: unknown };
    } catch {
      ctx.report("dashboardBody is not JSON", "give the dashboard a JSON body");
      return;
    }
    const widgets = Array.isArray(parsed.widgets) ? (parsed.widgets as Record<string, unknown>[]) : [];
    widgets.forEach((w, i) => {
      const props = (w?.properties ?? {}) as Record<string, unknown>;
      if (typeof props.query === "string" && PATTERN_QUERY.test(props.query))
        ctx.report(`widgets[${i}] runs a pattern query`, "list the project's metrics explicitly");
      if (w?.type === "log" || typeof props.query === "string") {
        // A log widget reads the log groups its query's SOURCE clauses (or logGroupNames) name.
        const query = typeof props.query === "string" ? props.query : "";
        const listed = Array.isArray(props.logGroupNames) ? props.logGroupNames : [];
        const groups = [...querySources(query), ...listed.map(String)];
        if (groups.length === 0)
          ctx.report(`widgets[${i}] queries logs without naming its log groups`, LOGS_FIX);
        for (const g of groups) {
          const problem = logGroupProblem(g, names);
          if (problem) ctx.report(`widgets[${i}] ${problem}`, LOGS_FIX);
        }
      }
      const rows = Array.isArray(props.metrics) ? (props.metrics as unknown[]) : [];
      let previousOk = false;
      rows.forEach((row, j) => {
        const problem = Array.isArray(row) ? rowProblem(row, prefix, previousOk) : "is not a metric row";
        previousOk = problem === undefined;
        if (problem)
          ctx.report(`widgets[${i}].metrics[${j}] ${problem}`, "pin the row to the project's resources");
      });
    });
  },
});
