import { defineResourcePolicy } from "../lib/define";
import { REQUIRED_TAG_KEYS, projectTags } from "../../components/tags";
import { stackIdentity } from "../lib/stackIdentity";
import { tagsOf } from "../lib/values";
import { limitSchema } from "../lib/config";
import { T } from "../lib/types";

/** Resource types this platform creates that take tags. */
const TAGGABLE_TYPES = [
  T.bucket,
  T.role,
  T.policy,
  T.kmsKey,
  T.vpc,
  T.vpcEndpoint,
  T.securityGroup,
  T.flowLog,
  T.job,
  T.crawler,
  T.connection,
  T.catalogDatabase,
  T.trigger,
  T.workflow,
  T.subnet,
  T.routeTable,
  T.logGroup,
  T.dataQualityRuleset,
  T.topic,
  T.queue,
  T.dynamoTable,
  T.eventRule,
  T.metricAlarm,
  T.budget,
  T.trail,
];

export const requiredTags = defineResourcePolicy<{ requiredTags: string[] }>({
  name: "required-tags",
  description:
    "Taggable resources carry Project, Service, Owner, CostCenter, Environment and ManagedBy (cost allocation, ownership); in a project stack each has exactly the value components/tags.ts projectTags gives for the stack's own spec and env (Project = project-<projectId>, Owner/CostCenter from the spec, Environment = the stack's env), judged on tagsAll so provider defaultTags count: budgets and cost reports group by these exact strings, and tag values are case- and whitespace-sensitive.",
  severity: "medium",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Pass the tags from components/tags (projectTags/platformTags), or set them as provider defaultTags.",
  config: { requiredTags: [...REQUIRED_TAG_KEYS] },
  configSchema: limitSchema({
    requiredTags: {
      type: "array",
      items: { type: "string" },
      default: [...REQUIRED_TAG_KEYS],
      description: "tag keys every taggable resource needs",
    },
  }),
  types: TAGGABLE_TYPES,
  validate(ctx) {
    const tags = tagsOf(ctx.props);
    const missing = ctx.config.requiredTags.filter((k) => typeof tags[k] !== "string" || tags[k] === "");
    if (missing.length > 0) ctx.report(`is missing tags ${missing.join(", ")}`, `add ${missing.join(", ")}`);
    const id = stackIdentity();
    if (id.kind !== "project") return;
    // The values the platform gives a project's resources (one source: components/tags.ts). AWS
    // tag values are case-sensitive strings, so "PROJECT-…" or a trailing space is another cost
    // allocation group, invisible to the project's budget filter (docs/aws-facts.md).
    const expected: Record<string, string> = projectTags({
      projectId: id.projectId,
      owner: id.owner,
      costCenter: id.costCenter,
      env: id.env,
    });
    const wrong = ctx.config.requiredTags.filter(
      (k) => k in expected && !missing.includes(k) && tags[k] !== expected[k],
    );
    if (wrong.length > 0)
      ctx.report(
        `has tag values that are not its project's: ${wrong.map((k) => `${k}=${JSON.stringify(tags[k])}`).join(", ")}`,
        `set ${wrong.map((k) => `${k}=${JSON.stringify(expected[k])}`).join(", ")} (components/tags.ts projectTags), on the resource or the provider's defaultTags`,
      );
  },
});
