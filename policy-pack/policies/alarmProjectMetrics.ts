import { defineResourcePolicy } from "../lib/define";
import { namesProject, PATTERN_QUERY } from "../lib/metricScope";
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
    "A project stack's alarms watch only its own metrics: the metric, or every metric of its metric queries, has a dimension naming a resource project-<uuid>-…, and no query is a SEARCH() or Metrics Insights SELECT expression.",
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
      if (typeof expression === "string" && PATTERN_QUERY.test(expression))
        ctx.report(
          `metricQueries[${i}] uses the pattern query ${JSON.stringify(expression.slice(0, 80))}, which can match every project's metrics`,
          "list the project's metrics and use metric math over them",
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
