/** Every resource type that carries a resource-based policy, and the property holding it. A role's
 * trust policy is the role's resource policy
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html). */
import { T } from "./types";

export const RESOURCE_POLICY_FIELDS: Readonly<Record<string, string>> = {
  [T.bucketPolicy]: "policy",
  [T.kmsKey]: "policy",
  "aws:kms/keyPolicy:KeyPolicy": "policy",
  "aws:glue/resourcePolicy:ResourcePolicy": "policy",
  "aws:sns/topic:Topic": "policy",
  "aws:sns/topicPolicy:TopicPolicy": "policy",
  "aws:sqs/queue:Queue": "policy",
  "aws:sqs/queuePolicy:QueuePolicy": "policy",
  "aws:secretsmanager/secret:Secret": "policy",
  "aws:secretsmanager/secretPolicy:SecretPolicy": "policy",
  "aws:dynamodb/resourcePolicy:ResourcePolicy": "policy",
  "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": "policyDocument",
  "aws:cloudwatch/eventBusPolicy:EventBusPolicy": "policy",
  "aws:ecr/repositoryPolicy:RepositoryPolicy": "policy",
  "aws:s3/accessPointPolicy:AccessPointPolicy": "accessPointPolicy",
  [T.vpcEndpoint]: "policy",
  [T.role]: "assumeRolePolicy",
};
