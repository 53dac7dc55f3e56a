/**
 * Planning of the declared tables' Glue optimizers (`tables[].optimizers`): one
 * `aws.glue.CatalogTableOptimizer` per table and optimizer type, all run by one project-scoped role
 * that reaches only the optimized tables: their catalog entries, their S3 locations under the
 * project's lake prefix, and the lake key only through S3/Glue for those locations. Permissions per
 * optimizer: https://docs.aws.amazon.com/glue/latest/dg/optimization-prerequisites.html
 * (docs/aws-facts.md "Table optimizers"); orphan-file deletion needs neither s3:PutObject nor
 * glue:UpdateTable, so a table with only that optimizer gets neither.
 */
import { AccountScope, arns } from "../arn";
import { PlatformContract } from "../contract";
import { PolicyDocument, policyDocument, serviceTrust, Statement } from "../iam";
import { ProjectNames } from "../naming";
import type { TableOptimizersSpec } from "../spec/model";
import { TABLE_OPTIMIZER_DEFAULTS, TABLE_OPTIMIZER_TYPES, TableOptimizerKey } from "../spec/tableOptimizers";
import { TablePlan } from "./tables";

export interface TableOptimizerPlan {
  /** Unique in the stack: `<layer>-<table>-<type>`. */
  readonly key: string;
  readonly table: TablePlan;
  readonly type: (typeof TABLE_OPTIMIZER_TYPES)[TableOptimizerKey];
  /** `configuration` of aws.glue.CatalogTableOptimizer without the role (added at registration). */
  readonly configuration: {
    enabled: true;
    compactionConfiguration?: {
      icebergConfiguration: { strategy: "binpack"; minInputFiles?: number; deleteFileThreshold?: number };
    };
    retentionConfiguration?: {
      icebergConfiguration: {
        snapshotRetentionPeriodInDays?: number;
        numberOfSnapshotsToRetain?: number;
        runRateInHours?: number;
        cleanExpiredFiles: boolean;
      };
    };
    orphanFileDeletionConfiguration?: {
      icebergConfiguration: {
        orphanFileRetentionPeriodInDays: number;
        runRateInHours?: number;
        location: string;
      };
    };
  };
}

export interface TableOptimizersPlan {
  readonly role: { name: string; arn: string; trust: PolicyDocument };
  readonly policy: { name: string; document: PolicyDocument };
  readonly optimizers: TableOptimizerPlan[];
}

function configuration(
  key: TableOptimizerKey,
  spec: TableOptimizersSpec,
  location: string,
): TableOptimizerPlan["configuration"] {
  switch (key) {
    case "compaction":
      // Managed compaction bin-packs; sort and z-order need a table sort order the spec does not declare.
      return {
        enabled: true,
        compactionConfiguration: { icebergConfiguration: { strategy: "binpack", ...spec.compaction } },
      };
    case "retention":
      return {
        enabled: true,
        retentionConfiguration: {
          icebergConfiguration: { ...TABLE_OPTIMIZER_DEFAULTS.retention, ...spec.retention },
        },
      };
    case "orphanFileDeletion":
      return {
        enabled: true,
        orphanFileDeletionConfiguration: {
          icebergConfiguration: {
            ...TABLE_OPTIMIZER_DEFAULTS.orphanFileDeletion,
            ...spec.orphanFileDeletion,
            location,
          },
        },
      };
  }
}

/** `s3://bucket/key/` → bucket ARN and object-key prefix. */
function s3Parts(scope: AccountScope, uri: string): { bucketArn: string; keyPrefix: string } {
  const m = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
  if (!m) throw new Error(`internal: table location ${uri} is not an s3:// URI`);
  return { bucketArn: arns.bucket(scope, m[1]), keyPrefix: m[2] };
}

