/** Every resource type that carries a resource-based policy, and the property holding it. A role's
 * trust policy is the role's resource policy
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html). */
import { T } from "./types";

export const RESOURCE_POLICY_FIELDS: Readonly<Record<string, string>> = {
  [T.bucketPolicy]: "policy",
  [T.kmsKey]: "policy",
  [T.kmsKeyPolicy]: "policy",
  [T.glueResourcePolicy]: "policy",
  [T.topic]: "policy",
  [T.topicPolicy]: "policy",
  [T.queue]: "policy",
  [T.queuePolicy]: "policy",
  [T.secret]: "policy",
  [T.secretPolicy]: "policy",
  [T.dynamoResourcePolicy]: "policy",
  [T.logResourcePolicy]: "policyDocument",
  [T.eventBusPolicy]: "policy",
  [T.ecrRepositoryPolicy]: "policy",
  [T.s3AccessPointPolicy]: "policy",
  [T.vpcEndpoint]: "policy",
  [T.role]: "assumeRolePolicy",
};
