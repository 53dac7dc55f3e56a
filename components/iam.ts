/** IAM policy documents as typed values. Documents are built as plain JSON (not getPolicyDocument
 * invokes) so that every statement is known at preview and visible to the policy pack. */
export type Principal = "*" | { Service?: string | string[]; AWS?: string | string[]; Federated?: string };
export type ConditionBlock = Record<string, Record<string, string | string[] | boolean>>;

export interface Statement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: Principal;
  NotPrincipal?: Principal;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: Statement[];
}

export function policyDocument(...statements: Statement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

export function toJson(doc: PolicyDocument): string {
  return JSON.stringify(doc);
}

/** Trust policy for a service principal, pinned to the account (confused-deputy protection). */
export function serviceTrust(service: string, accountId: string): PolicyDocument {
  return policyDocument({
    Effect: "Allow",
    Principal: { Service: service },
    Action: "sts:AssumeRole",
    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
  });
}

/** Trust for people: principals of the account whose ARN matches one of the patterns and whose
 * principal tag `tagKey` has the given value (an SSO permission set or federated role with session
 * tags). Never a service. */
export function humanTrust(
  accountRootArn: string,
  arnPatterns: string[],
  tag: { key: string; value: string },
): PolicyDocument {
  return policyDocument({
    Sid: "PeopleOfThisProject",
    Effect: "Allow",
    Principal: { AWS: accountRootArn },
    Action: "sts:AssumeRole",
    Condition: {
      ArnLike: { "aws:PrincipalArn": arnPatterns },
      StringEquals: { [`aws:PrincipalTag/${tag.key}`]: tag.value },
    },
  });
}

/** Bucket policy statements every data bucket carries: TLS only, and optionally SSE-KMS on PutObject. */
export function bucketGuardStatements(bucketArn: string, opts: { requireKms: boolean }): Statement[] {
  const statements: Statement[] = [
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ];
  if (opts.requireKms) {
    statements.push({
      Sid: "DenyPutWithoutSseKms",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: `${bucketArn}/*`,
      Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
    });
  }
  return statements;
}

/** Queue policy statements every queue carries: TLS only. It grants nothing: the project's own
 * roles send through their identity policies in the same account, so no principal is allowed here. */
export function queueGuardStatements(queueArn: string): Statement[] {
  return [
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "sqs:*",
      Resource: queueArn,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ];
}
