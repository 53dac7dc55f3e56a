import { defineResourcePolicy } from "../lib/define";
import { lakeLayerOfBucket, parseS3Uri } from "../lib/project";
import { stackIdentity } from "../lib/stackIdentity";
import { forEachString } from "../lib/walk";
import { T } from "../lib/types";

/** A workflow run property's name: a plain identifier. Glue special parameters are `--name`
 * (https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-glue-arguments.html); run
 * properties are read by scripts through GetWorkflowRunProperties
 * (https://docs.aws.amazon.com/glue/latest/dg/workflow-run-properties-code.html). */
const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const URI = /\b([a-z][a-z0-9+.-]*):\/\/[^\s"',;]+/gi;

export const glueWorkflowRunProperties = defineResourcePolicy({
  name: "glue-workflow-run-properties",
  description:
    "A workflow's default run properties are plain names (no Glue special parameters such as --extra-jars) whose values name no location outside the project: an s3:// URI must be a project bucket or the project's folder of a lake bucket; other URL schemes are refused.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Name run properties as identifiers (ENV, RUN_DATE); point S3 values at the project's buckets or its lake folders; pass code and libraries only through the job's locked arguments.",
  types: [T.workflow],
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return;
    const prefix = `project-${id.projectId}`;
    forEachString(ctx.props.defaultRunProperties, (path, text) => {
      const key = /^(?:\["(.*)"\]|([^.[]+))$/.exec(path);
      if (key && (key[1] ?? key[2]) === text && !PROPERTY_NAME.test(text)) {
        ctx.report(
          `defaultRunProperties key "${text}" is not a plain property name (Glue special parameters start with --)`,
          "use letters, digits and _ only; set Glue parameters on the job, where the platform locks them",
        );
        return;
      }
      for (const m of text.matchAll(URI)) {
        const scheme = m[1].toLowerCase();
        const s3 =
          scheme === "s3" || scheme === "s3a" || scheme === "s3n"
            ? parseS3Uri(`s3${m[0].slice(scheme.length)}`)
            : undefined;
        const own =
          s3 !== undefined &&
          (s3.bucket.toLowerCase().startsWith(`${prefix}-`) ||
            (lakeLayerOfBucket(s3.bucket) !== undefined && s3.key.startsWith(`${prefix}/`)));
        if (!own)
          ctx.report(
            `defaultRunProperties${path} names ${m[0]}, a location outside the project`,
            "use the project's buckets or its lake folders only",
          );
      }
    });
  },
});
