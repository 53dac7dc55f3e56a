/**
 * Planning of the declared Iceberg tables: `aws.glue.CatalogTable` arguments with an Iceberg open
 * table format input, in the layer's project database, located under the project's lake prefix
 * (`<lake layer>/<project prefix><table>/`). Glue writes the Iceberg metadata only at create time;
 * schema changes go through Spark/Athena DDL (docs/decisions.md), so the stack treats the table as
 * create-only (CreateIcebergTableInput: https://docs.aws.amazon.com/glue/latest/webapi/API_CreateIcebergTableInput.html).
 */
import { LakeLayer, ProjectNames } from "../naming";
import { TableSpec } from "../spec/model";

export interface TablePlan {
  readonly spec: TableSpec;
  readonly databaseName: string;
  readonly location: string;
  readonly icebergInput: {
    metadataOperation: "CREATE";
    version: "2";
    icebergTableInput: {
      location: string;
      schema: {
        schemaId: number;
        type: "struct";
        fields: { id: number; name: string; required: boolean; type: string; doc?: string }[];
      };
      partitionSpec?: { specId: number; fields: { name: string; sourceId: number; transform: string }[] };
    };
  };
}

/** Iceberg partition field names follow Iceberg's own convention: `<column>_<transform>`. */
function partitionFieldName(column: string, transform: string): string {
  if (transform === "identity") return column;
  const m = /^(bucket|truncate)\[([0-9]+)\]$/.exec(transform);
  return m ? `${column}_${m[1]}` : `${column}_${transform}`;
}

export function tablePlans(
  tables: readonly TableSpec[],
  names: ProjectNames,
  lakeUri: (layer: LakeLayer) => string,
): TablePlan[] {
  return tables.map((t) => {
    const location = `${lakeUri(t.layer)}${t.name}/`;
    const ids = new Map(t.columns.map((c, i) => [c.name, i + 1]));
    const partitions = (t.partitionBy ?? []).map((p) => {
      const transform = p.transform ?? "identity";
      return {
        name: partitionFieldName(p.column, transform),
        sourceId: ids.get(p.column) as number,
        transform,
      };
    });
    return {
      spec: t,
      databaseName: names.catalogDatabase(t.layer),
      location,
      icebergInput: {
        metadataOperation: "CREATE",
        version: "2",
        icebergTableInput: {
          location,
          schema: {
            schemaId: 0,
            type: "struct",
            // An Iceberg schema field's type is a JSON document: a primitive is a JSON string.
            fields: t.columns.map((c, i) => ({
              id: i + 1,
              name: c.name,
              required: c.required ?? false,
              type: JSON.stringify(c.type.replace(/\s+/g, "")),
              ...(c.comment ? { doc: c.comment } : {}),
            })),
          },
          ...(partitions.length > 0 ? { partitionSpec: { specId: 0, fields: partitions } } : {}),
        },
      },
    };
  });
}
