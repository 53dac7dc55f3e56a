/** The typed project spec (what project.yaml holds) and the validated model the stacks use. */
import type { Environment, LakeLayer } from "../naming";
import type { GovernanceLimits, PYTHON_SHELL_CAPACITIES, WorkerType } from "../limits";
import type { TableOptimizersSpec } from "./tableOptimizers";
import type { TableLayer } from "./tables";
import type {
  ConditionState,
  CrawlerZone,
  ExecutionClass,
  RecrawlBehavior,
  TriggerLogical,
  TriggerType,
} from "./enums";

export type { TriggerType };

interface JobSpecBase {
  name: string;
  description?: string;
  script: string;
  timeoutMinutes?: number;
  maxRetries?: number;
  maxConcurrentRuns?: number;
  runQueuing?: boolean;
  parameters?: Record<string, string>;
  extraPyFiles?: string[];
  additionalPythonModules?: string[];
  notifyDelayAfterMinutes?: number;
}
export interface SparkEtlJobSpec extends JobSpecBase {
  kind: "sparkEtl";
  glueVersion: string;
  workerType: WorkerType;
  workers: number;
  executionClass?: ExecutionClass;
  bookmarks?: boolean;
  /** Reads/writes Iceberg tables: gets the platform's locked --datalake-formats and --conf. */
  iceberg?: boolean;
}
export interface PythonShellJobSpec extends JobSpecBase {
  kind: "pythonShell";
  maxCapacity?: (typeof PYTHON_SHELL_CAPACITIES)[number];
}
export interface RayJobSpec extends JobSpecBase {
  kind: "ray";
  workers: number;
}
export interface StreamingJobSpec extends JobSpecBase {
  kind: "streaming";
  glueVersion: string;
  workerType: WorkerType;
  workers: number;
  maintenanceWindow?: string;
}
export type JobSpec = SparkEtlJobSpec | PythonShellJobSpec | RayJobSpec | StreamingJobSpec;

export interface CrawlerSpec {
  name: string;
  description?: string;
  zone: CrawlerZone;
  database: LakeLayer;
  targets: { layer: LakeLayer; path: string; exclusions?: string[] }[];
  schedule?: string;
  tablePrefix?: string;
  recrawl?: RecrawlBehavior;
}

export interface WorkflowSpec {
  name: string;
  description?: string;
  maxConcurrentRuns?: number;
}

export interface TriggerSpec {
  name: string;
  description?: string;
  type: TriggerType;
  workflow?: string;
  schedule?: string;
  enabled?: boolean;
  logical?: TriggerLogical;
  conditions?: { job?: string; crawler?: string; state?: ConditionState }[];
  actions: { job?: string; crawler?: string; arguments?: Record<string, string> }[];
  eventBatching?: { size: number; windowSeconds?: number };
  /** Event triggers: objects created under this lake layer and path of the project's prefix start the
   * workflow (default: bronze, the whole project prefix). */
  eventSource?: { layer: LakeLayer; path?: string };
}

export interface DataQualitySpec {
  name: string;
  description?: string;
  database: LakeLayer;
  table: string;
  rules: string[];
  /** Evaluate the ruleset after this job of the project succeeds (results to the project topic). */
  afterJob?: string;
}

/** An Iceberg table the project stack creates (types and transforms: components/spec/tables.ts). */
export type { TableOptimizersSpec };
export interface TableSpec {
  name: string;
  layer: TableLayer;
  description?: string;
  columns: { name: string; type: string; required?: boolean; comment?: string }[];
  partitionBy?: { column: string; transform?: string }[];
  optimizers?: TableOptimizersSpec;
}

export interface ProjectSpec {
  slug: string;
  projectId: string;
  displayName: string;
  owner: string;
  costCenter: string;
  environments: Environment[];
  monthlyBudgetUsd: number | Partial<Record<Environment, number>>;
  notificationEmails: string[];
  limits?: Partial<
    Pick<GovernanceLimits, "maxWorkersPerJob" | "maxProjectDpu" | "maxTimeoutMinutes" | "maxRetries">
  >;
  catalog?: { databases: LakeLayer[] };
  devSessions?: { idleTimeoutMinutes?: number };
  jobs?: JobSpec[];
  crawlers?: CrawlerSpec[];
  workflows?: WorkflowSpec[];
  triggers?: TriggerSpec[];
  tables?: TableSpec[];
  dataQuality?: DataQualitySpec[];
}

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