function optimizerStatements(
  scope: AccountScope,
  platform: PlatformContract,
  optimizers: TableOptimizerPlan[],
): Statement[] {
  const tables = [...new Map(optimizers.map((o) => [o.table.location, o.table])).values()];
  const writes = new Set(
    optimizers.filter((o) => o.type !== "orphan_file_deletion").map((o) => o.table.location),
  );
  const parts = tables.map((t) => ({
    table: t,
    ...s3Parts(scope, t.location),
    write: writes.has(t.location),
  }));
  const objects = (which: typeof parts) => which.map((p) => `${p.bucketArn}/${p.keyPrefix}*`);
  const catalog = (which: typeof parts) => [
    arns.glueCatalog(scope),
    ...new Set(which.map((p) => arns.glueDatabase(scope, p.table.databaseName))),
    ...which.map((p) => arns.glueTable(scope, p.table.databaseName, p.table.spec.name)),
  ];
  const writers = parts.filter((p) => p.write);
  const buckets = [...new Set(parts.map((p) => p.bucketArn))];
  const via = (svc: string) => `${svc}.${scope.region}.amazonaws.com`;
  const statements: Statement[] = [
    {
      Sid: "ListOptimizedTableLocations",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: buckets,
      Condition: { StringLike: { "s3:prefix": parts.flatMap((p) => [p.keyPrefix, `${p.keyPrefix}*`]) } },
    },
    {
      Sid: "ReadAndDeleteOptimizedTableFiles",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:DeleteObject"],
      Resource: objects(parts),
    },
    { Sid: "ReadOptimizedTables", Effect: "Allow", Action: "glue:GetTable", Resource: catalog(parts) },
  ];
  if (writers.length > 0)
    statements.push(
      { Sid: "WriteCompactedFiles", Effect: "Allow", Action: "s3:PutObject", Resource: objects(writers) },
      {
        Sid: "CommitOptimizedTables",
        Effect: "Allow",
        Action: "glue:UpdateTable",
        Resource: catalog(writers),
      },
    );
  statements.push(
    {
      // The lake key encrypts the objects (SSE-KMS) and the Data Catalog.
      Sid: "UseLakeKeyOnlyThroughS3AndGlue",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: platform.platformKeyArn,
      Condition: { StringEquals: { "kms:ViaService": [via("s3"), via("glue")] } },
    },
    {
      // S3 sends the object (or, with a bucket key, the bucket) ARN as encryption context
      // (docs/aws-facts.md "Lake key"): only the optimized tables' files.
      Sid: "LakeKeyOnlyForOptimizedTables",
      Effect: "Deny",
      Action: "kms:*",
      Resource: platform.platformKeyArn,
      Condition: {
        Null: { "kms:EncryptionContext:aws:s3:arn": "false" },
        StringNotLike: { "kms:EncryptionContext:aws:s3:arn": [...buckets, ...objects(parts)] },
      },
    },
  );
  return statements;
}

/** The optimizers of every declared table, with the one role they run as; undefined when no table
 * declares any (then the stack creates no optimizer role). */
export function planTableOptimizers(
  tables: readonly TablePlan[],
  names: ProjectNames,
  scope: AccountScope,
  platform: PlatformContract,
): TableOptimizersPlan | undefined {
  const optimizers: TableOptimizerPlan[] = tables.flatMap((table) => {
    const spec = table.spec.optimizers ?? {};
    return (Object.keys(TABLE_OPTIMIZER_TYPES) as TableOptimizerKey[])
      .filter((k) => spec[k] !== undefined)
      .map((k) => ({
        key: `${table.spec.layer}-${table.spec.name}-${TABLE_OPTIMIZER_TYPES[k]}`,
        table,
        type: TABLE_OPTIMIZER_TYPES[k],
        configuration: configuration(k, spec, table.location),
      }));
  });
  if (optimizers.length === 0) return undefined;
  const roleName = names.tableOptimizerRole();
  return {
    role: {
      name: roleName,
      arn: arns.role(scope, roleName),
      trust: serviceTrust("glue.amazonaws.com", scope.accountId),
    },
    policy: {
      name: names.tableOptimizerRolePolicy(),
      document: policyDocument(...optimizerStatements(scope, platform, optimizers)),
    },
    optimizers,
  };
}
