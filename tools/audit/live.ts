/**
 * Reads the live account through read-only calls and maps every AWS API shape to the Pulumi input
 * shape the policies read, so the same rules judge desired and live resources. A call that fails is
 * recorded (the audit is then incomplete), never silently skipped.
 */
import { DescribeSecurityGroupsCommand, IpPermission } from "@aws-sdk/client-ec2";
import {
  GetConnectionsCommand,
  GetCrawlersCommand,
  GetJobsCommand,
  GetTagsCommand,
  GetTriggersCommand,
} from "@aws-sdk/client-glue";
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
} from "@aws-sdk/client-iam";
import {
  GetBucketEncryptionCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
} from "@aws-sdk/client-s3";
import { PropertyMap } from "../runner/encoding";
import { mapBounded } from "../automation/drift";
import { AuditClients } from "./clients";

export interface LiveResource {
  readonly type: string;
  /** Physical name: the identity desired and live resources are matched by. */
  readonly name: string;
  readonly inputs: PropertyMap;
  /** Tags were read for it (otherwise tag rules do not judge it). */
  readonly tagsRead: boolean;
}

export interface FailedCall {
  readonly operation: string;
  readonly target?: string;
  readonly message: string;
}

export interface LiveState {
  readonly resources: LiveResource[];
  readonly failures: FailedCall[];
  /** `type|name` (or `type|*`) keys whose live state is unknown because a read failed: never
   * reported as missing or drifted, only as the failed call itself. */
  readonly unread: ReadonlySet<string>;
}

const T_JOB = "aws:glue/job:Job";
const T_CRAWLER = "aws:glue/crawler:Crawler";
const T_CONNECTION = "aws:glue/connection:Connection";
const T_TRIGGER = "aws:glue/trigger:Trigger";
const T_ROLE = "aws:iam/role:Role";
const T_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const T_INLINE = "aws:iam/rolePolicy:RolePolicy";
const T_POLICY = "aws:iam/policy:Policy";
const T_SG = "aws:ec2/securityGroup:SecurityGroup";
const S3_TYPES = {
  bucket: "aws:s3/bucket:Bucket",
  encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  publicAccess: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  policy: "aws:s3/bucketPolicy:BucketPolicy",
  ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
};

/** Whether `type`/`name` could not be read (its listing or its own read failed). */
export function wasUnread(unread: ReadonlySet<string>, type: string, name: string): boolean {
  return (
    unread.has(`${type}|*`) ||
    unread.has(`${type}|${name}`) ||
    // attachments and inline policies are keyed `role|…`: unread when their role's lists failed
    ((type === T_ATTACHMENT || type === T_INLINE) && unread.has(`${type}|${name.split("|")[0]}|*`))
  );
}

export interface ReadScope {
  /** Names worth reading in services that hold unrelated resources (IAM roles, S3 buckets, SGs). */
  isRelevantName(name: string): boolean;
  readonly concurrency: number;
}

type Json = PropertyMap[string];
const clean = (v: unknown): Json => JSON.parse(JSON.stringify(v ?? null)) as Json;
const compact = (o: Record<string, unknown>): PropertyMap =>
  Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [k, clean(v)]),
  ) as PropertyMap;
const decode = (doc: string | undefined) => (doc === undefined ? undefined : decodeURIComponent(doc));
const errName = (e: unknown) => (e as { name?: string }).name ?? "";

class Reader {
  readonly resources: LiveResource[] = [];
  readonly failures: FailedCall[] = [];
  readonly unread = new Set<string>();
  constructor(
    readonly c: AuditClients,
    readonly scope: ReadScope,
  ) {}

  async call<T>(
    operation: string,
    target: string | undefined,
    fn: () => Promise<T>,
    absent?: string[],
    /** `type|name` keys this call's failure leaves unknown. */
    covers: string[] = [],
  ): Promise<T | undefined> {
    try {
      return await fn();
    } catch (e) {
      if (absent?.includes(errName(e))) return undefined;
      for (const k of covers) this.unread.add(k);
      this.failures.push({
        operation,
        target,
        message: `${errName(e) || "Error"}: ${(e as Error).message}`.slice(0, 300),
      });
      return undefined;
    }
  }

  add(type: string, name: string, inputs: Record<string, unknown>, tagsRead = false) {
    this.resources.push({ type, name, inputs: compact(inputs), tagsRead });
  }

