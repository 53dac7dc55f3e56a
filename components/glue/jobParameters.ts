/**
 * Every special job parameter on AWS's "Using job parameters in AWS Glue jobs" page
 * (https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-glue-arguments.html, plus the
 * logging page's `--custom-log*-prefix`; docs/aws-facts.md) and how the platform treats it. One
 * source for the job builders and the `glue-job-special-parameters` policy:
 *
 * - `locked`: the platform sets it in `nonOverridableArguments`, to exactly the value given here;
 * - `allowed`: a team may set it in `defaultArguments` (or lock it), within the values given;
 * - `forbidden`: it changes what code runs, where data or logs go, or the network path.
 *
 * A `--NAME` that is not a special parameter is a job parameter of the team's own (the spec's
 * `parameters`); any other dashed name is refused, so a parameter AWS adds later is judged before use.
 */

/** What a locked value depends on. */
export interface JobContext {
  readonly projectId: string;
  readonly env: string;
  /** The job's short name (`project-{uuid}-job-<short>`). */
  readonly jobShortName: string;
}

export type ParameterRule =
  | {
      readonly kind: "locked";
      /** The exact value, or a check returning why the value is wrong. */
      readonly value: (c: JobContext) => string | ((v: string) => string | undefined);
      readonly why: string;
    }
  | {
      readonly kind: "allowed";
      readonly check?: (v: string, c: JobContext) => string | undefined;
      readonly why: string;
    }
  | { readonly kind: "forbidden"; readonly why: string };

/** Iceberg on the Glue Data Catalog: the only table format and Spark catalog configuration a job may
 * lock (https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-format-iceberg.html). */
export const ICEBERG_DATALAKE_FORMATS = "iceberg";
export const ICEBERG_CATALOG_NAME = "glue_catalog";

/** The `--conf` value that wires Iceberg's Glue catalog with its warehouse under `warehouse`. */
export function icebergSparkConf(warehouse: string): string {
  const c = `spark.sql.catalog.${ICEBERG_CATALOG_NAME}`;
  return [
    "spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions",
    `${c}=org.apache.iceberg.spark.SparkCatalog`,
    `${c}.warehouse=${warehouse}`,
    `${c}.catalog-impl=org.apache.iceberg.aws.glue.GlueCatalog`,
    `${c}.io-impl=org.apache.iceberg.aws.s3.S3FileIO`,
  ].join(" --conf ");
}

const bucket = (c: JobContext, purpose: string) => `project-${c.projectId}-${purpose}-${c.env}`;
const oneOf =
  (...values: string[]) =>
  (v: string) =>
    values.includes(v) ? undefined : `must be one of ${values.join(", ")}`;
const bool = oneOf("true", "false");

/** Comma list of S3 files in the project's scripts bucket. */
function scriptsPaths(c: JobContext): (v: string) => string | undefined {
  return (v) => {
    const bad = v
      .split(",")
      .map((x) => x.trim())
      .filter((x) => !x.startsWith(`s3://${bucket(c, "scripts")}/`));
    return bad.length > 0 ? `${bad.join(", ")} is not in s3://${bucket(c, "scripts")}/` : undefined;
  };
}

/** `pkg==version` pins (PyPI) or wheels in the project's scripts bucket. */
function pinnedModules(v: string, c: JobContext): string | undefined {
  const bad = v
    .split(",")
    .map((x) => x.trim())
    .filter(
      (x) => !/^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]+\])?==[A-Za-z0-9][A-Za-z0-9.+!_-]*$/.test(x),
    )
    .filter((x) => !x.startsWith(`s3://${bucket(c, "scripts")}/`));
  return bad.length > 0
    ? `${bad.join(", ")} is neither pinned as package==version nor a wheel in the project's scripts bucket`
    : undefined;
}

