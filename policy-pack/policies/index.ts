/** The catalogue: every policy of the pack, in one list that the pack, the offline gate and the tests
 * share. Constructing the PolicyPack happens only in ../index.ts. */
import { Policies } from "@pulumi/policy";
import { glueConnectionNetworkInPrivateSubnet } from "./glueConnectionNetworkInPrivateSubnet";
import { glueConnectionProjectSgAndPlatformSubnet } from "./glueConnectionProjectSgAndPlatformSubnet";
import { glueCrawlerProjectRoleAndDatabase } from "./glueCrawlerProjectRoleAndDatabase";
import { glueCrawlerIncrementalLogOnly } from "./glueCrawlerIncrementalLogOnly";
import { glueCrawlerNoDeleteFromDatabase } from "./glueCrawlerNoDeleteFromDatabase";
import { glueCrawlerTargetsProjectPrefixes } from "./glueCrawlerTargetsProjectPrefixes";
import { glueEncryptionSettings } from "./glueEncryptionSettings";
import { glueJobBookmarksOnBatch } from "./glueJobBookmarksOnBatch";
import { glueJobWorkerLimits } from "./glueJobWorkerLimits";
import { glueJobCodeFromProjectBucket } from "./glueJobCodeFromProjectBucket";
import { glueJobFlexForDevBatch } from "./glueJobFlexForDevBatch";
import { glueJobLoggingArguments } from "./glueJobLoggingArguments";
import { glueEventTriggerWired } from "./glueEventTriggerWired";
import { glueResourceNaming } from "./glueResourceNaming";
import { glueScheduleAwsCron } from "./glueScheduleAwsCron";
import { glueJobNoSecretsInArguments } from "./glueJobNoSecretsInArguments";
import { noSecretsInResourceValues } from "./noSecretsInResourceValues";
import { glueJobRequiresProjectConnection } from "./glueJobRequiresProjectConnection";
import { glueJobRetries } from "./glueJobRetries";
import { glueUsesProjectSecurityConfiguration } from "./glueUsesProjectSecurityConfiguration";
import { glueJobTimeout } from "./glueJobTimeout";
import { glueJobUsesProjectJobRole } from "./glueJobUsesProjectJobRole";
import { glueRoleByDependency } from "./glueRoleByDependency";
import { glueJobVersionAllowlist } from "./glueJobVersionAllowlist";
import { glueProjectDpuCap } from "./glueProjectDpuCap";
import { glueTriggerSameProject } from "./glueTriggerSameProject";
import { iamGlueSessionsPinnedToVpc } from "./iamGlueSessionsPinnedToVpc";
import { iamProjectRoleTrust } from "./iamProjectRoleTrust";
import { iamProjectRoleTrustExact } from "./iamProjectRoleTrustExact";
import { iamNoAwsManagedPolicies } from "./iamNoAwsManagedPolicies";
import { iamNoWildcardDataResources } from "./iamNoWildcardDataResources";
import { iamPassroleOwnRolesToGlue } from "./iamPassroleOwnRolesToGlue";
import { iamProjectPolicyIsolation } from "./iamProjectPolicyIsolation";
import { iamProjectActionAllowlist } from "./iamProjectActionAllowlist";
import { iamAttachOnlyOwnPolicies } from "./iamAttachOnlyOwnPolicies";
import { iamResourcePolicyScope } from "./iamResourcePolicyScope";
import { iamForallvaluesTagKeysPresent } from "./iamForallvaluesTagKeysPresent";
import { kmsKeyRotationAndDeletionWindow } from "./kmsKeyRotationAndDeletionWindow";
import { kmsCustomerManagedKeys } from "./kmsCustomerManagedKeys";
import { networkNoInternetPath } from "./networkNoInternetPath";
import { networkRequiredEndpointsAndFlowLogs } from "./networkRequiredEndpointsAndFlowLogs";
import { prodDataProtected } from "./prodDataProtected";
import { requiredTags } from "./requiredTags";
import { s3BucketAccessLogging } from "./s3BucketAccessLogging";
import { s3BucketSseKms } from "./s3BucketSseKms";
import { s3BucketHardening } from "./s3BucketHardening";
import { s3NoDeprecatedBucketTypes } from "./s3NoDeprecatedBucketTypes";
import { s3PublicAccessBlockAll } from "./s3PublicAccessBlockAll";
import { s3BucketPolicyTlsOnly } from "./s3BucketPolicyTlsOnly";
import { securityGroupNoOpenIngress } from "./securityGroupNoOpenIngress";
import { sqsQueueTlsOnly } from "./sqsQueueTlsOnly";
import { networkSecurityGroupScope } from "./networkSecurityGroupScope";
import { stackIdentityKnown } from "./stackIdentityKnown";
import { stackAllowedResourceTypes } from "./stackAllowedResourceTypes";
import { projectStackOwnProjectOnly } from "./projectStackOwnProjectOnly";
import { projectScopedReferences } from "./projectScopedReferences";
import { projectProviderSettings } from "./projectProviderSettings";
import { projectProviderPlugin } from "./projectProviderPlugin";
import { kmsKeyStoreAndAdmin } from "./kmsKeyStoreAndAdmin";
import { budgetProjectScope } from "./budgetProjectScope";
import { budgetMonthlyCostShape } from "./budgetMonthlyCostShape";
import { notificationEmailsAllowed } from "./notificationEmailsAllowed";
import { alarmProjectMetrics } from "./alarmProjectMetrics";
import { dashboardProjectMetrics } from "./dashboardProjectMetrics";
import { dashboardWidgetKinds } from "./dashboardWidgetKinds";
import { noSecretsInStackOutputs } from "./noSecretsInStackOutputs";
import { eventTargetKinds } from "./eventTargetKinds";
import { objectContentSources } from "./objectContentSources";
import { projectIgnoreChanges } from "./projectIgnoreChanges";
import { glueCatalogTableLocation } from "./glueCatalogTableLocation";
import { glueJobSpecialParameters } from "./glueJobSpecialParameters";
import { glueTriggerRunOverrides } from "./glueTriggerRunOverrides";
import { glueRuntimeContextArguments } from "./glueRuntimeContextArguments";
import { glueDqEvaluatorArguments } from "./glueDqEvaluatorArguments";
import { glueConnectionPropertiesAllowlist } from "./glueConnectionPropertiesAllowlist";
import { glueReferencesOwnResources } from "./glueReferencesOwnResources";
import { glueCatalogNoViews } from "./glueCatalogNoViews";
import { scheduleMinimumInterval } from "./scheduleMinimumInterval";
import { destinationsInProject } from "./destinationsInProject";
import { glueTriggerGraph } from "./glueTriggerGraph";
import { glueFailureChainRetries } from "./glueFailureChainRetries";
import { scheduleFloorSameWork } from "./scheduleFloorSameWork";
import { glueWorkflowRunProperties } from "./glueWorkflowRunProperties";
import { glueTableOptimizerScope } from "./glueTableOptimizerScope";
import { eventbridgeOwnEventsOnly } from "./eventbridgeOwnEventsOnly";
import { glueTriggerActionLimit } from "./glueTriggerActionLimit";
import { kmsKeySingleRegion } from "./kmsKeySingleRegion";
import { accountsAndRegionsInPlatform } from "./accountsAndRegionsInPlatform";
import { glueS3LocationsInProject } from "./glueS3LocationsInProject";
import { glueNoExternalAccessSettings } from "./glueNoExternalAccessSettings";
import { networkSecurityGroupInPlatformVpc } from "./networkSecurityGroupInPlatformVpc";
import { iamLakeListingByProjectPrefix } from "./iamLakeListingByProjectPrefix";
import { resourcePolicyNoEveryoneGrants } from "./resourcePolicyNoEveryoneGrants";
import { resourcePolicyProjectPrincipalActions } from "./resourcePolicyProjectPrincipalActions";
import { resourcePolicyPrincipalsInProject } from "./resourcePolicyPrincipalsInProject";

