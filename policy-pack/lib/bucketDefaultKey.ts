/**
 * Whether an S3 object without its own key is encrypted with a customer-managed key of the project
 * by its bucket's default encryption. S3 applies the bucket default to a PUT that names no
 * server-side encryption at all (ServerSideEncryptionByDefault, Amazon S3 API Reference,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionByDefault.html); a PUT that
 * names `aws:kms` without a key id uses the AWS managed key aws/s3, one naming `AES256` uses SSE-S3
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html), so those never count.
 *
 * The bucket's default counts when it is the project's customer-managed key:
 * - a BucketServerSideEncryptionConfiguration of this stack for the same bucket (same known name or
 *   the same Bucket resource by property dependency) sets `aws:kms` with a key — the key itself is
 *   judged on that resource by kms-customer-managed-keys;
 * - or the bucket is one of the project's own buckets (`project-{uuid}-<purpose>-<env>`,
 *   components/naming.ts PROJECT_BUCKET_PURPOSES), which the project stack creates with the project
 *   key as default encryption (components/project/security.ts).
 */
import { PolicyResource } from "@pulumi/policy";
import { projectBucketPurposeOf } from "../../components/naming";
import { stackIdentity } from "./stackIdentity";
import { T } from "./types";
import { peek, UNKNOWN } from "./values";

/** The known name of the bucket a resource's `bucket` names, and the Bucket resources it depends on. */
function bucketOf(r: PolicyResource, byUrn: Map<string, PolicyResource>): { name?: string; urns: string[] } {
  const v = peek(() => r.props.bucket);
  const urns = (r.propertyDependencies.bucket ?? [])
    .map((d) => byUrn.get(d.urn) ?? d)
    .filter((d) => d.type === T.bucket)
    .map((d) => d.urn);
  const fromDep = urns
    .map((u) => peek(() => byUrn.get(u)?.props.bucket))
    .find((n): n is string => typeof n === "string");
  return { name: typeof v === "string" ? v : v === UNKNOWN ? fromDep : undefined, urns };
}

function defaultIsKmsWithKey(sse: PolicyResource): boolean {
  const rules = peek(() => sse.props.rules);
  if (!Array.isArray(rules) || rules.length === 0) return false;
  return rules.every((_, i) => {
    const d = peek(
      () => (rules[i] as Record<string, Record<string, unknown>>).applyServerSideEncryptionByDefault,
    );
    if (d === UNKNOWN || d === null || typeof d !== "object") return false;
    const by = d as Record<string, unknown>;
    const algorithm = peek(() => by.sseAlgorithm);
    const key = peek(() => by.kmsMasterKeyId);
    return algorithm === "aws:kms" && (key === UNKNOWN || (typeof key === "string" && key !== ""));
  });
}

/** Why an object without a key is not covered by a project-key bucket default (undefined when it is). */
export function objectKeyFromBucketDefault(
  object: PolicyResource,
  all: readonly PolicyResource[],
): string | undefined {
  const sse = peek(() => object.props.serverSideEncryption);
  if (sse !== undefined && sse !== null && sse !== "")
    return `it sets serverSideEncryption ${sse === UNKNOWN ? "(unknown at preview)" : JSON.stringify(sse)} without kmsKeyId, so S3 uses SSE-S3 or the AWS managed key aws/s3, not the bucket default`;
  const byUrn = new Map(all.map((r) => [r.urn, r]));
  const bucket = bucketOf(object, byUrn);
  const sameBucket = (r: PolicyResource) => {
    const other = bucketOf(r, byUrn);
    return (
      (bucket.name !== undefined && other.name === bucket.name) ||
      other.urns.some((u) => bucket.urns.includes(u))
    );
  };
  const configs = all.filter((r) => r.type === T.bucketSse && sameBucket(r));
  if (configs.length > 0)
    return configs.every(defaultIsKmsWithKey)
      ? undefined
      : "its bucket's default encryption in this stack is not SSE-KMS with a customer-managed key";
  const id = stackIdentity();
  if (
    id.kind === "project" &&
    bucket.name !== undefined &&
    projectBucketPurposeOf(bucket.name, id.projectId) !== undefined &&
    bucket.name.endsWith(`-${id.env}`)
  )
    return undefined;
  return "its bucket is neither one of the project's own buckets nor a bucket of this stack whose default encryption is the project key";
}
