/**
 * JSON Schema of `projects/<slug>/project.yaml`. Published as `projects/project.schema.json` for
 * editor completion (`npm run schema` regenerates it; a test keeps the two equal). Structural rules
 * live here; cross-field rules (references, limits, zones) live in validate.ts.
 */
import { ENVIRONMENTS, LAKE_LAYERS, SHORT_NAME, UUID_V4 } from "../naming";
import {
  CONDITION_STATES,
  CRAWLER_ZONES,
  EXECUTION_CLASSES,
  JOB_KINDS,
  RECRAWL_BEHAVIORS,
  TRIGGER_LOGICALS,
  TRIGGER_TYPES,
} from "./enums";
import { MAX_ACTIONS_PER_TRIGGER, PLATFORM_LIMITS, PYTHON_SHELL_CAPACITIES, WORKER_TYPES } from "../limits";
import { COLUMN_NAME, ICEBERG_TYPE, PARTITION_TRANSFORM, TABLE_LAYERS, TABLE_NAME } from "./tables";
import { documented } from "./schemaDocs";
import { tableOptimizersSchema } from "./tableOptimizers";

const shortName = {
  type: "string",
  pattern: SHORT_NAME.source,
};
const layer = { type: "string", enum: [...LAKE_LAYERS] };
const parameters = {
  type: "object",
  propertyNames: { pattern: "^[A-Za-z][A-Za-z0-9_]{0,63}$" },
  additionalProperties: { type: "string", maxLength: 4096 },
};
const common = {
  name: shortName,
  description: { type: "string", maxLength: 2048 },
  script: { type: "string" },
  timeoutMinutes: { type: "integer", minimum: 1, maximum: 10080 },
  maxRetries: { type: "integer", minimum: 0, maximum: 10 },
  maxConcurrentRuns: { type: "integer", minimum: 1, maximum: 1000 },
  runQueuing: { type: "boolean" },
  parameters,
  extraPyFiles: { type: "array", items: { type: "string" } },
  additionalPythonModules: {
    type: "array",
    items: { type: "string", pattern: "^[A-Za-z0-9_.-]+(==[A-Za-z0-9_.+-]+)?$" },
  },
  notifyDelayAfterMinutes: { type: "integer", minimum: 1 },
};
/** Sizing shared by the Spark kinds (ETL and streaming). */
const sparkCapacity = {
  glueVersion: { type: "string" },
  workerType: { type: "string", enum: WORKER_TYPES },
  workers: { type: "integer", minimum: 1 },
};
const SPARK_CAPACITY_REQUIRED = Object.keys(sparkCapacity);
/** One job kind; `title` names its generated TypeScript type (components/spec/specTypes.generated.ts). */
const job = (kind: string, title: string, extra: Record<string, unknown>, required: string[] = []) => ({
  title,
  type: "object",
  additionalProperties: false,
  required: ["name", "kind", "script", ...required],
  properties: { kind: { const: kind }, ...common, ...extra },
});

