import { defineResourcePolicy } from "../lib/define";
import { stringMap } from "../lib/values";
import { jobView } from "../lib/jobHelpers";
import { T } from "../lib/types";

export const glueJobBookmarksOnBatch = defineResourcePolicy({
  name: "glue-job-bookmarks-on-batch",
  description: "Batch Spark jobs keep job bookmarks on for incremental processing (seed 003).",
  severity: "low",
  enforcementLevel: "advisory",
  remediationSteps:
    'Set "--job-bookmark-option": "job-bookmark-enable" in defaultArguments (bookmarks: true in the spec).',
  types: [T.job],
  validate(ctx) {
    if (jobView(ctx.props).command !== "glueetl") return;
    const option = {
      ...stringMap(ctx.props.defaultArguments),
      ...stringMap(ctx.props.nonOverridableArguments),
    }["--job-bookmark-option"];
    if (option !== "job-bookmark-enable")
      ctx.report(
        `has job bookmarks ${option ?? "unset (disabled)"}`,
        'set "--job-bookmark-option": "job-bookmark-enable"',
      );
  },
});
