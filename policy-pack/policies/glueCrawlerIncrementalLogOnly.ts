import { defineResourcePolicy } from "../lib/define";
import { obj, str } from "../lib/values";
import { T } from "../lib/types";

/** AWS rejects an incremental crawler whose SchemaChangePolicy is not LOG/LOG, and incremental crawls
 * apply only to S3 targets (docs/aws-facts.md "Crawlers"). Pulumi's defaults are
 * UPDATE_IN_DATABASE/DEPRECATE_IN_DATABASE, so an absent policy fails too. */
export const glueCrawlerIncrementalLogOnly = defineResourcePolicy({
  name: "glue-crawler-incremental-log-only",
  description:
    "A crawler that crawls new folders only logs schema updates and deletions (AWS rejects anything else) and has only S3 targets.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "With recrawlPolicy.recrawlBehavior CRAWL_NEW_FOLDERS_ONLY set schemaChangePolicy {updateBehavior: LOG, deleteBehavior: LOG} and use only s3Targets.",
  types: [T.crawler],
  validate(ctx) {
    if (str(obj(ctx.props.recrawlPolicy).recrawlBehavior) !== "CRAWL_NEW_FOLDERS_ONLY") return;
    const policy = obj(ctx.props.schemaChangePolicy);
    const update = str(policy.updateBehavior) ?? "UPDATE_IN_DATABASE (the default)";
    const del = str(policy.deleteBehavior) ?? "DEPRECATE_IN_DATABASE (the default)";
    if (update !== "LOG" || del !== "LOG")
      ctx.report(
        `crawls new folders only but has updateBehavior ${update} and deleteBehavior ${del}; AWS fails the create with InvalidInputException`,
        "set schemaChangePolicy: { updateBehavior: LOG, deleteBehavior: LOG }",
      );
    const other = [
      "jdbcTargets",
      "dynamodbTargets",
      "catalogTargets",
      "mongodbTargets",
      "deltaTargets",
      "icebergTargets",
      "hudiTargets",
    ].filter((k) => Array.isArray(ctx.props[k]) && (ctx.props[k] as unknown[]).length > 0);
    if (other.length > 0)
      ctx.report(
        `crawls new folders only but has ${other.join(", ")}; incremental crawls apply only to Amazon S3 targets`,
        "use CRAWL_EVERYTHING or only s3Targets",
      );
  },
});