export const PACK_NAME = "glue-platform-guardrails";
/** Level of a policy that sets none (every policy here sets its own). */
export const PACK_ENFORCEMENT_LEVEL = "mandatory";

export const policies: Policies = [
  stackIdentityKnown,
  stackAllowedResourceTypes,
  projectStackOwnProjectOnly,
  projectScopedReferences,
  projectProviderSettings,
  projectProviderPlugin,
  glueCatalogTableLocation,
  glueTableOptimizerScope,
  glueJobSpecialParameters,
  glueTriggerRunOverrides,
  glueRuntimeContextArguments,
  glueDqEvaluatorArguments,
  glueConnectionPropertiesAllowlist,
  glueReferencesOwnResources,
  glueCatalogNoViews,
  scheduleMinimumInterval,
  glueJobRequiresProjectConnection,
  glueJobUsesProjectJobRole,
  glueRoleByDependency,
  glueResourceNaming,
  glueJobWorkerLimits,
  glueProjectDpuCap,
  glueJobTimeout,
  glueJobRetries,
  glueUsesProjectSecurityConfiguration,
  glueJobVersionAllowlist,
  glueJobLoggingArguments,
  glueJobNoSecretsInArguments,
  noSecretsInResourceValues,
  glueJobCodeFromProjectBucket,
  glueJobBookmarksOnBatch,
  glueJobFlexForDevBatch,
  glueCrawlerProjectRoleAndDatabase,
  glueCrawlerTargetsProjectPrefixes,
  glueCrawlerNoDeleteFromDatabase,
  glueTriggerSameProject,
  glueConnectionNetworkInPrivateSubnet,
  glueConnectionProjectSgAndPlatformSubnet,
  glueEncryptionSettings,
  securityGroupNoOpenIngress,
  networkSecurityGroupScope,
  iamProjectRoleTrust,
  iamProjectRoleTrustExact,
  iamNoAwsManagedPolicies,
  iamNoWildcardDataResources,
  iamProjectPolicyIsolation,
  iamProjectActionAllowlist,
  iamAttachOnlyOwnPolicies,
  iamResourcePolicyScope,
  iamPassroleOwnRolesToGlue,
  iamGlueSessionsPinnedToVpc,
  s3BucketSseKms,
  s3PublicAccessBlockAll,
  s3BucketPolicyTlsOnly,
  s3BucketHardening,
  s3NoDeprecatedBucketTypes,
  kmsKeyRotationAndDeletionWindow,
  kmsCustomerManagedKeys,
  kmsKeyStoreAndAdmin,
  requiredTags,
  prodDataProtected,
  networkNoInternetPath,
  networkRequiredEndpointsAndFlowLogs,
  s3BucketAccessLogging,
  sqsQueueTlsOnly,
  glueCrawlerIncrementalLogOnly,
  glueScheduleAwsCron,
  glueEventTriggerWired,
  iamForallvaluesTagKeysPresent,
  destinationsInProject,
  budgetProjectScope,
  budgetMonthlyCostShape,
  notificationEmailsAllowed,
  dashboardProjectMetrics,
  dashboardWidgetKinds,
  noSecretsInStackOutputs,
  alarmProjectMetrics,
  eventTargetKinds,
  objectContentSources,
  projectIgnoreChanges,
  glueTriggerGraph,
  glueFailureChainRetries,
  scheduleFloorSameWork,
  glueWorkflowRunProperties,
  eventbridgeOwnEventsOnly,
  glueTriggerActionLimit,
  kmsKeySingleRegion,
  accountsAndRegionsInPlatform,
  glueS3LocationsInProject,
  glueNoExternalAccessSettings,
  networkSecurityGroupInPlatformVpc,
  iamLakeListingByProjectPrefix,
  resourcePolicyNoEveryoneGrants,
  resourcePolicyProjectPrincipalActions,
  resourcePolicyPrincipalsInProject,
];
