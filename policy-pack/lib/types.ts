/** Resource type tokens the policies match: the one table of components/typeTokens.ts
 * (https://www.pulumi.com/docs/iac/concepts/resources/names/#types). */
export { TYPE as T } from "../../components/typeTokens";
/** Deprecated S3 V2 tokens (docs/pulumi-facts.md "Project and stack files, packs, tests"): rules keyed on the v7 names never see them. */
export const DEPRECATED_S3_TYPES = [
  "aws:s3/bucketV2:BucketV2",
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  "aws:s3/bucketVersioningV2:BucketVersioningV2",
  "aws:s3/bucketLoggingV2:BucketLoggingV2",
  "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
  "aws:s3/bucketAclV2:BucketAclV2",
  "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2",
  "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
  "aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2",
  "aws:s3/bucketAccelerateConfigurationV2:BucketAccelerateConfigurationV2",
  "aws:s3/bucketRequestPaymentConfigurationV2:BucketRequestPaymentConfigurationV2",
];
