/** VPC endpoint services the platform provides (glue-notes §4); read by the policy pack too. */
export const GATEWAY_ENDPOINT_SERVICES = ["s3", "dynamodb"] as const;
export const INTERFACE_ENDPOINT_SERVICES = [
  "glue",
  "logs",
  "kms",
  "sts",
  "monitoring",
  "secretsmanager",
] as const;
