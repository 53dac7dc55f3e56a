import { PolicyResource } from "@pulumi/policy";
import { defineStackPolicy } from "../lib/define";
import { isAccessLogBucket, owningProject } from "../lib/project";
import { str } from "../lib/values";
import { T } from "../lib/types";

/** The bucket a companion resource configures: by property dependency (known at preview), else by name. */
function bucketOf(
  r: PolicyResource,
  byName: Map<string | undefined, PolicyResource>,
): PolicyResource | undefined {
  const viaDep = (r.propertyDependencies.bucket ?? []).find((d) => d.type === T.bucket);
  return viaDep ?? byName.get(str(r.props.bucket));
}

/** The target bucket's name: the same-stack bucket it depends on, else the literal name. */
function targetName(r: PolicyResource): string | undefined {
  const dep = (r.propertyDependencies.targetBucket ?? []).find((d) => d.type === T.bucket);
  return str(dep ? dep.props.bucket : r.props.targetBucket);
}

export const s3BucketAccessLogging = defineStackPolicy<{ accessLogBucket: string }>({
  name: "s3-bucket-access-logging",
  description:
    "Every bucket except the platform access-log bucket sends server access logs there; a project bucket logs under its own project-{uuid}/ folder.",
  severity: "medium",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Pass accessLogs { bucketName: <contract accessLogBucket>, prefix: ProjectNames.accessLogPrefix(purpose) } to SecureBucket, which adds an aws.s3.BucketLogging.",
  config: { accessLogBucket: "" },
  configSchema: {
    properties: {
      accessLogBucket: {
        type: "string",
        default: "",
        description:
          "exact name of the platform access-log bucket; empty accepts any glue-lake-access-logs-* bucket",
      },
    },
  },
  validate(ctx) {
    const buckets = ctx.resources.filter((r) => r.type === T.bucket);
    const byName = new Map(buckets.map((b) => [str(b.props.bucket), b] as const));
    const logging = new Map<PolicyResource, PolicyResource[]>(buckets.map((b) => [b, []]));
    for (const r of ctx.resources.filter((x) => x.type === T.bucketLogging)) {
      const b = bucketOf(r, byName);
      if (b) logging.get(b)?.push(r);
    }
    const expected = ctx.config.accessLogBucket;
    const isTarget = (name: string | undefined) => (expected ? name === expected : isAccessLogBucket(name));
    const targetHint =
      expected || "the platform access-log bucket (glue-lake-access-logs-*, contract key accessLogBucket)";
    for (const [bucket, configs] of logging) {
      const name = str(bucket.props.bucket);
      if (isAccessLogBucket(name)) continue;
      if (configs.length === 0) {
        ctx.report(bucket, "has no server access logging", `add an aws.s3.BucketLogging to ${targetHint}`);
        continue;
      }
      const project = owningProject(name);
      for (const c of configs) {
        const target = targetName(c);
        if (!isTarget(target)) ctx.report(c, `sends access logs to "${target}"`, `log to ${targetHint}`);
        const prefix = str(c.props.targetPrefix) ?? "";
        if (project && !prefix.startsWith(`project-${project}/`))
          ctx.report(
            c,
            `logs project bucket "${name}" under "${prefix}", outside its project's folder`,
            `use targetPrefix "project-${project}/<purpose>/" (ProjectNames.accessLogPrefix)`,
          );
      }
    }
  },
});
