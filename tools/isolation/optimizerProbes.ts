/**
 * The isolation proof of a project's table-optimizer role (components/project/tableOptimizers.ts):
 * its identity policy, read from the captured stack, evaluated with @cloud-copilot/iam-simulate
 * (devDependency, tools/tests only). Expected results come from OPTIMIZER_EXPECTED only: per table
 * the role reads and deletes files and reads the catalog entry only of tables with an optimizer,
 * writes files and commits metadata only where compaction or snapshot retention runs (orphan-file
 * deletion needs neither, docs/aws-facts.md "Table optimizers"), and reaches nothing else: no other
 * table of its project, no other project, no job-runtime destination, the lake key only through S3/Glue.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { keyPolicy } from "../../components/managedKey";
import { PlatformNames, ProjectNames } from "../../components/naming";
import type { CheckedStack } from "../gate/offlineCheck";
import { TYPE } from "../../components/typeTokens";

const ACCOUNT = "123456789012";

/** What the optimizer role may do on one table, by the optimizers the table declares. */
export type TableAccess = "none" | "orphan-only" | "rewrite";

export const OPTIMIZER_EXPECTED: Record<string, { allowed: TableAccess[]; what: string }> = {
  "table-get-object": { allowed: ["orphan-only", "rewrite"], what: "s3:GetObject of the table's files" },
  "table-delete-object": {
    allowed: ["orphan-only", "rewrite"],
    what: "s3:DeleteObject of the table's files",
  },
  "table-put-object": { allowed: ["rewrite"], what: "s3:PutObject of the table's files" },
  "table-list": { allowed: ["orphan-only", "rewrite"], what: "s3:ListBucket of the table's prefix" },
  "catalog-get-table": {
    allowed: ["orphan-only", "rewrite"],
    what: "glue:GetTable (catalog+database+table)",
  },
  "catalog-update-table": { allowed: ["rewrite"], what: "glue:UpdateTable (catalog+database+table)" },
  "catalog-delete-table": { allowed: [], what: "glue:DeleteTable" },
  "lake-key-via-s3": {
    allowed: ["none", "orphan-only", "rewrite"],
    what: "kms:Decrypt of the lake key via S3 (per-table context Deny checked on the document)",
  },
  "lake-key-direct": { allowed: [], what: "kms:Decrypt of the lake key, not via S3/Glue" },
  "runtime-destinations": {
    allowed: [],
    what: "sqs:SendMessage / sns:Publish / dynamodb:PutItem / PutMetricData",
  },
};

export interface OptimizerProbe {
  readonly id: string;
  readonly kind: string;
  /** The access the probed table gives (a foreign project's table is always "none"). */
  readonly access: TableAccess;
  readonly checks: { action: string; resource: string; resourcePolicy?: unknown }[];
  readonly context: Record<string, string | string[]>;
  readonly expectAllowed: boolean;
}

export interface OptimizerResult {
  readonly probe: OptimizerProbe;
  readonly allowed: boolean;
  readonly decisions: string[];
}

interface Captured {
  role: string;
  policy: unknown;
  /** table → { database, location, access } of every CatalogTable of the stack. */
  tables: { name: string; database: string; location: string; access: TableAccess }[];
  keyArn: string;
  /** The platform key's policy as the platform stack writes it (KMS needs a key policy allowing). */
  keyPolicy: unknown;
  region: string;
}

const OPTIMIZER = TYPE.catalogTableOptimizer;

function capture(s: CheckedStack, names: ProjectNames): Captured | undefined {
  const policy = s.resources.find(
    (r) => r.type === TYPE.rolePolicy && r.inputs.name === names.tableOptimizerRolePolicy(),
  );
  if (!policy) return undefined;
  const doc = JSON.parse(String(policy.inputs.policy)) as {
    Statement: { Sid?: string; Resource: string | string[] }[];
  };
  const keyArn = [doc.Statement.find((x) => x.Sid === "UseLakeKeyOnlyThroughS3AndGlue")?.Resource].flat()[0];
  const optimizers = s.resources.filter((r) => r.type === OPTIMIZER);
  const tables = s.resources
    .filter((r) => r.type === TYPE.catalogTable)
    .map((r) => {
      const name = String(r.inputs.name);
      const database = String(r.inputs.databaseName);
      const types = optimizers
        .filter((o) => o.inputs.tableName === name && o.inputs.databaseName === database)
        .map((o) => String(o.inputs.type));
      const location = String(
        (r.inputs.openTableFormatInput as { icebergInput: { icebergTableInput: { location: string } } })
          .icebergInput.icebergTableInput.location,
      );
      const access: TableAccess =
        types.length === 0
          ? "none"
          : types.every((t) => t === "orphan_file_deletion")
            ? "orphan-only"
            : "rewrite";
      return { name, database, location, access };
    });
  const region = /^arn:aws:kms:([^:]+):/.exec(keyArn ?? "")?.[1] ?? "eu-west-1";
  const scope = { accountId: ACCOUNT, region, partition: "aws" };
  return {
    role: `arn:aws:iam::${ACCOUNT}:role/${names.tableOptimizerRole()}`,
    policy: doc,
    tables,
    keyArn: keyArn ?? "",
    keyPolicy: keyPolicy({ scope, logGroupPatterns: [new PlatformNames(s.env, scope).logGroupPattern()] }),
    region,
  };
}

