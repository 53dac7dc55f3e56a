/** The least-privilege IAM policy the audit needs: exactly the read-only operations it calls. */
import { policyDocument, PolicyDocument } from "../../components/iam";

export const AUDIT_ACTIONS = [
  "sts:GetCallerIdentity",
  "glue:GetJobs",
  "glue:GetCrawlers",
  "glue:GetConnections",
  "glue:GetTriggers",
  "glue:GetTags",
  "iam:ListRoles",
  "iam:GetRole",
  "iam:ListAttachedRolePolicies",
  "iam:ListRolePolicies",
  "iam:GetRolePolicy",
  "iam:GetPolicy",
  "iam:GetPolicyVersion",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeVpcs",
  "ec2:DescribeSubnets",
  "ec2:DescribeVpcEndpoints",
  "ec2:DescribeManagedPrefixLists",
  "kms:ListAliases",
  "s3:ListAllMyBuckets",
  "s3:GetEncryptionConfiguration",
  "s3:GetBucketPublicAccessBlock",
  "s3:GetBucketVersioning",
  "s3:GetBucketPolicy",
  "s3:GetBucketOwnershipControls",
  "s3:GetBucketTagging",
] as const;

/** SDK operation → IAM action where the names differ (S3). */
export const OPERATION_ACTION: Record<string, string> = {
  "s3:ListBuckets": "s3:ListAllMyBuckets",
  "s3:GetBucketEncryption": "s3:GetEncryptionConfiguration",
  "s3:GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
};

export function actionOf(service: string, operation: string): string {
  const op = `${service}:${operation}`;
  return OPERATION_ACTION[op] ?? op;
}

export function auditReadOnlyPolicy(): PolicyDocument {
  // Listing and describing have no resource-level scoping for most of these actions.
  return policyDocument({
    Sid: "GluePlatformLiveAuditReadOnly",
    Effect: "Allow",
    Action: [...AUDIT_ACTIONS],
    Resource: "*",
  });
}
