import { foreignArns } from "../lib/arnOwnership";
import { forEachDeepString } from "../lib/deepStrings";
import { defineResourcePolicy } from "../lib/define";
import { projectNamesOf } from "../lib/project";
import { stackIdentity } from "../lib/stackIdentity";
import { T } from "../lib/types";

/** Keys whose value names a Glue connection (a target's connectionName, a job's connections, a
 * streaming table's connectionName parameter). */
const CONNECTION_KEY = /^connection(name)?s?$/i;
/** Keys of a table's parameters that name where a streaming table's data comes from (Kinesis
 * streamARN/streamName/kinesisUrl, Kafka topicName/bootstrap servers,
 * https://docs.aws.amazon.com/glue/latest/dg/add-job-streaming.html). */
const SOURCE_KEY = /stream|topic|broker|bootstrap|url|endpoint/i;
/** An AWS service endpoint of a region (not a resource): `https://kinesis.eu-west-1.amazonaws.com`. */
const SERVICE_ENDPOINT = /^https:\/\/[a-z0-9-]+\.([a-z0-9-]+)\.amazonaws\.com\/?$/;
/** At most this many problems are reported per resource. */
const MAX_PER_RESOURCE = 6;

/**
 * Every reference a Glue resource of a project makes names the project's own resources, in every
 * field of that meaning rather than in a table of known fields: each ARN anywhere in its inputs
 * (job and trigger arguments, table parameters, crawler targets of every kind, view and connection
 * properties) must be the project's (lib/arnOwnership.ts, default-deny across services — Kinesis,
 * MSK, Lambda, SQS, SNS, IAM, Secrets Manager, Glue …); every value under a connection-name key must
 * be one of the project's NETWORK connections; a catalog table's parameters that name a streaming
 * source (stream, topic, brokers, URLs) must name the project's resources.
 */
export const glueReferencesOwnResources = defineResourcePolicy({
  name: "glue-references-own-resources",
  description:
    "Every ARN anywhere in a project's Glue resource (job and trigger arguments, table parameters, crawler targets of every kind, connection and view properties) names a resource of the project (its project-{uuid} name in the ARN's resource, or its folder of a lake bucket), whatever the service (Kinesis, MSK, Lambda, SQS, SNS, IAM, Secrets Manager, Glue …; KMS keys are judged by kms-customer-managed-keys); every connection name is one of the project's NETWORK connections; a table's stream, topic, broker and URL parameters name only the project's resources.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Name only the project's own resources (naming module: ProjectNames for the stack's projectId) and its NETWORK connection; read other teams' data through what the platform shares, never by naming their streams, queues, roles or secrets.",
  types: "all",
  validate(ctx) {
    if (!ctx.type.startsWith("aws:glue/")) return;
    const id = stackIdentity();
    if (id.kind !== "project") return;
    const names = projectNamesOf(id.projectId);
    const prefix = names.prefix;
    const problems: [string, string][] = [];
    forEachDeepString(ctx.props, (s) => {
      for (const arn of foreignArns(s.text, prefix))
        problems.push([
          `${s.path} names ${arn}, which is not a resource of project ${id.projectId}`,
          "name the project's own resource",
        ]);
      if (CONNECTION_KEY.test(s.key) && !names.isConnection(s.text))
        problems.push([
          `${s.path} names connection "${s.text}", which is not one of the project's NETWORK connections`,
          `use ${names.connection()}`,
        ]);
      if (
        ctx.type === T.catalogTable &&
        /(^|\.)parameters\./.test(s.path) &&
        SOURCE_KEY.test(s.key) &&
        !CONNECTION_KEY.test(s.key) &&
        !/arn:/i.test(s.text) && // ARNs are judged above, once
        !s.text.includes(prefix) &&
        SERVICE_ENDPOINT.exec(s.text)?.[1] === undefined
      )
        problems.push([
          `${s.path} "${s.text}" names a streaming source that is not the project's`,
          "read only the project's own streams and topics",
        ]);
    });
    const seen = new Set<string>();
    for (const [what, how] of problems) {
      if (seen.has(what) || seen.size >= MAX_PER_RESOURCE) continue;
      seen.add(what);
      ctx.report(what, how);
    }
  },
});
