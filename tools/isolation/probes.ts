/**
 * The probe set and the explicit table of what each role must and must not be able to do. Expected
 * results come from this table only, never from the simulator.
 */
import { arn as arnOf, arns } from "../../components/arn";
import { LAKE_LAYERS, PROJECT_BUCKET_PURPOSES } from "../../components/naming";
import { DEFAULT_ACCOUNT } from "../runner/mocks";
import { PlatformAccess, ProjectAccess, RoleKind, ROLE_KINDS } from "./model";
import { addOwnResourceProbes, OWN_RESOURCE_EXPECTED_ACCESS } from "./ownResourceProbes";
import { personProbes, TRUST_EXPECTED_ACCESS } from "./trustProbes";
import { addRuntimeProbes, RUNTIME_EXPECTED_ACCESS } from "./runtimeProbes";

export type Scope = "own" | "foreign";

/** Per probe kind: which roles may do it on their own project, and on another project. */
export const EXPECTED_ACCESS: ExpectedAccess = {
  "lake-get": { own: ["job", "crawler", "dev"], foreign: [], what: "s3:GetObject on a lake prefix" },
  "lake-list": { own: ["job", "crawler", "dev"], foreign: [], what: "s3:ListBucket of a lake prefix" },
  "lake-put": { own: ["job", "dev"], foreign: [], what: "s3:PutObject (SSE-KMS) on a lake prefix" },
  "lake-delete": { own: ["job", "dev"], foreign: [], what: "s3:DeleteObject on a lake prefix" },
  "lake-put-unencrypted": { own: [], foreign: [], what: "s3:PutObject without SSE-KMS" },
  "lake-get-insecure": { own: [], foreign: [], what: "s3:GetObject without TLS" },
  "bucket-get": { own: ["job", "dev"], foreign: [], what: "s3:GetObject in scripts/temp/artifacts" },
  "bucket-put-work": { own: ["job", "dev"], foreign: [], what: "s3:PutObject in temp/artifacts" },
  "bucket-put-scripts": { own: [], foreign: [], what: "s3:PutObject in scripts (only the stack uploads)" },
  "connection-get": {
    own: ["job", "crawler", "dev"],
    foreign: [],
    what: "glue:GetConnection (catalog+connection)",
  },
  "kms-decrypt": { own: ["job", "crawler", "dev"], foreign: [], what: "kms:Decrypt with the project key" },
  "kms-generate": {
    own: ["job", "crawler", "dev"],
    foreign: [],
    what: "kms:GenerateDataKey with the project key",
  },
  "sqs-send": { own: ["job"], foreign: [], what: "sqs:SendMessage to the dead-letter queue" },
  "sns-publish": { own: ["job"], foreign: [], what: "sns:Publish to the notification topic" },
  "ddb-put": { own: ["job"], foreign: [], what: "dynamodb:PutItem in the job-state table" },
  "passrole-glue": { own: ["job", "dev"], foreign: [], what: "iam:PassRole of the job role to Glue" },
  "passrole-ec2": { own: [], foreign: [], what: "iam:PassRole of the job role to EC2" },
  "session-in-vpc": {
    own: ["dev"],
    foreign: [],
    what: "glue:CreateSession in the platform VPC, tagged with the project",
  },
  "session-outside-vpc": { own: [], foreign: [], what: "glue:CreateSession in another VPC" },
  "platform-key": {
    own: ["job", "crawler", "dev"],
    foreign: [],
    what: "kms:Decrypt with the shared lake key through S3 or Glue",
  },
  "platform-key-direct": {
    own: [],
    foreign: [],
    what: "kms:Decrypt with the shared lake key, not via S3/Glue",
  },
  "platform-key-other-service": {
    own: [],
    foreign: [],
    what: "kms:Decrypt with the shared lake key via another service (SQS)",
  },
  "eni-delete-glue": {
    own: ["job", "crawler"],
    foreign: [],
    what: "ec2:DeleteNetworkInterface of a Glue interface tagged for the project",
  },
  "eni-delete-untagged": {
    own: [],
    foreign: [],
    what: "ec2:DeleteNetworkInterface of a platform interface (no Glue tag)",
  },
  "eni-tag-glue": {
    own: ["job", "crawler"],
    foreign: [],
    what: "ec2:CreateTags aws-glue-service-resource on an interface in the platform VPC",
  },
  "sg-tag-glue": {
    own: ["job", "crawler"],
    foreign: [],
    what: "ec2:CreateTags aws-glue-service-resource on the project's security group",
  },
  "sg-tag-no-keys": { own: [], foreign: [], what: "ec2:CreateTags/DeleteTags sending no tag keys" },
  "instance-tag": { own: [], foreign: [], what: "ec2:CreateTags on an instance" },
  "logs-write": {
    own: ["job", "crawler"],
    foreign: [],
    what: "logs:CreateLogGroup/PutLogEvents on the project's anchored Glue log group",
  },
  "bookmark-reset": { own: [], foreign: [], what: "glue:ResetJobBookmark (wildcard-only action)" },
  "secret-read": { own: ["job"], foreign: [], what: "secretsmanager:GetSecretValue of project-{uuid}/…" },
  "secret-key-decrypt": {
    own: ["job", "crawler", "dev"],
    foreign: [],
    what: "kms:Decrypt with the project key via Secrets Manager",
  },
  "secret-other-key": {
    own: [],
    foreign: [],
    what: "kms:Decrypt via Secrets Manager with another key (aws/secretsmanager)",
  },
  "session-list": { own: [], foreign: [], what: "glue:ListSessions (wildcard-only, lists every project)" },
  ...TRUST_EXPECTED_ACCESS,
  ...OWN_RESOURCE_EXPECTED_ACCESS,
  ...RUNTIME_EXPECTED_ACCESS,
  "session-get": { own: ["dev"], foreign: [], what: "glue:GetSession of a session tagged for the project" },
};

