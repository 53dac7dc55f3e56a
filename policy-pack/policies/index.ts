/** The catalogue: every policy of the pack, in one list that the pack, the offline gate and the tests
 * share. Constructing the PolicyPack happens only in ../index.ts. */
import { Policies } from "@pulumi/policy";
import { glueConnectionNetwork } from "./glueConnectionNetwork";
import { glueConnectionPlacement } from "./glueConnectionPlacement";
import { glueCrawlerProjectRoleAndDatabase } from "./glueCrawlerProjectRoleAndDatabase";
import { glueCrawlerIncrementalLogOnly } from "./glueCrawlerIncrementalLogOnly";
import { glueCrawlerSchemaChange } from "./glueCrawlerSchemaChange";
import { glueCrawlerTargets } from "./glueCrawlerTargets";
import { glueEncryption } from "./glueEncryption";
import { glueJobBookmarks } from "./glueJobBookmarks";
import { glueJobCapacity } from "./glueJobCapacity";
import { glueJobCodeLocation } from "./glueJobCodeLocation";
import { glueJobFlexInDev } from "./glueJobFlexInDev";
import { glueJobLoggingArguments } from "./glueJobLoggingArguments";
import { glueEventTriggerWired } from "./glueEventTriggerWired";
import { glueResourceNaming } from "./glueJobNaming";
import { glueScheduleCron } from "./glueScheduleCron";
import { glueJobNoSecrets } from "./glueJobNoSecrets";
import { noSecretsInResourceValues } from "./noSecretsInResourceValues";
import { glueJobRequiresProjectConnection } from "./glueJobRequiresProjectConnection";
import { glueJobRetries } from "./glueJobRetries";
import { glueUsesProjectSecurityConfiguration } from "./glueJobSecurityConfiguration";
import { glueJobTimeout } from "./glueJobTimeout";
import { glueJobUsesProjectRole } from "./glueJobUsesProjectRole";
import { glueRoleByDependency } from "./glueRoleByDependency";
import { glueJobVersion } from "./glueJobVersion";
import { glueProjectDpuCap } from "./glueProjectDpuCap";
import { glueTriggerSameProject } from "./glueTriggerSameProject";
import { iamDevSessionPinning } from "./iamDevSessionPinning";
import { iamGlueRoleTrust } from "./iamGlueRoleTrust";
import { iamNoAwsManagedPolicies } from "./iamNoAwsManagedPolicies";
import { iamNoWildcardDataResources } from "./iamNoWildcardDataResources";
import { iamPassRole } from "./iamPassRole";
import { iamProjectScope } from "./iamProjectScope";
import { iamProjectActionAllowlist } from "./iamProjectActionAllowlist";
import { iamAttachOwnPolicies } from "./iamAttachOwnPolicies";
import { iamResourcePolicyScope } from "./iamResourcePolicyScope";
import { iamTagKeysPresent } from "./iamTagKeysPresent";
import { kmsKeyRotation } from "./kmsKeyRotation";
import { kmsCustomerManagedKeys } from "./kmsCustomerManagedKeys";
import { platformNoInternetPath } from "./platformNoInternetPath";
import { platformRequiredEndpoints } from "./platformRequiredEndpoints";
import { prodProtection } from "./prodProtection";
import { requiredTags } from "./requiredTags";
import { s3BucketAccessLogging } from "./s3BucketAccessLogging";
import { s3BucketEncryption } from "./s3BucketEncryption";
import { s3BucketHardening } from "./s3BucketHardening";
import { s3NoDeprecatedTypes } from "./s3NoDeprecatedTypes";
import { s3PublicAccessBlock } from "./s3PublicAccessBlock";
import { s3TlsOnlyPolicy } from "./s3TlsOnlyPolicy";
import { securityGroupIngress } from "./securityGroupIngress";
import { sqsQueueTlsOnly } from "./sqsQueueTlsOnly";
import { networkSecurityGroupScope } from "./networkSecurityGroupScope";
import { stackIdentityKnown } from "./stackIdentity";
import { stackAllowedResourceTypes } from "./stackAllowedResourceTypes";
import { projectScope } from "./projectScope";
import { projectScopedReferences } from "./projectScopedReferences";
import { projectProviderSettings } from "./projectProviderSettings";
import { projectProviderPlugin } from "./projectProviderPlugin";
import { kmsKeyStoreAndAdmin } from "./kmsKeyStoreAndAdmin";
import { budgetProjectScope } from "./budgetProjectScope";
import { notificationEmailsAllowed } from "./notificationEmailsAllowed";
import { dashboardProjectMetrics } from "./dashboardProjectMetrics";
import { eventTargetKinds } from "./eventTargetKinds";
import { objectContentSources } from "./objectContentSources";
import { projectIgnoreChanges } from "./projectIgnoreChanges";
import { glueCatalogTableLocation } from "./glueCatalogTableLocation";
import { glueJobSpecialParameters } from "./glueJobSpecialParameters";
import { glueTriggerRunOverrides } from "./glueTriggerRunOverrides";
import { scheduleMinimumInterval } from "./scheduleMinimumInterval";
import { destinationsInProject } from "./destinationsInProject";
import { glueTriggerGraph } from "./glueTriggerGraph";
import { glueWorkflowRunProperties } from "./glueWorkflowRunProperties";

