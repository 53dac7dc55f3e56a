/**
 * The typed project spec (what project.yaml holds) and the validated model the stacks use.
 *
 * The spec's types are generated from its JSON Schema (components/spec/schema.ts) into
 * specTypes.generated.ts by `npm run schema` (tools/specTypes.ts), so the schema is their one source:
 * names come from the schema's `title`s, property docs from components/spec/fieldDocs.ts. Only what is
 * not in project.yaml (the loaded spec and its script files) is written here.
 */
import type { ProjectSpec } from "./specTypes.generated";

export type {
  CrawlerSpec,
  DataQualitySpec,
  JobSpec,
  ProjectSpec,
  PythonShellJobSpec,
  RayJobSpec,
  SparkEtlJobSpec,
  StreamingJobSpec,
  TableOptimizersSpec,
  TableSpec,
  TriggerSpec,
  WorkflowSpec,
} from "./specTypes.generated";

/** A script file the stack uploads, with its content hash (scripts are referenced by hash). */
export interface ScriptFile {
  /** Path relative to the project folder, e.g. scripts/raw_to_silver.py. */
  readonly relativePath: string;
  readonly absolutePath: string;
  readonly sha256: string;
}

export interface LoadedSpec {
  readonly file: string;
  /** Folder of project.yaml; scripts resolve under `<dir>/scripts/`. */
  readonly dir: string;
  readonly spec: ProjectSpec;
  /** Every script and extra file by relative path. */
  readonly scripts: ReadonlyMap<string, ScriptFile>;
}
