import { defineResourcePolicy } from "../lib/define";
import { expressionProblem, namesProject } from "../lib/metricScope";
import { projectNamesOf } from "../lib/project";
import { stackIdentity } from "../lib/stackIdentity";
import { T } from "../lib/types";
import { list, obj, peek, UNKNOWN } from "../lib/values";

/**
 * A project's alarms watch the project's own metrics, as its dashboards do (lib/metricScope.ts): the
 * alarm's metric (namespace, metricName, dimensions) or each metric of its metric-math queries names a
 * resource of the project by a dimension, and no query is a SEARCH or Metrics Insights SELECT, which
 * match every project's metrics by pattern
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataQuery.html).
 */
export const alarmProjectMetrics = defineResourcePolicy({
  name: "alarm-project-metrics",
  description:
    "A project stack's alarms watch only its own metrics: the metric, or every metric of its metric queries, has a dimension naming a resource project-<uuid>-…, and every expression is metric math over the alarm's own queries — an allowlist of functions (ABS, AVG, FILL, IF, METRICS, RATE, SUM, …; policy-pack/lib/metricScope.ts); SEARCH(), Metrics Insights SELECT, INSIGHT_RULE_METRIC, SERVICE_QUOTA, LAMBDA and any other function that reads outside the alarm are refused.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    'Alarm on the project\'s resources by dimension (e.g. namespace "Glue", dimensions { JobName: "project-<uuid>-job-…" }); use metric math over such metrics instead of SEARCH/SELECT.',
  types: [T.metricAlarm],
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return;
    const prefix = projectNamesOf(id.projectId).prefix;
    const dimensionValues = (dims: unknown): unknown[] =>
      dims === UNKNOWN ? [UNKNOWN] : Object.values(obj(dims)).map((v) => v);
    const queries = list(peek(() => ctx.props.metricQueries));
    if (queries.length === 0) {
      const values = dimensionValues(peek(() => ctx.props.dimensions));
      if (values.includes(UNKNOWN)) return; // made from the stack's own resources: judged at pulumi up
      if (!namesProject(values, prefix))
        ctx.report(
          `watches ${String(peek(() => ctx.props.namespace))} ${String(peek(() => ctx.props.metricName))} without a dimension naming a resource of the project (${prefix}-…)`,
          "alarm on the project's own resources by dimension",
        );
      return;
    }
    queries.forEach((q, i) => {
      const query = obj(q);
      const expression = peek(() => query.expression);
      const problem = typeof expression === "string" ? expressionProblem(expression) : undefined;
      if (expression === UNKNOWN)
        ctx.report(
          `metricQueries[${i}].expression is unknown at preview, so what it reads cannot be judged`,
          "write the expression literally",
        );
      else if (problem)
        ctx.report(
          `metricQueries[${i}] ${problem}`,
          "list the project's metrics and combine them with metric math functions (docs/policies.md)",
        );
      if (!("metric" in query)) return;
      const metric = obj(peek(() => query.metric));
      const values = dimensionValues(peek(() => metric.dimensions));
      if (!values.includes(UNKNOWN) && !namesProject(values, prefix))
        ctx.report(
          `metricQueries[${i}] reads ${String(metric.namespace)} ${String(metric.metricName)} without a dimension naming a resource of the project (${prefix}-…)`,
          "alarm on the project's own resources by dimension",
        );
    });
  },
});
