/**
 * Pulumi resource and invoke type tokens (`<package>:<module>/<member>:<Member>`) of @pulumi/aws 7.x,
 * in one place: the policy pack, the allowlist of components/resourceTypes.ts, the gate's mocks, the
 * audit, the isolation proof and the tests name types through this table. A token is the `__pulumiType`
 * of the SDK class (e.g. `node_modules/@pulumi/aws/glue/job.js`); see
 * https://www.pulumi.com/docs/iac/concepts/resources/names/#types.
 */
export const TYPE = {
  // Glue
  job: "aws:glue/job:Job",
  crawler: "aws:glue/crawler:Crawler",
  trigger: "aws:glue/trigger:Trigger",
  workflow: "aws:glue/workflow:Workflow",
  connection: "aws:glue/connection:Connection",
  securityConfiguration: "aws:glue/securityConfiguration:SecurityConfiguration",
  catalogEncryption: "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings",
  catalogDatabase: "aws:glue/catalogDatabase:CatalogDatabase",
  catalogTable: "aws:glue/catalogTable:CatalogTable",
  dataQualityRuleset: "aws:glue/dataQualityRuleset:DataQualityRuleset",
  catalogTableOptimizer: "aws:glue/catalogTableOptimizer:CatalogTableOptimizer",
  // EC2 and VPC
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  route: "aws:ec2/route:Route",
  routeTable: "aws:ec2/routeTable:RouteTable",
  routeTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  flowLog: "aws:ec2/flowLog:FlowLog",
  internetGateway: "aws:ec2/internetGateway:InternetGateway",
  egressOnlyInternetGateway: "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
  natGateway: "aws:ec2/natGateway:NatGateway",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  sgIngressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  sgEgressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  // IAM
  role: "aws:iam/role:Role",
  policy: "aws:iam/policy:Policy",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
  rolePoliciesExclusive: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
  user: "aws:iam/user:User",
  group: "aws:iam/group:Group",
  userPolicy: "aws:iam/userPolicy:UserPolicy",
  groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
  userPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  groupPolicyAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  userPoliciesExclusive: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
  groupPoliciesExclusive: "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
  // S3
  bucket: "aws:s3/bucket:Bucket",
  bucketV2: "aws:s3/bucketV2:BucketV2",
  bucketSse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  bucketPab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  bucketVersioning: "aws:s3/bucketVersioning:BucketVersioning",
  bucketOwnership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  bucketLogging: "aws:s3/bucketLogging:BucketLogging",
  bucketLifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  bucketNotification: "aws:s3/bucketNotification:BucketNotification",
  bucketObject: "aws:s3/bucketObjectv2:BucketObjectv2",
  // KMS, messaging, monitoring, data
  kmsKey: "aws:kms/key:Key",
  kmsAlias: "aws:kms/alias:Alias",
  queue: "aws:sqs/queue:Queue",
  queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  topicSubscription: "aws:sns/topicSubscription:TopicSubscription",
  eventRule: "aws:cloudwatch/eventRule:EventRule",
  eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
  dynamoTable: "aws:dynamodb/table:Table",
  budget: "aws:budgets/budget:Budget",
  trail: "aws:cloudtrail/trail:Trail",
  // Pulumi
  stack: "pulumi:pulumi:Stack",
  stackReference: "pulumi:pulumi:StackReference",
} as const;

/** Invoke (data source) tokens the mocks answer. */
export const INVOKE = {
  callerIdentity: "aws:index/getCallerIdentity:getCallerIdentity",
  region: "aws:index/getRegion:getRegion",
  partition: "aws:index/getPartition:getPartition",
  availabilityZones: "aws:index/getAvailabilityZones:getAvailabilityZones",
  policyDocument: "aws:iam/getPolicyDocument:getPolicyDocument",
} as const;

export type TypeToken = (typeof TYPE)[keyof typeof TYPE];
