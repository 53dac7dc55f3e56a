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

/** Metric math functions that only combine the request's own metrics (default-deny; the list of
 * "Metric math syntax and functions", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html).
 * Functions that read anything else are left out on purpose: SEARCH and Metrics Insights SELECT
 * (every metric matching a pattern), INSIGHT_RULE_METRIC (a Contributor Insights rule of the account),
 * SERVICE_QUOTA (the account's quotas), LAMBDA (a Lambda data source), DB_PERF_INSIGHTS (RDS), and
 * any function AWS adds later. */
const MATH_FUNCTIONS = new Set([
  "ABS",
  "ANOMALY_DETECTION_BAND",
  "AVG",
  "CEIL",
  "DATAPOINT_COUNT",
  "DIFF",
  "DIFF_TIME",
  "FILL",
  "FIRST",
  "LAST",
  "FLOOR",
  "IF",
  "LOG",
  "LOG10",
  "MAX",
  "METRIC_COUNT",
  "METRICS",
  "MIN",
  "MINUTE",
  "HOUR",
  "DAY",
  "DATE",
  "MONTH",
  "YEAR",
  "EPOCH",
  "PERIOD",
  "RATE",
  "REMOVE_EMPTY",
  "RUNNING_SUM",
  "SLICE",
  "SORT",
  "STDDEV",
  "SUM",
  "TIME_SERIES",
]);
/** Bare words of metric math: FILL's REPEAT/LINEAR, SORT's function and order, logical operators. */
const MATH_WORDS = new Set(["REPEAT", "LINEAR", "ASC", "DESC", "AND", "OR", "AVG", "MIN", "MAX", "SUM"]);
const TOKEN =
  /\s+|(?<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(?<word>[A-Za-z_][A-Za-z0-9_]*)|(?<str>"[^"]*"|\u201c[^\u201d]*\u201d)|(?<op>==|!=|<=|>=|&&|\|\||[-+*/^<>(),[\]])/y;

/** Why a metric math expression may read more than the request's own metrics, or undefined. Only
 * numbers, operators, ids of the request's queries (they start with a lowercase letter), the
 * allowlisted functions (uppercase, as AWS requires) and their bare words pass; a string only as
 * METRICS' id filter. */
export function expressionProblem(expression: string): string | undefined {
  const quoted = JSON.stringify(expression.slice(0, 80));
  if (PATTERN_QUERY.test(expression))
    return `uses the pattern query ${quoted}, which can match every project's metrics`;
  const tokens: { kind: string; text: string }[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(expression);
    if (!m)
      return `has ${JSON.stringify(expression.slice(at, at + 10))} in ${quoted}, which is not metric math`;
    const g = m.groups ?? {};
    const kind = Object.keys(g).find((k) => g[k] !== undefined);
    if (kind) tokens.push({ kind, text: m[0] });
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as { kind: string; text: string };
    const next = tokens[i + 1]?.text;
    if (t.kind === "word" && next === "(") {
      if (!MATH_FUNCTIONS.has(t.text))
        return `calls ${t.text}() in ${quoted}: only metric math functions over the request's own metrics are allowed`;
    } else if (t.kind === "word") {
      if (!/^[a-z]/.test(t.text) && !MATH_WORDS.has(t.text))
        return `names ${t.text} in ${quoted}, which is neither a query id nor a metric math word`;
    } else if (t.kind === "str" && !(tokens[i - 1]?.text === "(" && tokens[i - 2]?.text === "METRICS"))
      return `has the string ${t.text} in ${quoted}: strings are allowed only as METRICS' id filter`;
  }
  return undefined;
}

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
