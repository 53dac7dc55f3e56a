import { PolicyResource } from "@pulumi/policy";
import { objectKeyFromBucketDefault } from "../lib/bucketDefaultKey";
import { kmsKeyInputs } from "../lib/kmsKeyFields";
import { defineStackPolicy, StackContext } from "../lib/define";
import { FactsConfig, missingFact, platformFacts, PlatformFacts, factConfig } from "../lib/platformFacts";
import { projectIdOfName } from "../lib/project";
import { stackProjectOf } from "../lib/stackProject";
import { peek, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

/** Where each type names the key that encrypts it: a top-level property and a path below it (`[]`
 * walks a list). */
const KEY_FIELDS: Record<string, (string | "[]")[][]> = {
  [T.bucketSse]: [["rules", "[]", "applyServerSideEncryptionByDefault", "kmsMasterKeyId"]],
  [T.securityConfiguration]: ["s3Encryption", "cloudwatchEncryption", "jobBookmarksEncryption"].map((b) => [
    "encryptionConfiguration",
    b,
    "kmsKeyArn",
  ]),
  [T.catalogEncryption]: [
    ["dataCatalogEncryptionSettings", "encryptionAtRest", "sseAwsKmsKeyId"],
    ["dataCatalogEncryptionSettings", "connectionPasswordEncryption", "awsKmsKeyId"],
  ],
  [T.topic]: [["kmsMasterKeyId"]],
  [T.queue]: [["kmsMasterKeyId"]],
  [T.dynamoTable]: [["serverSideEncryption", "kmsKeyArn"]],
  [T.logGroup]: [["kmsKeyId"]],
  [T.secret]: [["kmsKeyId"]],
  [T.trail]: [["kmsKeyId"]],
  [T.bucketObject]: [["kmsKeyId"]],
  [T.legacyBucketObject]: [["kmsKeyId"]],
};

/** Types whose key is required: without one they fall back to an AWS owned or AWS managed key
 * (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-mgmt). */
const KEY_REQUIRED = new Set<string>([
  T.topic,
  T.queue,
  T.dynamoTable,
  T.logGroup,
  T.secret,
  T.trail,
  // An object without kmsKeyId is stored with SSE-S3 (AES256) or the AWS managed aws/s3 key unless it
  // names no encryption and its bucket's default is the project key (lib/bucketDefaultKey.ts).
  T.bucketObject,
  T.legacyBucketObject,
]);

const OBJECT_TYPES = new Set<string>([T.bucketObject, T.legacyBucketObject]);

const KEY_TYPES = new Set<string>([T.kmsKey, T.kmsAlias, T.kmsReplicaKey]);

/** Values at a path, each read without failing on an unknown. */
function valuesAt(o: unknown, path: (string | "[]")[]): unknown[] {
  if (path.length === 0) return [o];
  if (o === UNKNOWN) return [UNKNOWN];
  if (o === null || typeof o !== "object") return [];
  const [head, ...rest] = path;
  if (head === "[]")
    return Array.isArray(o)
      ? o.flatMap((_, i) =>
          valuesAt(
            peek(() => (o as unknown[])[i]),
            rest,
          ),
        )
      : [];
  if (!(head in o)) return [];
  return valuesAt(
    peek(() => (o as Record<string, unknown>)[head]),
    rest,
  );
}

/**
 * Encryption with the right key, not just any key: where the design requires the platform's or the
 * project's customer-managed key, an AWS managed key (`alias/aws/…`) and a key of another account or
 * project fail. A key unknown at preview counts when it comes from a KMS key or alias of this stack.
 */
export const kmsCustomerManagedKeys = defineStackPolicy<FactsConfig>({
  name: "kms-customer-managed-keys",
  description:
    "Buckets, Glue security configurations, the Data Catalog, topics, queues, tables, log groups, secrets, trails and S3 objects use the platform's or the project's customer-managed key: never none, never an AWS managed key (alias/aws/…), never a key of another account or project. Besides the tabled fields, every input of any resource whose name says it holds a KMS key (kmsKeyArn, kmsKeyId, …KmsKeyId, encryptionKeyArn) is judged the same way. An S3 object naming no encryption takes its bucket's default: accepted when the bucket is one of the project's own buckets or has a same-stack SSE-KMS default with a customer-managed key.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Pass the project key (its resource's arn, or the project alias) or the platform key from the platform contract (platformKeyArn).",
  config: {},
  configSchema: { properties: factConfig("accountId", "platformKeyArn").schema },
  validate(ctx) {
    const facts = platformFacts(ctx.config);
    for (const r of ctx.resources) {
      const paths = KEY_FIELDS[r.type];
      for (const path of paths ?? []) {
        const inStack = (r.propertyDependencies[path[0] as string] ?? []).some((d) => KEY_TYPES.has(d.type));
        const values = valuesAt(r.props, path);
        if (values.length === 0 && KEY_REQUIRED.has(r.type)) {
          // An object without a key takes its bucket's default encryption when it names none.
          const why = OBJECT_TYPES.has(r.type) ? objectKeyFromBucketDefault(r, ctx.resources) : "";
          if (why !== undefined)
            ctx.report(
              r,
              `has no ${path.join(".")}, so it is encrypted with an AWS owned or AWS managed key (or not at all)${why ? `: ${why}` : ""}`,
              "set it to the project key or the platform key (platformKeyArn)",
            );
        }
        for (const v of values) judgeKey(ctx, r, path.filter((p) => p !== "[]").join("."), v, inStack, facts);
      }
      // Every other input whose name says it holds a KMS key, on any resource (lib/kmsKeyFields.ts).
      const tabled = new Set((paths ?? []).map((p) => p.filter((x) => x !== "[]").join(".")));
      if (!KEY_TYPES.has(r.type))
        for (const k of kmsKeyInputs(r.props))
          if (!tabled.has(k.where)) {
            const inStack = (r.propertyDependencies[k.root] ?? []).some((d) => KEY_TYPES.has(d.type));
            judgeKey(ctx, r, k.where, k.value, inStack, facts);
          }
    }
  },
});

function judgeKey(
  ctx: StackContext<FactsConfig>,
  r: PolicyResource,
  where: string,
  v: unknown,
  inStack: boolean,
  facts: PlatformFacts,
): void {
  const report = (what: string, how: string) => ctx.report(r, `${where} ${what}`, how);
  const fix = "use the project key or the platform key (platformKeyArn)";
  if (v === UNKNOWN) {
    if (!inStack) report("can't be known during preview and does not come from a KMS key of this stack", fix);
    return;
  }
  if (typeof v !== "string" || v === "") return;
  if (/(^|:)alias\/aws\//.test(v)) return report(`uses the AWS managed key ${v}`, fix);
  const account = /^arn:[^:]+:kms:[^:]*:(\d{12}):/.exec(v)?.[1];
  if (account) {
    if (!facts.accountId) {
      const m = missingFact("accountId");
      return report(`uses ${v} and ${m.what}`, m.how);
    }
    if (account !== facts.accountId) return report(`uses ${v}, a key of account ${account}`, fix);
  }
  const alias = /(?:^|:)(alias\/.+)$/.exec(v)?.[1];
  if (alias) {
    const owner = projectIdOfName(alias.slice("alias/".length));
    const stackOwner = stackProjectOf(ctx.resources);
    // The platform key's alias is alias/glue-platform-<env> (components/naming PlatformNames.keyAlias).
    if (/^alias\/glue-platform-[a-z0-9]+$/.test(alias)) return;
    if (!owner) return report(`uses ${alias}, neither the platform's nor a project's key alias`, fix);
    if (stackOwner && owner !== stackOwner) return report(`uses ${alias}, another project's key`, fix);
    return;
  }
  // A key id or key ARN: the platform key, or a key of this stack.
  if (facts.platformKeyArn === undefined) {
    const m = missingFact("platformKeyArn");
    return report(`uses ${v} and ${m.what}`, m.how);
  }
  const keyId = (k: string) => k.split("/").pop();
  if (keyId(v) !== keyId(facts.platformKeyArn) && !inStack)
    report(`uses ${v}, which is neither the platform key nor a key of this stack`, fix);
}
