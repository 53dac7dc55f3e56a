/**
 * What a project's own metrics and logs are, for dashboards and alarms: a metric is the project's when
 * a dimension names a resource of the project (`project-<uuid>-…`); `SEARCH(…)` and Metrics Insights
 * `SELECT …` match metrics by pattern, so they can read every project's metrics
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/query_with_cloudwatch-metrics-insights.html);
 * a Logs Insights query reads the log groups named by its `SOURCE` clauses
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html#CloudWatch-Dashboard-Properties-Log-Widget-Object),
 * which must be the project's own Glue log groups (ProjectIdNames.logGroupPatterns).
 */
import { ProjectIdNames } from "../../components/naming";

export const PATTERN_QUERY = /\bSEARCH\s*\(|\bSELECT\b/i;

/** Does any dimension value name a resource of the project? */
export function namesProject(dimensionValues: readonly unknown[], prefix: string): boolean {
  return dimensionValues.some((v) => typeof v === "string" && v.startsWith(`${prefix}-`));
}

function globMatch(pattern: string, text: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return re.test(text);
}

/** Log groups a Logs Insights query reads (`SOURCE 'name'` / `SOURCE "name"`), or undefined when it
 * names none (the widget's own list then decides). */
export function querySources(query: string): string[] {
  return [...query.matchAll(/\bSOURCE\s+(['"])(.*?)\1/gi)].map((m) => m[2]);
}

/** Why a log group is not one of the project's, or undefined. */
export function logGroupProblem(group: string, names: ProjectIdNames): string | undefined {
  return names.logGroupPatterns().some((p) => globMatch(p, group))
    ? undefined
    : `reads log group ${JSON.stringify(group)}, which is not one of the project's Glue log groups`;
}
