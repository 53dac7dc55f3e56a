/** Reads the relevant S3 buckets and their configuration: encryption, public access block,
 * versioning, bucket policy, ownership controls and tags. */
import { TYPE as T } from "../../../components/typeTokens";
import {
  GetBucketEncryptionCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
} from "@aws-sdk/client-s3";
import { mapBounded } from "../../automation/drift";
import { compact, LiveReader, tagMap } from "./liveReader";

async function readBucket(r: LiveReader, Bucket: string): Promise<void> {
  // One call at a time per bucket (the scope's concurrency bounds the buckets read at once).
  const enc = await r.call(
    "s3:GetBucketEncryption",
    Bucket,
    () => r.c.s3.send(new GetBucketEncryptionCommand({ Bucket })),
    ["ServerSideEncryptionConfigurationNotFoundError"],
    [`${T.bucketSse}|${Bucket}`],
  );
  const pab = await r.call(
    "s3:GetPublicAccessBlock",
    Bucket,
    () => r.c.s3.send(new GetPublicAccessBlockCommand({ Bucket })),
    ["NoSuchPublicAccessBlockConfiguration"],
    [`${T.bucketPab}|${Bucket}`],
  );
  const ver = await r.call(
    "s3:GetBucketVersioning",
    Bucket,
    () => r.c.s3.send(new GetBucketVersioningCommand({ Bucket })),
    undefined,
    [`${T.bucketVersioning}|${Bucket}`],
  );
  const pol = await r.call(
    "s3:GetBucketPolicy",
    Bucket,
    () => r.c.s3.send(new GetBucketPolicyCommand({ Bucket })),
    ["NoSuchBucketPolicy"],
    [`${T.bucketPolicy}|${Bucket}`],
  );
  const own = await r.call(
    "s3:GetBucketOwnershipControls",
    Bucket,
    () => r.c.s3.send(new GetBucketOwnershipControlsCommand({ Bucket })),
    ["OwnershipControlsNotFoundError"],
    [`${T.bucketOwnership}|${Bucket}`],
  );
  const tag = await r.call(
    "s3:GetBucketTagging",
    Bucket,
    () => r.c.s3.send(new GetBucketTaggingCommand({ Bucket })),
    ["NoSuchTagSet", "NoSuchTagSetError"],
    [`${T.bucket}|${Bucket}`],
  );
  r.add(T.bucket, Bucket, { bucket: Bucket, tags: tagMap(tag?.TagSet) }, true);
  const rules = enc?.ServerSideEncryptionConfiguration?.Rules ?? [];
  if (rules.length > 0) {
    r.add(T.bucketSse, Bucket, {
      bucket: Bucket,
      rules: rules.map((x) =>
        compact({
          applyServerSideEncryptionByDefault: x.ApplyServerSideEncryptionByDefault
            ? compact({
                sseAlgorithm: x.ApplyServerSideEncryptionByDefault.SSEAlgorithm,
                kmsMasterKeyId: x.ApplyServerSideEncryptionByDefault.KMSMasterKeyID,
              })
            : undefined,
          bucketKeyEnabled: x.BucketKeyEnabled,
        }),
      ),
    });
  }
  const p = pab?.PublicAccessBlockConfiguration;
  if (p)
    r.add(T.bucketPab, Bucket, {
      bucket: Bucket,
      blockPublicAcls: p.BlockPublicAcls,
      blockPublicPolicy: p.BlockPublicPolicy,
      ignorePublicAcls: p.IgnorePublicAcls,
      restrictPublicBuckets: p.RestrictPublicBuckets,
    });
  if (ver?.Status)
    r.add(T.bucketVersioning, Bucket, { bucket: Bucket, versioningConfiguration: { status: ver.Status } });
  if (pol?.Policy) r.add(T.bucketPolicy, Bucket, { bucket: Bucket, policy: pol.Policy });
  const rule = own?.OwnershipControls?.Rules?.[0];
  if (rule)
    r.add(T.bucketOwnership, Bucket, { bucket: Bucket, rule: { objectOwnership: rule.ObjectOwnership } });
}

export async function readBuckets(r: LiveReader): Promise<void> {
  const buckets: string[] = [];
  await r.pages(
    "s3:ListBuckets",
    undefined,
    () => paginateListBuckets({ client: r.c.s3 }, {}),
    (p) =>
      buckets.push(
        ...(p.Buckets ?? []).map((b) => b.Name as string).filter((n) => r.scope.isRelevantName(n)),
      ),
    [T.bucket, T.bucketSse, T.bucketPab, T.bucketVersioning, T.bucketPolicy, T.bucketOwnership].map(
      (t) => `${t}|*`,
    ),
  );
  await mapBounded(buckets, r.scope.concurrency, (Bucket) => readBucket(r, Bucket));
}
