import { defineResourcePolicy } from "../lib/define";
import { ownProjectId } from "../lib/project";
import { str } from "../lib/values";
import { T } from "../lib/types";

/** Jobs and crawlers use their own project's security configuration (KMS for S3, logs, bookmarks). */
export const glueUsesProjectSecurityConfiguration = defineResourcePolicy({
  name: "glue-uses-project-security-configuration",
  description: "Jobs and crawlers use their own project's Glue security configuration.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: "Set securityConfiguration to project-{uuid}-glue-secconf-v<n> of the same project.",
  types: [T.job, T.crawler],
  validate(ctx) {
    const owner = ownProjectId(str(ctx.props.name));
    const sc = str(ctx.props.securityConfiguration);
    if (sc === undefined)
      return ctx.report(
        "has no security configuration, so logs, bookmarks and S3 output are not KMS-encrypted",
        "set securityConfiguration to the project's",
      );
    const pattern = owner ? new RegExp(`^project-${owner}-glue-secconf-v\\d+$`) : undefined;
    if (!pattern || !pattern.test(sc))
      ctx.report(
        `uses security configuration "${sc}", not its own project's`,
        `use project-${owner ?? "{uuid}"}-glue-secconf-v<n>`,
      );
  },
});