  private async glueTags(service: string, arn: string): Promise<Record<string, string> | undefined> {
    const r = await this.call(
      "glue:GetTags",
      arn,
      () => this.c.glue.send(new GetTagsCommand({ ResourceArn: arn })),
      ["EntityNotFoundException"],
    );
    void service;
    return r?.Tags;
  }

  async glue(account: string, region: string): Promise<void> {
    const arn = (kind: string, name: string) => `arn:aws:glue:${region}:${account}:${kind}/${name}`;
    let token: string | undefined;
    const jobs = [];
    do {
      const r = await this.call(
        "glue:GetJobs",
        undefined,
        () => this.c.glue.send(new GetJobsCommand({ NextToken: token })),
        undefined,
        [`${T_JOB}|*`],
      );
      jobs.push(...(r?.Jobs ?? []));
      token = r?.NextToken;
    } while (token);
    await mapBounded(jobs, this.scope.concurrency, async (j) => {
      const tags = await this.glueTags("job", arn("job", j.Name as string));
      this.add(
        "aws:glue/job:Job",
        j.Name as string,
        {
          name: j.Name,
          roleArn: j.Role,
          command: {
            name: j.Command?.Name,
            scriptLocation: j.Command?.ScriptLocation,
            pythonVersion: j.Command?.PythonVersion,
            runtime: j.Command?.Runtime,
          },
          defaultArguments: j.DefaultArguments,
          nonOverridableArguments: j.NonOverridableArguments,
          connections: j.Connections?.Connections,
          maxRetries: j.MaxRetries,
          timeout: j.Timeout,
          workerType: j.WorkerType,
          numberOfWorkers: j.NumberOfWorkers,
          maxCapacity: j.WorkerType ? undefined : j.MaxCapacity,
          glueVersion: j.GlueVersion,
          securityConfiguration: j.SecurityConfiguration,
          executionClass: j.ExecutionClass,
          executionProperty:
            j.ExecutionProperty?.MaxConcurrentRuns !== undefined
              ? { maxConcurrentRuns: j.ExecutionProperty.MaxConcurrentRuns }
              : undefined,
          jobRunQueuingEnabled: j.JobRunQueuingEnabled,
          tags,
        },
        tags !== undefined,
      );
    });
    token = undefined;
    const crawlers = [];
    do {
      const r = await this.call(
        "glue:GetCrawlers",
        undefined,
        () => this.c.glue.send(new GetCrawlersCommand({ NextToken: token })),
        undefined,
        [`${T_CRAWLER}|*`],
      );
      crawlers.push(...(r?.Crawlers ?? []));
      token = r?.NextToken;
    } while (token);
    await mapBounded(crawlers, this.scope.concurrency, async (c) => {
      const tags = await this.glueTags("crawler", arn("crawler", c.Name as string));
      this.add(
        "aws:glue/crawler:Crawler",
        c.Name as string,
        {
          name: c.Name,
          role: c.Role,
          databaseName: c.DatabaseName,
          securityConfiguration: c.CrawlerSecurityConfiguration,
          s3Targets: c.Targets?.S3Targets?.map((t) =>
            compact({
              path: t.Path,
              exclusions: t.Exclusions?.length ? t.Exclusions : undefined,
              connectionName: t.ConnectionName,
            }),
          ),
          jdbcTargets: c.Targets?.JdbcTargets?.length ? c.Targets.JdbcTargets : undefined,
          catalogTargets: c.Targets?.CatalogTargets?.length
            ? c.Targets.CatalogTargets.map((t) => ({ databaseName: t.DatabaseName, tables: t.Tables }))
            : undefined,
          schemaChangePolicy: c.SchemaChangePolicy
            ? {
                deleteBehavior: c.SchemaChangePolicy.DeleteBehavior,
                updateBehavior: c.SchemaChangePolicy.UpdateBehavior,
              }
            : undefined,
          schedule: c.Schedule?.ScheduleExpression,
          tags,
        },
        tags !== undefined,
      );
    });
    token = undefined;
    do {
      const r = await this.call(
        "glue:GetConnections",
        undefined,
        () => this.c.glue.send(new GetConnectionsCommand({ NextToken: token, HidePassword: true })),
        undefined,
        [`${T_CONNECTION}|*`],
      );
      for (const c of r?.ConnectionList ?? []) {
        const p = c.PhysicalConnectionRequirements;
        // The API model leaves ConnectionType optional and moto omits it; a connection with physical
        // requirements and no connection properties can only be a NETWORK connection.
        const inferred =
          !c.ConnectionType && p && Object.keys(c.ConnectionProperties ?? {}).length === 0
            ? "NETWORK"
            : undefined;
        this.add("aws:glue/connection:Connection", c.Name as string, {
          name: c.Name,
          connectionType: c.ConnectionType ?? inferred,
          physicalConnectionRequirements: p
            ? {
                subnetId: p.SubnetId,
                availabilityZone: p.AvailabilityZone,
                securityGroupIdLists: p.SecurityGroupIdList,
              }
            : undefined,
        });
      }
      token = r?.NextToken;
    } while (token);
    token = undefined;
    const triggers = [];
    do {
      const r = await this.call(
        "glue:GetTriggers",
        undefined,
        () => this.c.glue.send(new GetTriggersCommand({ NextToken: token })),
        undefined,
        [`${T_TRIGGER}|*`],
      );
      triggers.push(...(r?.Triggers ?? []));
      token = r?.NextToken;
    } while (token);
    await mapBounded(triggers, this.scope.concurrency, async (t) => {
      const tags = await this.glueTags("trigger", arn("trigger", t.Name as string));
      this.add(
        "aws:glue/trigger:Trigger",
        t.Name as string,
        {
          name: t.Name,
          type: t.Type,
          workflowName: t.WorkflowName,
          schedule: t.Schedule,
          actions: t.Actions?.map((a) =>
            compact({
              jobName: a.JobName,
              crawlerName: a.CrawlerName,
              arguments: a.Arguments,
              securityConfiguration: a.SecurityConfiguration,
            }),
          ),
          predicate: t.Predicate
            ? {
                logical: t.Predicate.Logical,
                conditions: t.Predicate.Conditions?.map((c) =>
                  compact({
                    jobName: c.JobName,
                    crawlerName: c.CrawlerName,
                    state: c.State,
                    crawlState: c.CrawlState,
                    logicalOperator: c.LogicalOperator,
                  }),
                ),
              }
            : undefined,
          tags,
        },
        tags !== undefined,
      );
    });
  }

