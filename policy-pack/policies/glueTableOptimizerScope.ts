import { PolicyResource } from "@pulumi/policy";
import { defineStackPolicy } from "../lib/define";
import { projectNamesOf, roleNameOf } from "../lib/project";
import { stackIdentity } from "../lib/stackIdentity";
import { obj, peek, str, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

const OPTIMIZER = T.catalogTableOptimizer;
/** The API's TableOptimizerType values (https://docs.aws.amazon.com/glue/latest/webapi/API_TableOptimizer.html). */
const TYPES = ["compaction", "retention", "orphan_file_deletion"];

/** A property's value, or (unknown at preview) the given property of the one resource of `type` it
 * comes from; UNKNOWN when neither can be read. */
function through(r: PolicyResource, field: string, type: string, prop: string): unknown {
  const v = peek(() => r.props[field]);
  if (v !== UNKNOWN) return v;
  const deps = (r.propertyDependencies[field] ?? []).filter((d) => d.type === type);
  return deps.length === 1 ? peek(() => deps[0].props[prop]) : UNKNOWN;
}

/**
 * A Glue table optimizer (compaction, snapshot retention, orphan-file deletion) rewrites and deletes a
 * table's files as the role it names, so it must act on a table this stack declares in one of its
 * project's catalog databases, run as the project's optimizer role, and clean only under the
 * project's lake prefix (https://docs.aws.amazon.com/glue/latest/dg/table-optimizers.html;
 * docs/aws-facts.md "Table optimizers").
 */
export const glueTableOptimizerScope = defineStackPolicy({
  name: "glue-table-optimizer-scope",
  description:
    "A project's table optimizer works on a table the stack declares in one of the project's catalog databases (same catalog), runs as the project's optimizer role, has a known type, and deletes orphan files only under the project's lake prefix.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Declare optimizers under tables[].optimizers in project.yaml (the platform plans the role and names), or set databaseName/tableName from the project's CatalogTable and configuration.roleArn to project-{uuid}-glue-optimizer-role.",
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return;
    const names = projectNamesOf(id.projectId);
    const tables = ctx.resources.filter((r) => r.type === T.catalogTable);
    for (const r of ctx.resources) {
      if (r.type !== OPTIMIZER) continue;
      const type = str(peek(() => r.props.type));
      if (!type || !TYPES.includes(type))
        ctx.report(
          r,
          `type "${type ?? "(unknown)"}" is not a table optimizer type`,
          `use one of ${TYPES.join(", ")}`,
        );

      const db = through(r, "databaseName", T.catalogTable, "databaseName");
      const table = through(r, "tableName", T.catalogTable, "name");
      const dbOk =
        typeof db === "string" &&
        new RegExp(`^project-${id.projectId}-catalog-db-(silver|gold|bronze)$`).test(db);
      if (!dbOk)
        ctx.report(
          r,
          db === UNKNOWN
            ? "databaseName can't be known at preview and does not come from one CatalogTable of this stack"
            : `works on database "${String(db)}", not one of project ${id.projectId}'s catalog databases`,
          `use project-${id.projectId}-catalog-db-<layer>`,
        );
      const declared = tables.find(
        (t) => peek(() => t.props.name) === table && peek(() => t.props.databaseName) === db,
      );
      if (dbOk && !declared)
        ctx.report(
          r,
          `table "${table === UNKNOWN ? "(unknown at preview)" : String(table)}" in ${String(db)} is not a table this stack declares`,
          "optimize only tables declared in the project's spec (tables:)",
        );
      else if (declared && peek(() => r.props.catalogId) !== peek(() => declared.props.catalogId))
        ctx.report(
          r,
          "catalogId differs from the catalog of the table it optimizes",
          "use the table's catalogId",
        );

      const config = peek(() => r.props.configuration);
      const roleArn = config === UNKNOWN ? UNKNOWN : peek(() => obj(config).roleArn);
      let role: string | undefined;
      if (roleArn === UNKNOWN) {
        const roles = (r.propertyDependencies.configuration ?? []).filter((d) => d.type === T.role);
        role = roles.length === 1 ? str(peek(() => roles[0].props.name)) : undefined;
      } else role = roleNameOf(str(roleArn));
      if (role !== names.tableOptimizerRole())
        ctx.report(
          r,
          role === undefined
            ? "configuration.roleArn is neither a role ARN nor the arn of one Role of this stack"
            : `runs as role "${role}"`,
          `use the role ${names.tableOptimizerRole()}`,
        );

      const orphan =
        config === UNKNOWN
          ? undefined
          : peek(() => obj(obj(config).orphanFileDeletionConfiguration).icebergConfiguration);
      const location = orphan === undefined || orphan === UNKNOWN ? orphan : peek(() => obj(orphan).location);
      if (location !== undefined) {
        const ok = new RegExp(
          `^s3://glue-lake-(silver|gold|bronze)-[a-z0-9-]+-${id.env}/project-${id.projectId}/`,
        );
        if (location === UNKNOWN || typeof location !== "string" || !ok.test(location))
          ctx.report(
            r,
            location === UNKNOWN
              ? "the orphan-file location can't be known at preview"
              : `deletes orphan files under "${String(location)}", outside the project's lake prefix`,
            `use the table's location (under s3://glue-lake-<layer>-…-${id.env}/project-${id.projectId}/)`,
          );
      }
    }
  },
});
