import { defineResourcePolicy } from "../lib/define";
import { REQUIRED_TAG_KEYS } from "../../components/tags";
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
  "aws:ec2/subnet:Subnet",
  "aws:ec2/routeTable:RouteTable",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:glue/dataQualityRuleset:DataQualityRuleset",
  "aws:sns/topic:Topic",
  "aws:sqs/queue:Queue",
  "aws:dynamodb/table:Table",
  "aws:cloudwatch/eventRule:EventRule",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:budgets/budget:Budget",
  "aws:cloudtrail/trail:Trail",
];

export const requiredTags = defineResourcePolicy<{ requiredTags: string[] }>({
  name: "required-tags",
  description:
    "Taggable resources carry Project, Service, Owner, CostCenter, Environment and ManagedBy (cost allocation, ownership).",
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
  },
});
