/** A customer-managed KMS key with rotation, alias and a key policy that lets CloudWatch Logs use it
 * only for named log groups (encryption-context condition, docs/aws-facts.md "Log groups";
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html). */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountScope, arns } from "./arn";
import { PolicyDocument, policyDocument, Statement, toJson } from "./iam";

export interface KeyPolicyArgs {
  readonly scope: AccountScope;
  /** Log-group name patterns (e.g. `/glue-platform/dev/*`) CloudWatch Logs may encrypt with the key. */
  readonly logGroupPatterns: readonly string[];
  readonly extraStatements?: readonly Statement[];
}

export function keyPolicy(args: KeyPolicyArgs): PolicyDocument {
  const { scope } = args;
  return policyDocument(
    {
      Sid: "EnableIamPoliciesOfTheAccount",
      Effect: "Allow",
      Principal: { AWS: arns.accountRoot(scope) },
      Action: "kms:*",
      Resource: "*",
    },
    {
      Sid: "AllowCloudWatchLogsForNamedLogGroups",
      Effect: "Allow",
      Principal: { Service: `logs.${scope.region}.amazonaws.com` },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: {
        ArnLike: {
          "kms:EncryptionContext:aws:logs:arn": args.logGroupPatterns.map((p) => arns.logGroup(scope, p)),
        },
      },
    },
    ...(args.extraStatements ?? []),
  );
}

export interface ManagedKeyArgs {
  readonly scope: AccountScope;
  readonly policy: PolicyDocument;
  readonly description: string;
  readonly alias: string;
  readonly deletionWindowInDays: number;
  readonly tags: Record<string, string>;
  readonly protect: boolean;
}

export class ManagedKey extends pulumi.ComponentResource {
  readonly key: aws.kms.Key;
  readonly arn: pulumi.Output<string>;
  readonly aliasArn: string;

  constructor(name: string, args: ManagedKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("glue:components:ManagedKey", name, {}, opts);
    this.key = new aws.kms.Key(
      name,
      {
        description: args.description,
        enableKeyRotation: true,
        deletionWindowInDays: args.deletionWindowInDays,
        keyUsage: "ENCRYPT_DECRYPT",
        customerMasterKeySpec: "SYMMETRIC_DEFAULT",
        policy: toJson(args.policy),
        tags: args.tags,
      },
      { parent: this, protect: args.protect, retainOnDelete: args.protect },
    );
    new aws.kms.Alias(name, { name: args.alias, targetKeyId: this.key.keyId }, { parent: this });
    this.arn = this.key.arn;
    this.aliasArn = arns.kmsAlias(args.scope, args.alias);
    this.registerOutputs({ arn: this.arn });
  }
}
