import { defineResourcePolicy } from "../lib/define";
import { notOwnResource } from "../lib/exactNames";
import { stackIdentity } from "../lib/stackIdentity";
import { T } from "../lib/types";
import { peek, UNKNOWN } from "../lib/values";

/**
 * Default-deny on the widgets of a project's dashboard: only the kinds the pack judges
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html).
 * - `metric` and `log` widgets: their metrics, expressions and log groups are judged by
 *   dashboard-project-metrics; `text` shows markdown only.
 * - `alarm` widgets (`properties.alarms`) and a metric widget's alarm annotation
 *   (`properties.annotations.alarms`) show alarms: each must be an alarm ARN of the project
 *   (`arn:aws:cloudwatch:<region>:<account>:alarm:project-<uuid>-…`, parsed whole).
 * - Refused: `custom` (its content is produced by a Lambda function, run with the viewer's session),
 *   `explorer` (every resource carrying a tag, of any project), and any kind AWS adds later.
 */
const KINDS = new Set(["metric", "text", "log", "alarm"]);

export const dashboardWidgetKinds = defineResourcePolicy({
  name: "dashboard-widget-kinds",
  description:
    "A project stack's dashboard has only widget kinds the pack judges: metric, log (judged by dashboard-project-metrics), text, and alarm widgets whose alarms (like a metric widget's annotations.alarms) are each an alarm ARN of the project; custom widgets (a Lambda function renders them), explorer widgets (every resource with a tag, of any project) and any other kind are refused.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Use metric, log, text or alarm widgets; list the project's own alarms by ARN (arn:aws:cloudwatch:<region>:<account>:alarm:project-<uuid>-…).",
  types: [T.dashboard],
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return;
    const prefix = `project-${id.projectId}`;
    const body = peek(() => ctx.props.dashboardBody);
    if (body === UNKNOWN || typeof body !== "string") return; // refused by dashboard-project-metrics
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return; // refused by dashboard-project-metrics
    }
    const widgets = (parsed as { widgets?: unknown })?.widgets;
    if (!Array.isArray(widgets)) return;
    widgets.forEach((w: unknown, i) => {
      const widget = (w ?? {}) as { type?: unknown; properties?: Record<string, unknown> };
      if (typeof widget.type !== "string" || !KINDS.has(widget.type)) {
        ctx.report(
          `widgets[${i}] is of kind ${JSON.stringify(widget.type)}, which the platform does not judge`,
          "use metric, log, text or alarm widgets",
        );
        return;
      }
      const props = widget.properties ?? {};
      const annotations = (props.annotations ?? {}) as Record<string, unknown>;
      const alarms = [
        ...(widget.type === "alarm" ? [props.alarms] : []),
        ...("alarms" in annotations ? [annotations.alarms] : []),
      ];
      for (const list of alarms) {
        const arns: unknown[] = Array.isArray(list) ? list : [list];
        if (arns.length === 0)
          ctx.report(`widgets[${i}] lists no alarms`, "list the project's alarms by ARN");
        for (const arn of arns) {
          const problem =
            typeof arn === "string" && arn.startsWith("arn:") && arn.split(":")[2] === "cloudwatch"
              ? notOwnResource(arn, prefix)
              : `${JSON.stringify(arn)} is not a CloudWatch alarm ARN`;
          if (problem)
            ctx.report(`widgets[${i}] shows the alarm ${problem}`, "show only the project's own alarms");
        }
      }
    });
  },
});
