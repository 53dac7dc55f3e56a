/** VPC endpoint services the platform provides; read by the policy pack too. Every service a project
 * role may call from the private subnets has one (docs/aws-facts.md "Endpoints"); a test derives the
 * services from the roles' policies and fails when one is missing. */
export const GATEWAY_ENDPOINT_SERVICES = ["s3", "dynamodb"] as const;
export const INTERFACE_ENDPOINT_SERVICES = [
  "glue",
  "logs",
  "kms",
  "sts",
  "monitoring",
  "secretsmanager",
  "sqs",
  "sns",
] as const;
