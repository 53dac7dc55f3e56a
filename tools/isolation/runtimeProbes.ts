/**
 * Probes of the job runtime's own grants (runtime/glue_runtime: run metrics, dead-letter queue,
 * notifications, audit records): each reaches only the project's own namespace, queue, topic and
 * table. PutMetricData has no resource type, so only its `cloudwatch:namespace` condition scopes it
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/iam-cw-condition-keys-namespace.html):
 * another namespace must be denied. Expected results come from RUNTIME_EXPECTED_ACCESS only.
 */
import { RUNTIME_METRICS_NAMESPACE_ROOT, runtimeMetricsNamespace } from "../../components/naming";
import type { ProjectAccess } from "./model";
import type { AddProbe, ExpectedAccess } from "./probes";

export const RUNTIME_EXPECTED_ACCESS: ExpectedAccess = {
  "metrics-runtime": {
    own: ["job"],
    foreign: [],
    what: `cloudwatch:PutMetricData in the project's runtime namespace ${RUNTIME_METRICS_NAMESPACE_ROOT}/project-{uuid}`,
  },
  "metrics-other-project": {
    own: [],
    foreign: [],
    what: "cloudwatch:PutMetricData in another project's runtime namespace (forging its run metrics)",
  },
  "metrics-glue": {
    own: ["job", "crawler"],
    foreign: [],
    what: "cloudwatch:PutMetricData in Glue's own namespace (Glue)",
  },
  "metrics-other-namespace": {
    own: [],
    foreign: [],
    what: "cloudwatch:PutMetricData in any other namespace (AWS/…, custom)",
  },
  "sqs-send-other-queue": {
    own: [],
    foreign: [],
    what: "sqs:SendMessage to a queue other than the project's dead-letter queue (same project prefix)",
  },
  "sns-publish-other-topic": {
    own: [],
    foreign: [],
    what: "sns:Publish to a topic other than the project's (same project prefix)",
  },
  "ddb-put-other-table": {
    own: [],
    foreign: [],
    what: "dynamodb:PutItem in a table other than the project's job-state table (same project prefix)",
  },
};

/** Adds the runtime probes of principal `p` against target project `t`. */
export function addRuntimeProbes(
  add: AddProbe,
  p: ProjectAccess,
  t: ProjectAccess,
  arn: (svc: string, res: string, global?: boolean) => string,
): void {
  // PutMetricData is not per project (Resource "*"): probed once per principal.
  if (t === p) {
    const put = [{ action: "cloudwatch:PutMetricData", resource: "*" }];
    const own = runtimeMetricsNamespace(p.names.prefix);
    add("metrics-runtime", put, { "cloudwatch:namespace": own });
    add("metrics-glue", put, { "cloudwatch:namespace": "Glue" });
    const root = RUNTIME_METRICS_NAMESPACE_ROOT;
    for (const ns of ["AWS/Glue", "GluePlatform/Other", root, `${own}/x`, "Custom"])
      add("metrics-other-namespace", put, { "cloudwatch:namespace": ns }, ` (${ns})`);
    add("metrics-other-namespace", put, {}, " (no namespace)");
  } else {
    const theirs = runtimeMetricsNamespace(t.names.prefix);
    add("metrics-other-project", [{ action: "cloudwatch:PutMetricData", resource: "*" }], {
      "cloudwatch:namespace": theirs,
    });
  }
  const other = (kind: string) => `${t.names.prefix}-glue-${kind}-other`;
  add("sqs-send-other-queue", [{ action: "sqs:SendMessage", resource: arn("sqs", other("dlq")) }]);
  add("sns-publish-other-topic", [{ action: "sns:Publish", resource: arn("sns", other("notifications")) }]);
  add("ddb-put-other-table", [
    { action: "dynamodb:PutItem", resource: arn("dynamodb", `table/${other("job-state")}`) },
  ]);
}