/** What a kind of probe expects: the role kinds allowed on their own project and on another one. */
export type ExpectedAccess = Record<string, { own: RoleKind[]; foreign: RoleKind[]; what: string }>;

/** Adds one probe kind's checks (with request context, and a suffix that keeps its id unique). */
export type AddProbe = (
  kind: string,
  checks: Check[],
  context?: Record<string, string | string[]>,
  suffix?: string,
) => void;

export interface Check {
  readonly action: string;
  readonly resource: string;
  readonly resourcePolicy?: unknown;
}

export interface Probe {
  readonly id: string;
  readonly kind: string;
  readonly principal: ProjectAccess;
  readonly role: RoleKind;
  readonly target: string;
  readonly scope: Scope;
  /** All checks must be allowed for the request to succeed (e.g. catalog + database + table). */
  readonly checks: Check[];
  readonly context: Record<string, string | string[]>;
  readonly expectAllowed: boolean;
  /** Evaluate as this principal instead of the project role (people assuming the dev role). */
  readonly as?: { arn: string; identityPolicies: { name: string; policy: unknown }[] };
}

const ACCOUNT = DEFAULT_ACCOUNT.accountId;

export function buildProbes(projects: ProjectAccess[], platform: PlatformAccess): Probe[] {
  const probes: Probe[] = [];
  const region = platform.region;
  const account = { ...DEFAULT_ACCOUNT, region };
  const arn = (svc: string, res: string, global = false) => arnOf(account, svc, res, { global });
  for (const p of projects) {
    for (const role of ROLE_KINDS) {
      const base = {
        "aws:SecureTransport": "true",
        "aws:PrincipalArn": p.roles[role].arn,
        "aws:PrincipalAccount": ACCOUNT,
      };
      for (const t of projects) {
        const scope: Scope = t === p ? "own" : "foreign";
        const add = (
          kind: string,
          checks: Check[],
          context: Record<string, string | string[]> = {},
          suffix = "",
        ) => {
          probes.push({
            id: `${p.slug}/${role} → ${t.slug}: ${kind}${suffix}`,
            kind,
            principal: p,
            role,
            target: t.slug,
            scope,
            checks,
            context: { ...base, ...context },
            expectAllowed: EXPECTED_ACCESS[kind][scope].includes(role),
          });
        };
        const prefix = t.names.lakePrefix();
        for (const layer of LAKE_LAYERS) {
          const bucket = platform.lakeBuckets[layer];
          const policy = platform.bucketPolicies.get(bucket);
          const object = arns.bucket(account, `${bucket}/${prefix}data/part-0.parquet`);
          const sfx = ` (${layer})`;
          add("lake-get", [{ action: "s3:GetObject", resource: object, resourcePolicy: policy }], {}, sfx);
          add(
            "lake-list",
            [{ action: "s3:ListBucket", resource: arns.bucket(account, bucket), resourcePolicy: policy }],
            { "s3:prefix": prefix },
            sfx,
          );
          add(
            "lake-put",
            [{ action: "s3:PutObject", resource: object, resourcePolicy: policy }],
            { "s3:x-amz-server-side-encryption": "aws:kms" },
            sfx,
          );
          add(
            "lake-delete",
            [{ action: "s3:DeleteObject", resource: object, resourcePolicy: policy }],
            {},
            sfx,
          );
          add(
            "lake-put-unencrypted",
            [{ action: "s3:PutObject", resource: object, resourcePolicy: policy }],
            {},
            sfx,
          );
          add(
            "lake-get-insecure",
            [{ action: "s3:GetObject", resource: object, resourcePolicy: policy }],
            { "aws:SecureTransport": "false" },
            sfx,
          );
        }
        for (const purpose of PROJECT_BUCKET_PURPOSES) {
          const bucket = t.names.bucket(purpose);
          const policy = t.bucketPolicies.get(bucket);
          const object = arns.bucket(account, `${bucket}/jobs/x/file`);
          add(
            "bucket-get",
            [{ action: "s3:GetObject", resource: object, resourcePolicy: policy }],
            {},
            ` (${purpose})`,
          );
          const put = purpose === "scripts" ? "bucket-put-scripts" : "bucket-put-work";
          add(
            put,
            [{ action: "s3:PutObject", resource: object, resourcePolicy: policy }],
            { "s3:x-amz-server-side-encryption": "aws:kms" },
            ` (${purpose})`,
          );
        }
        add("connection-get", [
          { action: "glue:GetConnection", resource: arn("glue", "catalog") },
          { action: "glue:GetConnection", resource: arn("glue", `connection/${t.names.connection()}`) },
        ]);
        // A new key's id is unknown before it exists; grants go through its alias (kms:ResourceAliases).
        const key = arn("kms", `key/${t.projectId}`);
        const keyContext = { "kms:ResourceAliases": [t.names.keyAlias()] };
        add(
          "kms-decrypt",
          [{ action: "kms:Decrypt", resource: key, resourcePolicy: t.keyPolicy }],
          keyContext,
        );
        add(
          "kms-generate",
          [{ action: "kms:GenerateDataKey", resource: key, resourcePolicy: t.keyPolicy }],
          keyContext,
        );
        add("sqs-send", [{ action: "sqs:SendMessage", resource: arn("sqs", t.names.deadLetterQueue()) }]);
        add("sns-publish", [
          { action: "sns:Publish", resource: arn("sns", t.names.topic()), resourcePolicy: t.topicPolicy },
        ]);
        add("ddb-put", [
          { action: "dynamodb:PutItem", resource: arn("dynamodb", `table/${t.names.jobStateTable()}`) },
        ]);
        const jobRole = arn("iam", `role/${t.names.jobRole()}`, true);
        add("passrole-glue", [{ action: "iam:PassRole", resource: jobRole }], {
          "iam:PassedToService": "glue.amazonaws.com",
        });
        add("passrole-ec2", [{ action: "iam:PassRole", resource: jobRole }], {
          "iam:PassedToService": "ec2.amazonaws.com",
        });
        const session = arn("glue", `session/${t.slug}-notebook`);
        const sessionContext = {
          "glue:SubnetIds": [platform.subnetIds[0]],
          "glue:SecurityGroupIds": ["sg-0123456789abcdef0"],
          "aws:RequestTag/Project": t.connectionSecurityGroupTag,
          "aws:TagKeys": ["Project"],
        };
        add("session-in-vpc", [{ action: "glue:CreateSession", resource: session }], {
          ...sessionContext,
          "glue:VpcIds": [platform.vpcId],
        });
        add("session-outside-vpc", [{ action: "glue:CreateSession", resource: session }], {
          ...sessionContext,
          "glue:VpcIds": ["vpc-0fffffffffffffff0"],
        });
        addOwnResourceProbes(add, t, platform, arn);
        addLeastPrivilegeProbes(add, p, t, platform, arn);
        addRuntimeProbes(add, p, t, arn);
        if (role === "dev") probes.push(...personProbes(p, t, platform));
      }
    }
  }
  return probes;
}