function probes(c: Captured, names: ProjectNames, foreign: ProjectNames): OptimizerProbe[] {
  const out: OptimizerProbe[] = [];
  const glue = (res: string) => `arn:aws:glue:${c.region}:${ACCOUNT}:${res}`;
  const targets = [
    ...c.tables.map((t) => ({ ...t, owner: "own" })),
    // The same tables under another project's prefix and databases.
    ...c.tables.map((t) => ({
      ...t,
      owner: "foreign",
      access: "none" as TableAccess,
      database: t.database.replace(names.prefix, foreign.prefix),
      location: t.location.replace(names.lakePrefix(), foreign.lakePrefix()),
    })),
  ];
  for (const t of targets) {
    const [, bucket, key] = /^s3:\/\/([^/]+)\/(.*)$/.exec(t.location) as RegExpExecArray;
    const object = `arn:aws:s3:::${bucket}/${key}data/00000-0-part.parquet`;
    const add = (
      kind: string,
      checks: OptimizerProbe["checks"],
      context: Record<string, string | string[]> = {},
    ) =>
      out.push({
        id: `${t.owner} ${t.database}/${t.name} (${t.access}): ${kind}`,
        kind,
        access: t.access,
        checks,
        context: { "aws:SecureTransport": "true", "aws:PrincipalArn": c.role, ...context },
        expectAllowed: OPTIMIZER_EXPECTED[kind].allowed.includes(t.access),
      });
    add("table-get-object", [{ action: "s3:GetObject", resource: object }]);
    add("table-delete-object", [{ action: "s3:DeleteObject", resource: object }]);
    add("table-put-object", [{ action: "s3:PutObject", resource: object }]);
    add("table-list", [{ action: "s3:ListBucket", resource: `arn:aws:s3:::${bucket}` }], {
      "s3:prefix": `${key}data/`,
    });
    const catalog = (action: string) => [
      { action, resource: glue("catalog") },
      { action, resource: glue(`database/${t.database}`) },
      { action, resource: glue(`table/${t.database}/${t.name}`) },
    ];
    add("catalog-get-table", catalog("glue:GetTable"));
    add("catalog-update-table", catalog("glue:UpdateTable"));
    add("catalog-delete-table", catalog("glue:DeleteTable"));
    add("lake-key-via-s3", [{ action: "kms:Decrypt", resource: c.keyArn, resourcePolicy: c.keyPolicy }], {
      // The simulator cannot evaluate kms:EncryptionContext:<key> conditions: the per-table encryption
      // context Deny is asserted on the document by tests/project/tableOptimizers.test.ts.
      "kms:ViaService": `s3.${c.region}.amazonaws.com`,
    });
  }
  const own = (
    kind: string,
    checks: OptimizerProbe["checks"],
    context: Record<string, string | string[]> = {},
  ) =>
    out.push({
      id: `own: ${kind} (${checks.map((x) => x.action).join(", ")})`,
      kind,
      access: "none",
      checks,
      context: { "aws:SecureTransport": "true", "aws:PrincipalArn": c.role, ...context },
      expectAllowed: false,
    });
  own("lake-key-direct", [{ action: "kms:Decrypt", resource: c.keyArn, resourcePolicy: c.keyPolicy }]);
  own("runtime-destinations", [
    { action: "sqs:SendMessage", resource: `arn:aws:sqs:${c.region}:${ACCOUNT}:${names.deadLetterQueue()}` },
  ]);
  own("runtime-destinations", [
    { action: "sns:Publish", resource: `arn:aws:sns:${c.region}:${ACCOUNT}:${names.topic()}` },
  ]);
  own("runtime-destinations", [
    {
      action: "dynamodb:PutItem",
      resource: `arn:aws:dynamodb:${c.region}:${ACCOUNT}:table/${names.jobStateTable()}`,
    },
  ]);
  own("runtime-destinations", [{ action: "cloudwatch:PutMetricData", resource: "*" }], {
    "cloudwatch:namespace": "Glue",
  });
  return out;
}

/** Evaluates every probe of the optimizer role of `s` (a project stack of project `projectId`);
 * undefined when the stack has no optimizer role. */
export async function optimizerAccess(
  s: CheckedStack,
  projectId: string,
  foreignProjectId: string,
): Promise<OptimizerResult[] | undefined> {
  const names = new ProjectNames(projectId, s.env);
  const c = capture(s, names);
  if (!c) return undefined;
  const results: OptimizerResult[] = [];
  for (const probe of probes(c, names, new ProjectNames(foreignProjectId, s.env))) {
    const decisions: string[] = [];
    for (const check of probe.checks) {
      const response = await runSimulation(
        {
          request: {
            principal: c.role,
            action: check.action,
            resource: { resource: check.resource, accountId: ACCOUNT },
            contextVariables: probe.context,
          },
          identityPolicies: [{ name: names.tableOptimizerRolePolicy(), policy: c.policy }],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          resourcePolicy: check.resourcePolicy,
        },
        {},
      );
      decisions.push(
        response.resultType === "error"
          ? `error: ${response.errors.message ?? JSON.stringify(response.errors)}`
          : response.overallResult,
      );
    }
    results.push({ probe, allowed: decisions.every((d) => d === "Allowed"), decisions });
  }
  return results;
}