export const PACK_NAME = "glue-platform-guardrails";
/** Level of a policy that sets none (every policy here sets its own). */
export const PACK_ENFORCEMENT_LEVEL = "mandatory";

export const policies: Policies = [
  stackIdentityKnown,
  stackAllowedResourceTypes,
  projectScope,
  projectScopedReferences,
  projectProviderSettings,
  projectProviderPlugin,
  glueCatalogTableLocation,
  glueJobSpecialParameters,
  glueTriggerRunOverrides,
  scheduleMinimumInterval,
  glueJobRequiresProjectConnection,
  glueJobUsesProjectRole,
  glueRoleByDependency,
  glueResourceNaming,
  glueJobCapacity,
  glueProjectDpuCap,
  glueJobTimeout,
  glueJobRetries,
  glueUsesProjectSecurityConfiguration,
  glueJobVersion,
  glueJobLoggingArguments,
  glueJobNoSecrets,
  noSecretsInResourceValues,
  glueJobCodeLocation,
  glueJobBookmarks,
  glueJobFlexInDev,
  glueCrawlerProjectRoleAndDatabase,
  glueCrawlerTargets,
  glueCrawlerSchemaChange,
  glueTriggerSameProject,
  glueConnectionNetwork,
  glueConnectionPlacement,
  glueEncryption,
  securityGroupIngress,
  networkSecurityGroupScope,
  iamGlueRoleTrust,
  iamNoAwsManagedPolicies,
  iamNoWildcardDataResources,
  iamProjectScope,
  iamProjectActionAllowlist,
  iamAttachOwnPolicies,
  iamResourcePolicyScope,
  iamPassRole,
  iamDevSessionPinning,
  s3BucketEncryption,
  s3PublicAccessBlock,
  s3TlsOnlyPolicy,
  s3BucketHardening,
  s3NoDeprecatedTypes,
  kmsKeyRotation,
  kmsCustomerManagedKeys,
  kmsKeyStoreAndAdmin,
  requiredTags,
  prodProtection,
  platformNoInternetPath,
  platformRequiredEndpoints,
  s3BucketAccessLogging,
  sqsQueueTlsOnly,
  glueCrawlerIncrementalLogOnly,
  glueScheduleCron,
  glueEventTriggerWired,
  iamTagKeysPresent,
  destinationsInProject,
  budgetProjectScope,
  notificationEmailsAllowed,
  dashboardProjectMetrics,
  eventTargetKinds,
  objectContentSources,
  projectIgnoreChanges,
  glueTriggerGraph,
  glueWorkflowRunProperties,
];
