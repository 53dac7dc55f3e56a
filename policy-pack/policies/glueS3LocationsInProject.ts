import { LAKE_LAYERS, PlatformNames, PROJECT_BUCKET_PURPOSES, ProjectNames } from "../../components/naming";
import { defineStackPolicy } from "../lib/define";
import { forEachDeepString } from "../lib/deepStrings";
import { FactsConfig, factSettings, platformPlace } from "../lib/platformFacts";
import { S3Location, s3LocationsIn } from "../lib/s3Locations";
import { stackIdentity } from "../lib/stackIdentity";

/** A value S3 accepts as a bucket name (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** A key that holds a bucket by name: its last word is "bucket", or "bucket" then "name"
 * (`--OUT_BUCKET`, `targetBucket`, `bucket_name`, `S3BucketName`). */
const BUCKET_KEY = /bucket(?:[^a-z0-9]*name)?$/i;

/** A bare bucket name under a bucket-named key (`--OUT_BUCKET: partner-dropzone`), which job code
 * joins with a key argument into a location. */
function bareBucket(key: string, text: string): string | undefined {
  const k = key.replace(/[^A-Za-z0-9]+$/, "");
  if (!BUCKET_KEY.test(k)) return undefined;
  const t = text.trim();
  return BUCKET_NAME.test(t) && !/^(true|false|none|null)$/.test(t) ? t : undefined;
}

/** At most this many problems are reported per resource (the first ones, in input order). */
const MAX_PER_RESOURCE = 5;

/** The Glue resources judged: every type of the Glue provider module (jobs, triggers, workflows,
 * crawlers, databases, tables, partitions, rulesets, …), whatever property holds the location. */
const GLUE_TYPE = /^aws:glue\//;

/**
 * Every S3 location a project's Glue resource names — in job and trigger arguments, workflow run
 * properties, crawler targets, database and table locations, additional and skewed-value locations,
 * table, SerDe and partition-projection parameters (Iceberg `metadata_location`, Spark `path`,
 * `storage.location.template`), in any spelling (s3/s3a/s3n URIs, HTTPS virtual-hosted or path-style
 * URLs, S3 ARNs, percent-encoded, with `.`/`..`/`//` segments) — is, after canonicalisation, in one
 * of the project's own buckets or under the project's folder of a lake bucket of the platform
 * (account, region and env of the stack). Spark, Hadoop and Athena read exactly these strings
 * (https://docs.aws.amazon.com/glue/latest/webapi/API_StorageDescriptor.html,
 * https://docs.aws.amazon.com/athena/latest/ug/partition-projection-setting-up.html), so a location
 * the project does not own reads or writes another project's data.
 */
export const glueS3LocationsInProject = defineStackPolicy<FactsConfig>({
  name: "glue-s3-locations-in-project",
  description:
    "Every S3 location in a project's Glue resources (any property, any spelling: s3/s3a/s3n URIs, HTTPS S3 URLs, S3 ARNs; percent-decoded and with ./../// resolved first) is in one of the project's buckets or under project-{uuid}/ of a platform lake bucket of the stack's env; a bare bucket name under a bucket-named key (`--OUT_BUCKET`, `bucketName`) is one of those buckets.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Point the location at s3://project-{uuid}-<purpose>-<env>/… or s3://glue-lake-<layer>-<account>-<region>-<env>/project-{uuid}/… (naming module: ProjectNames.bucket, PlatformNames.lakeBucket, lakePrefix), written plainly.",
  ...factSettings("accountId", "region", "partition"),
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return;
    const place = platformPlace(ctx.config);
    if ("what" in place) {
      ctx.report(undefined, place.what, place.how);
      return;
    }
    const project = new ProjectNames(id.projectId, id.env);
    const platform = new PlatformNames(id.env, place);
    const ownBuckets = new Set<string>(PROJECT_BUCKET_PURPOSES.map((p) => project.bucket(p)));
    const lakeBuckets = new Set<string>(LAKE_LAYERS.map((l) => platform.lakeBucket(l)));
    const inProject = (l: S3Location) =>
      l.bucket !== undefined &&
      (ownBuckets.has(l.bucket) ||
        (lakeBuckets.has(l.bucket) && l.keys.every((k) => k.startsWith(project.lakePrefix()))));
    for (const r of ctx.resources) {
      if (!GLUE_TYPE.test(r.type)) continue;
      const problems: string[] = [];
      forEachDeepString(r.props, (s) => {
        const bucket = bareBucket(s.key, s.text);
        if (bucket !== undefined && !ownBuckets.has(bucket) && !lakeBuckets.has(bucket))
          problems.push(
            `${s.path} names bucket ${bucket} (under a bucket-named key), outside the project's buckets and the platform's lake buckets`,
          );
        for (const l of s3LocationsIn(s.text))
          if (!inProject(l))
            problems.push(
              `${s.path} names ${l.text} (bucket ${l.bucket ?? "(none)"}, key "${l.key}"), outside the project's buckets and lake folders`,
            );
      });
      for (const p of [...new Set(problems)].slice(0, MAX_PER_RESOURCE))
        ctx.report(
          r,
          p,
          `use s3://${project.bucket("artifacts")}/… (or another project bucket) or s3://${platform.lakeBucket("silver")}/${project.lakePrefix()}… (any layer)`,
        );
    }
  },
});
