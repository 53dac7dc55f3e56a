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
import { glueJobRequiresProjectConnection } from "./glueJobRequiresProjectConnection";
import { glueJobRetries } from "./glueJobRetries";
import { glueUsesProjectSecurityConfiguration } from "./glueJobSecurityConfiguration";
import { glueJobTimeout } from "./glueJobTimeout";
import { glueJobUsesProjectRole } from "./glueJobUsesProjectRole";
import { glueJobVersion } from "./glueJobVersion";
import { glueProjectDpuCap } from "./glueProjectDpuCap";
import { glueTriggerSameProject } from "./glueTriggerSameProject";
import { iamDevSessionPinning } from "./iamDevSessionPinning";
import { iamGlueRoleTrust } from "./iamGlueRoleTrust";
import { iamNoAwsManagedPolicies } from "./iamNoAwsManagedPolicies";
import { iamNoWildcardDataResources } from "./iamNoWildcardDataResources";
import { iamPassRole } from "./iamPassRole";
import { iamProjectScope } from "./iamProjectScope";
import { iamTagKeysPresent } from "./iamTagKeysPresent";
import { kmsKeyRotation } from "./kmsKeyRotation";
import { platformNoInternetPath } from "./platformNoInternetPath";
import { platformRequiredEndpoints } from "./platformRequiredEndpoints";
import { prodProtection } from "./prodProtection";
import { requiredTags } from "./requiredTags";
import { s3BucketEncryption } from "./s3BucketEncryption";
import { s3BucketHardening } from "./s3BucketHardening";
import { s3NoDeprecatedTypes } from "./s3NoDeprecatedTypes";
import { s3PublicAccessBlock } from "./s3PublicAccessBlock";
import { s3TlsOnlyPolicy } from "./s3TlsOnlyPolicy";
import { securityGroupIngress } from "./securityGroupIngress";

export const PACK_NAME = "glue-platform-guardrails";
/** Level of a policy that sets none (every policy here sets its own). */
export const PACK_ENFORCEMENT_LEVEL = "mandatory";

export const policies: Policies = [
  glueJobRequiresProjectConnection,
  glueJobUsesProjectRole,
  glueResourceNaming,
  glueJobCapacity,
  glueProjectDpuCap,
  glueJobTimeout,
  glueJobRetries,
  glueUsesProjectSecurityConfiguration,
  glueJobVersion,
  glueJobLoggingArguments,
  glueJobNoSecrets,
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
  iamGlueRoleTrust,
  iamNoAwsManagedPolicies,
  iamNoWildcardDataResources,
  iamProjectScope,
  iamPassRole,
  iamDevSessionPinning,
  s3BucketEncryption,
  s3PublicAccessBlock,
  s3TlsOnlyPolicy,
  s3BucketHardening,
  s3NoDeprecatedTypes,
  kmsKeyRotation,
  requiredTags,
  prodProtection,
  platformNoInternetPath,
  platformRequiredEndpoints,
  glueCrawlerIncrementalLogOnly,
  glueScheduleCron,
  glueEventTriggerWired,
  iamTagKeysPresent,
];
