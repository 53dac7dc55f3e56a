/**
 * Iceberg table declarations in a project spec: the grammar (types, partition transforms) and the
 * cross-field rules. The runtime's local catalog reads the same declarations
 * (runtime/glue_runtime/tables.py), so local tests and the deployed tables share one definition.
 * Types and transforms: https://iceberg.apache.org/spec/#primitive-types and #partition-transforms.
 */
import type { LakeLayer } from "../naming";
import type { ProjectSpec } from "./model";
import type { AddProblem } from "./problems";
import { tableOptimizerProblems } from "./tableOptimizers";

export const TABLE_LAYERS = ["silver", "gold"] as const;
export type TableLayer = (typeof TABLE_LAYERS)[number];
/** Athena-friendly names: lowercase letters, digits, underscores. */
export const TABLE_NAME = /^[a-z][a-z0-9_]{0,127}$/;
export const COLUMN_NAME = /^[a-z_][a-z0-9_]{0,127}$/;
export const ICEBERG_TYPE =
  /^(boolean|int|long|float|double|date|timestamp|timestamptz|string|uuid|binary|decimal\([0-9]{1,2}, ?[0-9]{1,2}\))$/;
export const PARTITION_TRANSFORM = /^(identity|year|month|day|hour|bucket\[[0-9]+\]|truncate\[[0-9]+\])$/;

/** Table rules that need more than one field: the layer's database exists, names and columns unique,
 * partition columns declared, optimizers safe for the project's jobs (tableOptimizers.ts). */
export function tableProblems(spec: ProjectSpec, add: AddProblem): void {
  const databases = new Set<LakeLayer>(spec.catalog?.databases ?? []);
  const seen = new Set<string>();
  (spec.tables ?? []).forEach((t, i) => {
    if (!databases.has(t.layer))
      add(
        ["tables", i, "layer"],
        `"${t.layer}" is not in catalog.databases`,
        `add ${t.layer} to catalog.databases`,
      );
    const key = `${t.layer}.${t.name}`;
    if (seen.has(key))
      add(
        ["tables", i, "name"],
        `table "${t.name}" is declared twice in ${t.layer}`,
        "declare each table once",
      );
    seen.add(key);
    const columns = new Set<string>();
    t.columns.forEach((c, k) => {
      if (columns.has(c.name))
        add(
          ["tables", i, "columns", k, "name"],
          `column "${c.name}" is declared twice`,
          "rename or remove one",
        );
      columns.add(c.name);
    });
    (t.partitionBy ?? []).forEach((p, k) => {
      if (!columns.has(p.column))
        add(
          ["tables", i, "partitionBy", k, "column"],
          `"${p.column}" is not a column of ${t.name}`,
          `partition by one of: ${[...columns].join(", ")}`,
        );
    });
  });
  tableOptimizerProblems(spec, add);
}