  async iam(): Promise<void> {
    let marker: string | undefined;
    const names: string[] = [];
    do {
      const r = await this.call(
        "iam:ListRoles",
        undefined,
        () => this.c.iam.send(new ListRolesCommand({ Marker: marker })),
        undefined,
        [T_ROLE, T_ATTACHMENT, T_INLINE, T_POLICY].map((t) => `${t}|*`),
      );
      names.push(
        ...(r?.Roles ?? []).map((x) => x.RoleName as string).filter((n) => this.scope.isRelevantName(n)),
      );
      marker = r?.IsTruncated ? r.Marker : undefined;
    } while (marker);
    const policyArns = new Set<string>();
    await mapBounded(names, this.scope.concurrency, async (name) => {
      const role = (
        await this.call(
          "iam:GetRole",
          name,
          () => this.c.iam.send(new GetRoleCommand({ RoleName: name })),
          undefined,
          [`${T_ROLE}|${name}`, `${T_ATTACHMENT}|${name}|*`, `${T_INLINE}|${name}|*`, `${T_POLICY}|*`],
        )
      )?.Role;
      if (!role) return;
      const tags = Object.fromEntries((role.Tags ?? []).map((t) => [t.Key, t.Value]));
      this.add(
        "aws:iam/role:Role",
        name,
        { name, assumeRolePolicy: decode(role.AssumeRolePolicyDocument), tags },
        Array.isArray(role.Tags),
      );
      const attached = await this.call(
        "iam:ListAttachedRolePolicies",
        name,
        () => this.c.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name })),
        undefined,
        [`${T_ATTACHMENT}|${name}|*`, `${T_POLICY}|*`],
      );
      for (const p of attached?.AttachedPolicies ?? []) {
        this.add("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `${name}|${p.PolicyArn}`, {
          role: name,
          policyArn: p.PolicyArn,
        });
        if (p.PolicyArn && !/:iam::aws:policy\//.test(p.PolicyArn)) policyArns.add(p.PolicyArn);
      }
      await this.inlinePolicies(name);
    });
    await mapBounded([...policyArns], this.scope.concurrency, async (policyArn) => {
      const p = (
        await this.call(
          "iam:GetPolicy",
          policyArn,
          () => this.c.iam.send(new GetPolicyCommand({ PolicyArn: policyArn })),
          undefined,
          [`${T_POLICY}|${policyArn.split("/").pop()}`],
        )
      )?.Policy;
      if (!p) return;
      const v = await this.call(
        "iam:GetPolicyVersion",
        policyArn,
        () =>
          this.c.iam.send(
            new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: p.DefaultVersionId }),
          ),
        undefined,
        [`${T_POLICY}|${p.PolicyName}`],
      );
      if (!v) return;
      const tags = Object.fromEntries((p.Tags ?? []).map((t) => [t.Key, t.Value]));
      this.add(
        "aws:iam/policy:Policy",
        p.PolicyName as string,
        { name: p.PolicyName, policy: decode(v?.PolicyVersion?.Document), tags },
        Array.isArray(p.Tags),
      );
    });
  }

  /** Inline policies of a role (`aws:iam/rolePolicy:RolePolicy`, keyed `role|policy`). */
  private async inlinePolicies(role: string): Promise<void> {
    let marker: string | undefined;
    const names: string[] = [];
    do {
      const r = await this.call(
        "iam:ListRolePolicies",
        role,
        () => this.c.iam.send(new ListRolePoliciesCommand({ RoleName: role, Marker: marker })),
        undefined,
        [`${T_INLINE}|${role}|*`],
      );
      names.push(...(r?.PolicyNames ?? []));
      marker = r?.IsTruncated ? r.Marker : undefined;
    } while (marker);
    for (const policyName of names) {
      const r = await this.call(
        "iam:GetRolePolicy",
        `${role}/${policyName}`,
        () => this.c.iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: policyName })),
        ["NoSuchEntityException", "NoSuchEntity"],
        [`${T_INLINE}|${role}|${policyName}`],
      );
      if (r)
        this.add(T_INLINE, `${role}|${policyName}`, {
          role,
          name: policyName,
          policy: decode(r.PolicyDocument),
        });
    }
  }

  async ec2(): Promise<void> {
    let token: string | undefined;
    do {
      const r = await this.call(
        "ec2:DescribeSecurityGroups",
        undefined,
        () => this.c.ec2.send(new DescribeSecurityGroupsCommand({ NextToken: token })),
        undefined,
        [`${T_SG}|*`],
      );
      for (const g of (r?.SecurityGroups ?? []).filter((x) => this.scope.isRelevantName(x.GroupName ?? ""))) {
        const rule = (p: IpPermission) =>
          compact({
            protocol: p.IpProtocol === "-1" ? "-1" : p.IpProtocol,
            fromPort: p.FromPort,
            toPort: p.ToPort,
            cidrBlocks: p.IpRanges?.length ? p.IpRanges.map((x) => x.CidrIp) : undefined,
            ipv6CidrBlocks: p.Ipv6Ranges?.length ? p.Ipv6Ranges.map((x) => x.CidrIpv6) : undefined,
            prefixListIds: p.PrefixListIds?.length ? p.PrefixListIds.map((x) => x.PrefixListId) : undefined,
            self: p.UserIdGroupPairs?.some((x) => x.GroupId === g.GroupId) ? true : undefined,
            securityGroups: p.UserIdGroupPairs?.filter((x) => x.GroupId !== g.GroupId).map((x) => x.GroupId)
              .length
              ? p.UserIdGroupPairs.filter((x) => x.GroupId !== g.GroupId).map((x) => x.GroupId)
              : undefined,
          });
        const tags = Object.fromEntries((g.Tags ?? []).map((t) => [t.Key, t.Value]));
        this.add(
          "aws:ec2/securityGroup:SecurityGroup",
          g.GroupName as string,
          {
            name: g.GroupName,
            vpcId: g.VpcId,
            ingress: (g.IpPermissions ?? []).map(rule),
            egress: (g.IpPermissionsEgress ?? []).map(rule),
            tags,
          },
          true,
        );
      }
      token = r?.NextToken;
    } while (token);
  }

  async s3(): Promise<void> {
    const list = await this.call(
      "s3:ListBuckets",
      undefined,
      () => this.c.s3.send(new ListBucketsCommand({})),
      undefined,
      Object.values(S3_TYPES).map((t) => `${t}|*`),
    );
    const buckets = (list?.Buckets ?? [])
      .map((b) => b.Name as string)
      .filter((n) => this.scope.isRelevantName(n));
    await mapBounded(buckets, this.scope.concurrency, async (Bucket) => {
      const [enc, pab, ver, pol, own, tag] = [
        await this.call(
          "s3:GetBucketEncryption",
          Bucket,
          () => this.c.s3.send(new GetBucketEncryptionCommand({ Bucket })),
          ["ServerSideEncryptionConfigurationNotFoundError"],
          [`${S3_TYPES.encryption}|${Bucket}`],
        ),
        await this.call(
          "s3:GetPublicAccessBlock",
          Bucket,
          () => this.c.s3.send(new GetPublicAccessBlockCommand({ Bucket })),
          ["NoSuchPublicAccessBlockConfiguration"],
          [`${S3_TYPES.publicAccess}|${Bucket}`],
        ),
        await this.call(
          "s3:GetBucketVersioning",
          Bucket,
          () => this.c.s3.send(new GetBucketVersioningCommand({ Bucket })),
          undefined,
          [`${S3_TYPES.versioning}|${Bucket}`],
        ),
        await this.call(
          "s3:GetBucketPolicy",
          Bucket,
          () => this.c.s3.send(new GetBucketPolicyCommand({ Bucket })),
          ["NoSuchBucketPolicy"],
          [`${S3_TYPES.policy}|${Bucket}`],
        ),
        await this.call(
          "s3:GetBucketOwnershipControls",
          Bucket,
          () => this.c.s3.send(new GetBucketOwnershipControlsCommand({ Bucket })),
          ["OwnershipControlsNotFoundError"],
          [`${S3_TYPES.ownership}|${Bucket}`],
        ),
        await this.call(
          "s3:GetBucketTagging",
          Bucket,
          () => this.c.s3.send(new GetBucketTaggingCommand({ Bucket })),
          ["NoSuchTagSet", "NoSuchTagSetError"],
          [`${S3_TYPES.bucket}|${Bucket}`],
        ),
      ];
      const tags = Object.fromEntries((tag?.TagSet ?? []).map((t) => [t.Key, t.Value]));
      this.add("aws:s3/bucket:Bucket", Bucket, { bucket: Bucket, tags }, true);
      const rules = enc?.ServerSideEncryptionConfiguration?.Rules ?? [];
      if (rules.length > 0) {
        this.add(
          "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
          Bucket,
          {
            bucket: Bucket,
            rules: rules.map((r) =>
              compact({
                applyServerSideEncryptionByDefault: r.ApplyServerSideEncryptionByDefault
                  ? compact({
                      sseAlgorithm: r.ApplyServerSideEncryptionByDefault.SSEAlgorithm,
                      kmsMasterKeyId: r.ApplyServerSideEncryptionByDefault.KMSMasterKeyID,
                    })
                  : undefined,
                bucketKeyEnabled: r.BucketKeyEnabled,
              }),
            ),
          },
        );
      }
      const p = pab?.PublicAccessBlockConfiguration;
      if (p)
        this.add("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", Bucket, {
          bucket: Bucket,
          blockPublicAcls: p.BlockPublicAcls,
          blockPublicPolicy: p.BlockPublicPolicy,
          ignorePublicAcls: p.IgnorePublicAcls,
          restrictPublicBuckets: p.RestrictPublicBuckets,
        });
      if (ver?.Status)
        this.add("aws:s3/bucketVersioning:BucketVersioning", Bucket, {
          bucket: Bucket,
          versioningConfiguration: { status: ver.Status },
        });
      if (pol?.Policy)
        this.add("aws:s3/bucketPolicy:BucketPolicy", Bucket, { bucket: Bucket, policy: pol.Policy });
      const rule = own?.OwnershipControls?.Rules?.[0];
      if (rule)
        this.add("aws:s3/bucketOwnershipControls:BucketOwnershipControls", Bucket, {
          bucket: Bucket,
          rule: { objectOwnership: rule.ObjectOwnership },
        });
    });
  }
}

export async function readLiveState(
  c: AuditClients,
  scope: ReadScope,
  account: string,
  region: string,
): Promise<LiveState> {
  const r = new Reader(c, scope);
  await Promise.all([r.glue(account, region), r.iam(), r.ec2(), r.s3()]);
  return { resources: r.resources, failures: r.failures, unread: r.unread };
}