/** Probes of the least-privilege fixes: the lake key, network interfaces and tags, log groups,
 * wildcard-only Glue actions, secrets and sessions. */
function addLeastPrivilegeProbes(
  add: AddProbe,
  p: ProjectAccess,
  t: ProjectAccess,
  platform: PlatformAccess,
  arn: (svc: string, res: string, global?: boolean) => string,
): void {
  const region = platform.region;
  const key = { action: "kms:Decrypt", resource: platform.keyArn, resourcePolicy: platform.keyPolicy };
  // One shared key: probed once per principal. The simulator cannot evaluate kms:EncryptionContext:<key>
  // condition keys (only `/` variables), so the aws:s3:arn Deny is checked on the documents by
  // tests/project/leastPrivilege.test.ts.
  if (t === p) {
    add("platform-key", [key], { "kms:ViaService": `s3.${region}.amazonaws.com` });
    add("platform-key", [key], { "kms:ViaService": `glue.${region}.amazonaws.com` }, " (catalog)");
    add("platform-key-direct", [key]);
    add("platform-key-other-service", [key], { "kms:ViaService": `sqs.${region}.amazonaws.com` });
  }

  const vpc = arn("ec2", `vpc/${platform.vpcId}`);
  const eni = { resource: arn("ec2", "network-interface/eni-0123456789abcdef0") };
  const glueEni = {
    "ec2:Vpc": vpc,
    "aws:ResourceTag/aws-glue-service-resource": "true",
    "aws:ResourceTag/Project": t.connectionSecurityGroupTag,
  };
  add("eni-delete-glue", [{ action: "ec2:DeleteNetworkInterface", ...eni }], glueEni);
  add("eni-delete-untagged", [{ action: "ec2:DeleteNetworkInterface", ...eni }], { "ec2:Vpc": vpc });
  const glueTag = { "aws:TagKeys": ["aws-glue-service-resource"] };
  add("eni-tag-glue", [{ action: "ec2:CreateTags", ...eni }], { ...glueEni, ...glueTag });
  const sg = arn("ec2", "security-group/sg-0123456789abcdef0");
  const sgTag = { "aws:ResourceTag/Project": t.connectionSecurityGroupTag };
  add("sg-tag-glue", [{ action: "ec2:CreateTags", resource: sg }], { ...sgTag, ...glueTag });
  add("sg-tag-no-keys", [{ action: "ec2:DeleteTags", resource: sg }], sgTag, " (delete)");
  add("sg-tag-no-keys", [{ action: "ec2:CreateTags", ...eni }], { "ec2:Vpc": vpc }, " (interface)");
  add(
    "instance-tag",
    [{ action: "ec2:CreateTags", resource: arn("ec2", "instance/i-0123456789abcdef0") }],
    glueTag,
  );

  // Under the target's job log path, but with the principal's own role name in it: the old unanchored
  // pattern /aws-glue/*project-<id>-* matched it for the principal.
  const group = `/aws-glue/jobs/${t.names.securityConfiguration()}-role/${p.names.jobRole()}/error`;
  const groupArn = arn("logs", `log-group:${group}`);
  add("logs-write", [{ action: "logs:CreateLogGroup", resource: groupArn }], {}, " (create)");
  add(
    "logs-write",
    [{ action: "logs:PutLogEvents", resource: `${groupArn}:log-stream:run-1` }],
    {},
    " (put)",
  );

  if (t === p) {
    add("bookmark-reset", [{ action: "glue:ResetJobBookmark", resource: "*" }]);
    add("session-list", [{ action: "glue:ListSessions", resource: "*" }]);
  }
  add("secret-read", [
    {
      action: "secretsmanager:GetSecretValue",
      resource: arn("secretsmanager", `secret:${t.names.secretPrefix()}db-AbCdEf`),
    },
  ]);
  const projectKey = {
    action: "kms:Decrypt",
    resource: arn("kms", `key/${t.projectId}`),
    resourcePolicy: t.keyPolicy,
  };
  const viaSecrets = { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` };
  add("secret-key-decrypt", [projectKey], { ...viaSecrets, "kms:ResourceAliases": [t.names.keyAlias()] });
  add("secret-other-key", [{ action: "kms:Decrypt", resource: arn("kms", "key/aws-managed-secrets") }], {
    ...viaSecrets,
    "kms:ResourceAliases": ["alias/aws/secretsmanager"],
  });
  add("session-get", [{ action: "glue:GetSession", resource: arn("glue", `session/${t.slug}-notebook`) }], {
    "aws:ResourceTag/Project": t.connectionSecurityGroupTag,
  });
}
