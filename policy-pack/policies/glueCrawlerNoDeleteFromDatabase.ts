import { defineResourcePolicy } from "../lib/define";
import { obj, str } from "../lib/values";
import { T } from "../lib/types";

export const glueCrawlerNoDeleteFromDatabase = defineResourcePolicy({
  name: "glue-crawler-no-delete-from-database",
  description: "Crawlers never delete catalog tables when data disappears; deletions are logged.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps: "Set schemaChangePolicy.deleteBehavior to LOG (or DEPRECATE_IN_DATABASE).",
  types: [T.crawler],
  validate(ctx) {
    const behavior = str(obj(ctx.props.schemaChangePolicy).deleteBehavior);
    if (behavior === "DELETE_FROM_DATABASE")
      ctx.report(
        "deletes tables from the catalog when their data disappears",
        "set schemaChangePolicy.deleteBehavior: LOG",
      );
  },
});
