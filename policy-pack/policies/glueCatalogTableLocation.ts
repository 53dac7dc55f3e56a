import { PolicyResource } from "@pulumi/policy";
import { inProjectLakeFolder, LAKE_LAYERS, LakeLayer } from "../../components/naming";
import { defineStackPolicy } from "../lib/define";
import { stackIdentity } from "../lib/stackIdentity";
import { obj, peek, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

/** The layer of a catalog database named `project-{uuid}-catalog-db-<layer>` (components/naming.ts). */
function layerOf(database: unknown): LakeLayer | undefined {
  if (typeof database !== "string") return undefined;
  return LAKE_LAYERS.find((l) => database.endsWith(`-catalog-db-${l}`));
}

/** The table's database name: known, or the name of the CatalogDatabase of this stack it comes from. */
function databaseOf(r: PolicyResource): unknown {
  const v = peek(() => r.props.databaseName);
  if (v !== UNKNOWN) return v;
  const dbs = (r.propertyDependencies.databaseName ?? []).filter((d) => d.type === T.catalogDatabase);
  return dbs.length === 1 ? peek(() => dbs[0].props.name) : UNKNOWN;
}

/**
 * A table's data lives where the project may write it: `storageDescriptor.location` is under the
 * project's prefix of the lake bucket of the table's own layer (`s3://glue-lake-<layer>-…-<env>/
 * project-{uuid}/`), so a crawler or job reading the table never reads, and a job writing it never
 * writes, another bucket (https://docs.aws.amazon.com/glue/latest/webapi/API_StorageDescriptor.html).
 * A resource link (targetTable) has no storage of its own. A table in any other database (even one of
 * the project's own, e.g. `…-catalog-db-gold2`) is refused with the layer databases to use: the layer
 * is what ties a table to a lake bucket, and is not guessed from a name (docs/decisions.md).
 */
export const glueCatalogTableLocation = defineStackPolicy({
  name: "glue-catalog-table-location",
  description:
    "A project's catalog table stores its data under the project's prefix of the lake bucket of the table's layer (the layer of its catalog database).",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Set storageDescriptor.location to s3://<lake bucket of the layer>/project-{uuid}/<table>/ from the platform contract and the naming module (lakePrefix).",
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return;
    for (const r of ctx.resources) {
      if (r.type !== T.catalogTable) continue;
      const sd = peek(() => r.props.storageDescriptor);
      if (sd === undefined) continue;
      const location = sd === UNKNOWN ? UNKNOWN : peek(() => obj(sd).location);
      if (location === undefined) continue;
      const layer = layerOf(databaseOf(r));
      const expected = `s3://glue-lake-${layer ?? "<layer>"}-…-${id.env}/project-${id.projectId}/`;
      if (!layer) {
        const database = databaseOf(r);
        const layerDbs = LAKE_LAYERS.map((l) => `project-${id.projectId}-catalog-db-${l}`).join(", ");
        ctx.report(
          r,
          database === UNKNOWN
            ? "its database name cannot be known at preview, so the lake layer (and bucket) its data belongs to cannot be read"
            : `its database "${String(database)}" is not one of the project's layer databases (${layerDbs}): a table's layer decides which lake bucket its data may live in, and another database has none`,
          "put the table in the project's database of its layer (catalog.databases in the project spec; the naming module's catalogDatabase name), not in a database of your own",
        );
        continue;
      }
      if (
        location === UNKNOWN ||
        typeof location !== "string" ||
        !inProjectLakeFolder(location, layer, id.env, id.projectId)
      )
        ctx.report(
          r,
          location === UNKNOWN
            ? "storageDescriptor.location cannot be known at preview"
            : `storageDescriptor.location "${String(location)}" is not under the project's ${layer} lake prefix`,
          `use a location under ${expected}`,
        );
    }
  },
});
