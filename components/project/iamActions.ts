/**
 * Action groups the project policies grant (iamDocuments.ts) and the default-deny allowlist accepts
 * (iamAllowlist.ts): written once. Pure data, so the policy pack can import it without the builders.
 */
import { runtimeMetricsNamespace } from "../naming";

export const S3_READ = ["s3:GetObject", "s3:GetObjectVersion"];
export const S3_WRITE = ["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"];
export const KMS_USE = [
  "kms:Decrypt",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:DescribeKey",
];
export const CATALOG_READ = [
  "glue:GetDatabase",
  "glue:GetDatabases",
  "glue:GetTable",
  "glue:GetTables",
  "glue:GetTableVersion",
  "glue:GetTableVersions",
  "glue:GetPartition",
  "glue:GetPartitions",
  "glue:BatchGetPartition",
  "glue:GetUserDefinedFunction",
  "glue:GetUserDefinedFunctions",
];
export const CATALOG_WRITE = [
  "glue:CreateTable",
  "glue:UpdateTable",
  "glue:DeleteTable",
  "glue:BatchDeleteTable",
  "glue:CreatePartition",
  "glue:BatchCreatePartition",
  "glue:UpdatePartition",
  "glue:BatchUpdatePartition",
  "glue:DeletePartition",
  "glue:BatchDeletePartition",
];

/** Running the project's own jobs and crawlers (a person's dev role; the allowlist admits them). */
export const RUN_JOBS_AND_CRAWLERS = [
  "glue:GetJob",
  "glue:StartJobRun",
  "glue:GetJobRun",
  "glue:GetJobRuns",
  "glue:BatchStopJobRun",
  "glue:StartCrawler",
  "glue:GetCrawler",
];

/** Describing the network a Glue connection runs in (EC2 Describe actions take no resource-level
 * permissions: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html). */
export const DESCRIBE_NETWORK = [
  "ec2:DescribeVpcEndpoints",
  "ec2:DescribeRouteTables",
  "ec2:DescribeSubnets",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeVpcAttribute",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeVpcs",
  "ec2:DescribeDhcpOptions",
];

/** Using an interactive session once created (the dev role's own sessions, scoped by the Project tag). */
export const USE_SESSIONS = [
  "glue:GetSession",
  "glue:StopSession",
  "glue:DeleteSession",
  "glue:RunStatement",
  "glue:GetStatement",
  "glue:ListStatements",
  "glue:CancelStatement",
];
/** CloudWatch namespace of Glue's own job metrics (`--enable-metrics`,
 * https://docs.aws.amazon.com/glue/latest/dg/monitoring-awsglue-with-cloudwatch-metrics.html). */
export const GLUE_METRICS_NAMESPACE = "Glue";
/** The only namespaces a project identity may publish metrics in. */
export const projectMetricNamespaces = (projectPrefix: string): string[] => [
  GLUE_METRICS_NAMESPACE,
  runtimeMetricsNamespace(projectPrefix),
];
/** The services through which project roles use the shared platform (lake) key: S3 for the lake
 * buckets, Glue for the Data Catalog (kms:ViaService, docs/aws-facts.md "Lake key"). */
export const PLATFORM_KEY_SERVICES = ["s3", "glue"];
