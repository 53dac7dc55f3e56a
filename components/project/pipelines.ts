/** Jobs (scripts uploaded by content hash) and crawlers, all locked to the project's role, network
 * connection and security configuration. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LakeLayer } from "../naming";
import { ProjectPlan } from "./plan";

export interface PipelineDeps {
  readonly jobRoleArn: pulumi.Output<string>;
  readonly crawlerRoleArn: pulumi.Output<string>;
  /** The project's connections in failover order; crawler targets use the first. */
  readonly connectionNames: pulumi.Output<string>[];
  readonly securityConfigurationName: pulumi.Output<string>;
  readonly scriptsBucket: pulumi.Output<string>;
  readonly keyArn: pulumi.Output<string>;
  readonly databaseNames: Partial<Record<LakeLayer, pulumi.Output<string>>>;
}

export class ProjectPipelines extends pulumi.ComponentResource {
  readonly jobs: Record<string, aws.glue.Job> = {};
  readonly crawlers: Record<string, aws.glue.Crawler> = {};

  constructor(name: string, plan: ProjectPlan, deps: PipelineDeps, opts?: pulumi.ComponentResourceOptions) {
    super("glue:project:Pipelines", name, {}, opts);
    const parent = { parent: this };
    const uploaded = new Map<string, aws.s3.BucketObjectv2>();
    const upload = (key: string, file: string | pulumi.asset.Archive) => {
      const existing = uploaded.get(key);
      if (existing) return existing;
      const object = new aws.s3.BucketObjectv2(
        `script-${key}`,
        {
          bucket: deps.scriptsBucket,
          key,
          source: typeof file === "string" ? new pulumi.asset.FileAsset(file) : file,
          serverSideEncryption: "aws:kms",
          kmsKeyId: deps.keyArn,
          bucketKeyEnabled: true,
          tags: plan.tags,
        },
        parent,
      );
      uploaded.set(key, object);
      return object;
    };

    // The job runtime, zipped by the engine from its files, under its content-hash key.
    const runtime = plan.runtime
      ? upload(
          plan.runtime.key,
          new pulumi.asset.AssetArchive(
            Object.fromEntries(
              plan.runtime.files.map((f) => [f.archivePath, new pulumi.asset.FileAsset(f.absolutePath)]),
            ),
          ),
        )
      : undefined;
    for (const job of plan.jobs) {
      const objects = [
        ...(runtime && job.spec.kind === "sparkEtl" ? [runtime] : []),
        upload(job.scriptKey, job.script.absolutePath),
        ...job.extraFiles.map((e) => upload(e.key, e.file.absolutePath)),
      ];
      const a = job.args;
      this.jobs[job.spec.name] = new aws.glue.Job(
        job.spec.name,
        {
          ...a,
          roleArn: deps.jobRoleArn,
          connections: deps.connectionNames,
          securityConfiguration: deps.securityConfigurationName,
          tags: { ...plan.tags, JobKind: job.spec.kind },
        },
        { ...parent, dependsOn: objects },
      );
    }

    for (const c of plan.crawlers) {
      const database = deps.databaseNames[c.spec.database] as pulumi.Output<string>;
      this.crawlers[c.spec.name] = new aws.glue.Crawler(
        c.spec.name,
        {
          name: c.name,
          description: c.spec.description,
          role: deps.crawlerRoleArn,
          databaseName: database,
          securityConfiguration: deps.securityConfigurationName,
          s3Targets: c.s3Paths.map((t) => ({
            path: t.path,
            exclusions: t.exclusions,
            connectionName: deps.connectionNames[0],
          })),
          schedule: c.spec.schedule,
          tablePrefix: c.spec.tablePrefix,
          schemaChangePolicy: c.schemaChangePolicy,
          recrawlPolicy: { recrawlBehavior: c.recrawlBehavior },
          configuration: JSON.stringify({
            Version: 1.0,
            CrawlerOutput: { Partitions: { AddOrUpdateBehavior: "InheritFromTable" } },
            Grouping: { TableGroupingPolicy: "CombineCompatibleSchemas" },
          }),
          tags: { ...plan.tags, CrawlerZone: c.spec.zone },
        },
        parent,
      );
    }
    this.registerOutputs({});
  }
}
