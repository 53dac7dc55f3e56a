import { catalogDatabaseLayerOf } from "../../components/naming";
import { defineResourcePolicy } from "../lib/define";
import { ownerOrReport, projectNamesOf, roleNameOf } from "../lib/project";
import { peek, str, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

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
    const raw = peek(() => ctx.props.role);
    // `role: role.arn` of a Role of this stack is unknown at preview: glue-role-by-dependency judges it.
    const role = raw === UNKNOWN ? names.crawlerRole() : roleNameOf(str(raw));
    if (role !== names.crawlerRole())
      ctx.report(`runs as role "${role ?? str(raw) ?? "(none)"}"`, `use ${names.crawlerRole()}`);
    const db = str(ctx.props.databaseName);
    if (!db || !catalogDatabaseLayerOf(db, owner)) {
      ctx.report(
        `writes to database "${db ?? "(none)"}", not one of its project's`,
        `use project-${owner}-catalog-db-<layer>`,
      );
    }
  },
});