/** `KEY=VAL,KEY2="v,w"` (values with commas quoted): each key must start with `CUSTOMER_`, the only
 * names AWS Glue passes to the job's environment; anything else (PYTHONPATH, AWS_ENDPOINT_URL,
 * PIP_INDEX_URL…) is refused rather than silently dropped
 * (https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-glue-arguments.html). */
function customerEnvVars(v: string): string | undefined {
  const entries = v.match(/(?:[^,"]|"[^"]*")+/g) ?? [];
  const bad = entries.map((e) => e.trim()).filter((e) => !/^CUSTOMER_[A-Za-z0-9_]+=/.test(e));
  return bad.length > 0
    ? `sets ${bad.map((e) => e.split("=")[0]).join(", ")}, but only CUSTOMER_<NAME>=value variables are allowed`
    : undefined;
}

/** Every `s3://` (s3a, s3n) location in `v` that is neither in one of the project's own buckets
 * (`project-{uuid}-<purpose>-{env}`) nor under its prefix of a platform lake bucket
 * (`glue-lake-<layer>-…-{env}/project-{uuid}/`). */
export function foreignS3Locations(v: string, c: JobContext): string[] {
  const own = new RegExp(`^s3[an]?://project-${c.projectId}-[a-z]+-${c.env}(/|$)`, "i");
  const lake = new RegExp(
    `^s3[an]?://glue-lake-(bronze|silver|gold)-[a-z0-9-]+-${c.env}/project-${c.projectId}/`,
    "i",
  );
  return (v.match(/s3[an]?:\/\/[^\s,"';]*/gi) ?? []).filter((u) => !own.test(u) && !lake.test(u));
}

/** The Iceberg `--conf`, with the warehouse under one of the project's own lake prefixes. */
function icebergConf(c: JobContext): (v: string) => string | undefined {
  return (v) => {
    const m = /\.warehouse=(\S+)/.exec(v);
    const warehouse = m?.[1];
    const ownPrefix = new RegExp(`^s3://glue-lake-(bronze|silver|gold)-[^/]+/project-${c.projectId}/`);
    if (!warehouse || !ownPrefix.test(warehouse) || v !== icebergSparkConf(warehouse))
      return `must be exactly the platform's Iceberg catalog configuration (icebergSparkConf in components/glue/jobParameters.ts) with the warehouse under the project's lake prefix s3://glue-lake-<layer>-…/project-${c.projectId}/`;
    return undefined;
  };
}

export const GLUE_JOB_PARAMETERS: Readonly<Record<string, ParameterRule>> = {
  "--TempDir": {
    kind: "locked",
    value: (c) => `s3://${bucket(c, "temp")}/jobs/${c.jobShortName}/`,
    why: "where Glue writes temporary data",
  },
  "--spark-event-logs-path": {
    kind: "locked",
    value: (c) => `s3://${bucket(c, "artifacts")}/spark-ui/${c.jobShortName}/`,
    why: "where Spark UI event logs go",
  },
  "--enable-metrics": { kind: "locked", value: () => "true", why: "job metrics" },
  "--enable-continuous-cloudwatch-log": { kind: "locked", value: () => "true", why: "continuous logging" },
  "--enable-observability-metrics": { kind: "locked", value: () => "true", why: "observability metrics" },
  "--enable-spark-ui": { kind: "locked", value: () => "true", why: "Spark UI" },
  "--extra-py-files": {
    kind: "locked",
    value: scriptsPaths,
    why: "extra Python files on the driver path (code)",
  },
  "--datalake-formats": {
    kind: "locked",
    value: () => ICEBERG_DATALAKE_FORMATS,
    why: "table format libraries (code)",
  },
  "--conf": { kind: "locked", value: icebergConf, why: "Spark configuration (catalogs, warehouses, jars)" },
  "--job-bookmark-option": {
    kind: "allowed",
    check: oneOf("job-bookmark-enable", "job-bookmark-disable", "job-bookmark-pause"),
    why: "job bookmarks",
  },
  "--enable-glue-datacatalog": {
    kind: "allowed",
    check: oneOf("true"),
    why: "the Data Catalog as metastore",
  },
  "--additional-python-modules": { kind: "allowed", check: pinnedModules, why: "Python packages (pinned)" },
  "--enable-auto-scaling": { kind: "allowed", check: bool, why: "auto scaling" },
  "--executor-cores": {
    kind: "allowed",
    check: (v) => (/^[1-9]\d?$/.test(v) ? undefined : "must be a small whole number"),
    why: "Spark task parallelism",
  },
  "--enable-job-insights": { kind: "allowed", check: bool, why: "job run insights" },
  "--auto-scale-within-microbatch": { kind: "allowed", check: bool, why: "streaming auto scaling" },
  "--enable-continuous-log-filter": { kind: "allowed", check: bool, why: "log filtering" },
  "--enable-s3-parquet-optimized-committer": { kind: "allowed", check: bool, why: "Parquet committer" },
  "--enable-rename-algorithm-v2": { kind: "allowed", check: bool, why: "output committer" },
  "--use-postgres-driver": { kind: "allowed", check: bool, why: "JDBC driver choice" },
  "--job-language": { kind: "allowed", check: oneOf("python"), why: "the platform runs Python jobs" },
  "--customer-driver-env-vars": {
    kind: "allowed",
    check: customerEnvVars,
    why: "CUSTOMER_* driver environment variables",
  },
  "--customer-executor-env-vars": {
    kind: "allowed",
    check: customerEnvVars,
    why: "CUSTOMER_* executor environment variables",
  },
  "--scriptLocation": { kind: "forbidden", why: "it replaces the job's script (code)" },
  "--class": { kind: "forbidden", why: "it picks a Scala entry point (code)" },
  "--extra-jars": { kind: "forbidden", why: "it puts jars on the classpath (code)" },
  "--extra-files": { kind: "forbidden", why: "it copies files into the driver's working folder (code)" },
  "--user-jars-first": { kind: "forbidden", why: "user jars shadow Glue's libraries (code)" },
  "--python-modules-installer-option": {
    kind: "forbidden",
    why: "pip options can point at another package index (supply chain)",
  },
  "--disable-proxy-v2": {
    kind: "forbidden",
    why: "it changes the network path of S3, CloudWatch and Glue calls",
  },
  "--continuous-log-logGroup": {
    kind: "forbidden",
    why: "it moves the job's logs (the platform anchors them)",
  },
  "--continuous-log-logStreamPrefix": { kind: "forbidden", why: "it moves the job's log streams" },
  "--continuous-log-conversionPattern": { kind: "forbidden", why: "it rewrites the job's log lines" },
  "--custom-logGroup-prefix": {
    kind: "forbidden",
    why: "it moves the job's logs (the platform anchors them)",
  },
  "--custom-logStream-prefix": { kind: "forbidden", why: "it moves the job's log streams" },
  "--encryption-type": {
    kind: "forbidden",
    why: "legacy SSE-S3; encryption comes from the security configuration",
  },
  "--enable-lakeformation-fine-grained-access": {
    kind: "forbidden",
    why: "the platform does not use Lake Formation; access is IAM-scoped per project",
  },
  "--write-shuffle-files-to-s3": { kind: "forbidden", why: "it writes shuffle data to another S3 location" },
  "--debug": { kind: "forbidden", why: "internal to AWS Glue (do not set)" },
  "--mode": { kind: "forbidden", why: "internal to AWS Glue (do not set)" },
  "--JOB_NAME": { kind: "forbidden", why: "internal to AWS Glue (do not set)" },
  "--endpoint": { kind: "forbidden", why: "internal to AWS Glue (do not set)" },
};

/** A team's own job parameter (`parameters` in the spec become `--NAME`). */
export const JOB_OWN_PARAMETER = /^--[A-Za-z][A-Za-z0-9_]{0,63}$/;
