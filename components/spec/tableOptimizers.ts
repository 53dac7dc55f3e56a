/**
 * Table optimizers of a declared Iceberg table (`tables[].optimizers` in project.yaml): Glue Data
 * Catalog compaction, snapshot retention and orphan-file deletion, run by Glue as the project's
 * optimizer role. The spec names only the tuning knobs; the platform fills in the role, database,
 * catalog and (for compaction) the bin-pack strategy. Bounds and defaults: the Glue API
 * (https://docs.aws.amazon.com/glue/latest/webapi/API_TableOptimizerConfiguration.html,
 * API_IcebergRetentionConfiguration.html, API_IcebergOrphanFileDeletionConfiguration.html,
 * API_IcebergCompactionConfiguration.html); docs/aws-facts.md "Table optimizers".
 */
import { PLATFORM_LIMITS, TABLE_OPTIMIZER_RUN_RATE_HOURS } from "../limits";
import type { ProjectSpec } from "./model";
import type { AddProblem } from "./problems";

/** Spec key → the API's TableOptimizerType value (`aws.glue.CatalogTableOptimizer.type`). */
export const TABLE_OPTIMIZER_TYPES = {
  compaction: "compaction",
  retention: "retention",
  orphanFileDeletion: "orphan_file_deletion",
} as const;
export type TableOptimizerKey = keyof typeof TABLE_OPTIMIZER_TYPES;

/** Defaults the platform applies when a knob is left out (the API's own defaults, except
 * `cleanExpiredFiles`, which AWS defaults to false: snapshots would then leave their files behind). */
export const TABLE_OPTIMIZER_DEFAULTS = {
  retention: { cleanExpiredFiles: true },
  orphanFileDeletion: { orphanFileRetentionPeriodInDays: 3 },
} as const;

const positive = { type: "integer", minimum: 1 };
const runRate = {
  type: "integer",
  minimum: TABLE_OPTIMIZER_RUN_RATE_HOURS.min,
  maximum: TABLE_OPTIMIZER_RUN_RATE_HOURS.max,
};

/** JSON Schema of `tables[].optimizers`. An empty object (`compaction: {}`) enables an optimizer
 * with the defaults. */
export const tableOptimizersSchema = {
  title: "TableOptimizersSpec",
  type: "object",
  additionalProperties: false,
  properties: {
    compaction: {
      type: "object",
      additionalProperties: false,
      properties: { minInputFiles: positive, deleteFileThreshold: positive },
    },
    retention: {
      type: "object",
      additionalProperties: false,
      properties: {
        snapshotRetentionPeriodInDays: positive,
        numberOfSnapshotsToRetain: positive,
        runRateInHours: runRate,
        cleanExpiredFiles: { type: "boolean" },
      },
    },
    orphanFileDeletion: {
      type: "object",
      additionalProperties: false,
      properties: { orphanFileRetentionPeriodInDays: positive, runRateInHours: runRate },
    },
  },
} as const;

/**
 * Orphan-file deletion removes every unreferenced file older than its retention, including the files
 * of a write still in progress (Iceberg: "It is dangerous to remove orphan files with a retention
 * interval shorter than the time expected for any write to complete",
 * https://iceberg.apache.org/docs/1.10.0/maintenance/#delete-orphan-files). So the retention must
 * outlast the project's longest job run.
 */
export function tableOptimizerProblems(spec: ProjectSpec, add: AddProblem): void {
  const timeouts = (spec.jobs ?? []).map((j) => ({
    name: j.name,
    minutes: j.timeoutMinutes ?? PLATFORM_LIMITS.defaultTimeoutMinutes,
  }));
  const longest = timeouts.reduce((a, b) => (b.minutes > a.minutes ? b : a), { name: "", minutes: 0 });
  (spec.tables ?? []).forEach((t, i) => {
    const orphan = t.optimizers?.orphanFileDeletion;
    if (!orphan) return;
    const days =
      orphan.orphanFileRetentionPeriodInDays ??
      TABLE_OPTIMIZER_DEFAULTS.orphanFileDeletion.orphanFileRetentionPeriodInDays;
    if (days * 24 * 60 <= longest.minutes)
      add(
        ["tables", i, "optimizers", "orphanFileDeletion", "orphanFileRetentionPeriodInDays"],
        `${days} day(s) is not longer than job "${longest.name}" may run (${longest.minutes} minutes): ` +
          "files of a write in progress would be deleted",
        `use at least ${Math.floor(longest.minutes / 1440) + 1} days`,
      );
  });
}
