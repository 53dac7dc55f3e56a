import { defineResourcePolicy } from "../lib/define";
import { ownerOrReport, projectNamesOf, roleNameOf } from "../lib/project";
import { str } from "../lib/values";
import { T } from "./types";

export const glueCrawlerProjectRoleAndDatabase = defineResourcePolicy({
  name: "glue-crawler-project-role-and-database",
  description:
    "A crawler runs as its project's crawler role and writes only to its project's catalog databases.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Set role to project-{uuid}-glue-crawler-role and databaseName to project-{uuid}-catalog-db-<layer> of the crawler's project.",
  types: [T.crawler],
  validate(ctx) {
    const owner = ownerOrReport(ctx.props.name, "crawler", ctx.report);
    if (!owner) return;
    const names = projectNamesOf(owner);
    const role = roleNameOf(str(ctx.props.role));
    if (role !== names.crawlerRole())
      ctx.report(`runs as role "${role ?? str(ctx.props.role) ?? "(none)"}"`, `use ${names.crawlerRole()}`);
    const db = str(ctx.props.databaseName);
    if (!db || !new RegExp(`^project-${owner}-catalog-db-(bronze|silver|gold)$`).test(db)) {
      ctx.report(
        `writes to database "${db ?? "(none)"}", not one of its project's`,
        `use project-${owner}-catalog-db-<layer>`,
      );
    }
  },
});