/** The schema with every field documented (components/spec/fieldDocs.ts). */
export const PROJECT_SPEC_SCHEMA = documented({
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://glue-platform.internal/schemas/project.schema.json",
  title: "glue-platform project spec",
  description:
    "A data project's spec: projects/<slug>/project.yaml. See README.md (Adding a project, and adding a job to a project)",
  type: "object",
  additionalProperties: false,
  required: [
    "slug",
    "projectId",
    "displayName",
    "owner",
    "costCenter",
    "environments",
    "monthlyBudgetUsd",
    "notificationEmails",
  ],
  properties: {
    $schema: { type: "string" },
    slug: {
      type: "string",
      pattern: "^[a-z][a-z0-9-]{1,30}[a-z0-9]$",
    },
    projectId: { type: "string", pattern: UUID_V4.source },
    displayName: { type: "string", minLength: 1, maxLength: 100 },
    owner: { type: "string", format: "email" },
    costCenter: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_.:/=+@-]{0,63}$" },
    environments: {
      type: "array",
      minItems: 1,
      uniqueItems: true,
      items: { type: "string", enum: [...ENVIRONMENTS] },
    },
    monthlyBudgetUsd: {
      oneOf: [
        { type: "number", exclusiveMinimum: 0, maximum: 1000000 },
        {
          type: "object",
          additionalProperties: false,
          properties: {
            dev: { type: "number", exclusiveMinimum: 0 },
            prod: { type: "number", exclusiveMinimum: 0 },
          },
        },
      ],
    },
    notificationEmails: {
      type: "array",
      minItems: 1,
      maxItems: 10,
      uniqueItems: true,
      items: { type: "string", format: "email" },
    },
    limits: {
      type: "object",
      additionalProperties: false,
      properties: {
        maxWorkersPerJob: { type: "integer", minimum: 1 },
        maxProjectDpu: { type: "number", exclusiveMinimum: 0 },
        maxTimeoutMinutes: { type: "integer", minimum: 1 },
        maxRetries: { type: "integer", minimum: 0 },
      },
    },
    catalog: {
      type: "object",
      additionalProperties: false,
      required: ["databases"],
      properties: { databases: { type: "array", minItems: 1, uniqueItems: true, items: layer } },
    },
    devSessions: {
      type: "object",
      additionalProperties: false,
      properties: {
        idleTimeoutMinutes: {
          type: "integer",
          minimum: 1,
          maximum: PLATFORM_LIMITS.maxSessionIdleTimeoutMinutes,
        },
      },
    },
    jobs: {
      type: "array",
      items: {
        title: "JobSpec",
        type: "object",
        required: ["kind"],
        properties: { kind: { enum: [...JOB_KINDS] } },
        allOf: [
          {
            if: { properties: { kind: { const: "sparkEtl" } } },
            then: job(
              "sparkEtl",
              "SparkEtlJobSpec",
              {
                ...sparkCapacity,
                executionClass: { enum: [...EXECUTION_CLASSES] },
                bookmarks: { type: "boolean" },
                iceberg: {
                  type: "boolean",
                },
              },
              SPARK_CAPACITY_REQUIRED,
            ),
          },
          {
            if: { properties: { kind: { const: "pythonShell" } } },
            then: job("pythonShell", "PythonShellJobSpec", {
              maxCapacity: { enum: [...PYTHON_SHELL_CAPACITIES] },
            }),
          },
          {
            if: { properties: { kind: { const: "ray" } } },
            then: job("ray", "RayJobSpec", { workers: { type: "integer", minimum: 1 } }, ["workers"]),
          },
          {
            if: { properties: { kind: { const: "streaming" } } },
            then: job(
              "streaming",
              "StreamingJobSpec",
              {
                ...sparkCapacity,
                maintenanceWindow: {
                  type: "string",
                  pattern: "^(Sun|Mon|Tue|Wed|Thu|Fri|Sat):([01]?[0-9]|2[0-3])$",
                },
              },
              SPARK_CAPACITY_REQUIRED,
            ),
          },
        ],
      },
    },
    crawlers: {
      type: "array",
      items: {
        title: "CrawlerSpec",
        type: "object",
        additionalProperties: false,
        required: ["name", "zone", "database", "targets"],
        properties: {
          name: shortName,
          description: { type: "string", maxLength: 2048 },
          zone: {
            enum: [...CRAWLER_ZONES],
          },
          database: layer,
          targets: {
            type: "array",
            minItems: 1,
            items: {
              type: "object",
              additionalProperties: false,
              required: ["layer", "path"],
              properties: {
                layer,
                path: {
                  type: "string",
                  pattern: "^[A-Za-z0-9_.=/-]*$",
                },
                exclusions: { type: "array", items: { type: "string" } },
              },
            },
          },
          schedule: { type: "string", pattern: "^cron\\(.+\\)$" },
          tablePrefix: { type: "string", maxLength: 128, pattern: "^[a-z0-9_]*$" },
          recrawl: { enum: [...RECRAWL_BEHAVIORS] },
        },
      },
    },
    workflows: {
      type: "array",
      items: {
        title: "WorkflowSpec",
        type: "object",
        additionalProperties: false,
        required: ["name"],
        properties: {
          name: shortName,
          description: { type: "string", maxLength: 2048 },
          maxConcurrentRuns: { type: "integer", minimum: 1 },
        },
      },
    },
    triggers: {
      type: "array",
      items: {
        title: "TriggerSpec",
        type: "object",
        additionalProperties: false,
        required: ["name", "type", "actions"],
        properties: {
          name: shortName,
          description: { type: "string", maxLength: 2048 },
          type: { enum: [...TRIGGER_TYPES] },
          workflow: shortName,
          schedule: { type: "string", pattern: "^cron\\(.+\\)$" },
          enabled: { type: "boolean" },
          logical: { enum: [...TRIGGER_LOGICALS] },
          conditions: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              properties: {
                job: shortName,
                crawler: shortName,
                state: { enum: [...CONDITION_STATES] },
              },
            },
          },
          actions: {
            type: "array",
            minItems: 1,
            maxItems: MAX_ACTIONS_PER_TRIGGER,
            items: {
              type: "object",
              additionalProperties: false,
              properties: { job: shortName, crawler: shortName, arguments: parameters },
            },
          },
          eventBatching: {
            type: "object",
            additionalProperties: false,
            required: ["size"],
            properties: {
              size: { type: "integer", minimum: 1, maximum: 100 },
              windowSeconds: { type: "integer", minimum: 1, maximum: 900 },
            },
          },
          eventSource: {
            type: "object",
            additionalProperties: false,
            required: ["layer"],
            properties: {
              layer,
              path: { type: "string", maxLength: 512, pattern: "^[A-Za-z0-9!_.*'()/-]*$" },
            },
          },
        },
      },
    },
    tables: {
      type: "array",
      items: {
        title: "TableSpec",
        type: "object",
        additionalProperties: false,
        required: ["name", "layer", "columns"],
        properties: {
          name: { type: "string", pattern: TABLE_NAME.source },
          layer: { type: "string", enum: [...TABLE_LAYERS] },
          description: { type: "string", maxLength: 2048 },
          columns: {
            type: "array",
            minItems: 1,
            items: {
              type: "object",
              additionalProperties: false,
              required: ["name", "type"],
              properties: {
                name: { type: "string", pattern: COLUMN_NAME.source },
                type: { type: "string", pattern: ICEBERG_TYPE.source },
                required: { type: "boolean" },
                comment: { type: "string", maxLength: 255 },
              },
            },
          },
          partitionBy: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["column"],
              properties: {
                column: { type: "string", pattern: COLUMN_NAME.source },
                transform: { type: "string", pattern: PARTITION_TRANSFORM.source },
              },
            },
          },
          optimizers: tableOptimizersSchema,
        },
      },
    },
    dataQuality: {
      type: "array",
      items: {
        title: "DataQualitySpec",
        type: "object",
        additionalProperties: false,
        required: ["name", "database", "table", "rules"],
        properties: {
          name: shortName,
          description: { type: "string", maxLength: 2048 },
          database: layer,
          table: { type: "string", pattern: "^[a-z0-9_]{1,255}$" },
          rules: { type: "array", minItems: 1, items: { type: "string", minLength: 1 } },
          afterJob: { ...shortName },
        },
      },
    },
  },
} as const);
