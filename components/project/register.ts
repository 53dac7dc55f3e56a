/** Registers a planned project: one component per concern, wired by outputs so dependencies are real. */
import * as pulumi from "@pulumi/pulumi";
import { LakeLayer } from "../naming";
import { ProjectCatalog } from "./catalog";
import { ProjectIam } from "./iam";
import { ProjectEvents } from "./events";
import { ProjectNetwork } from "./network";
import { ProjectOperations } from "./operations";
import { ProjectOrchestration } from "./orchestration";
import { ProjectPipelines } from "./pipelines";
import { ProjectPlan } from "./plan";
import { ProjectSecurity } from "./security";
import { ProjectTableOptimizers } from "./tableOptimizerResources";

export function registerProject(plan: ProjectPlan) {
  const security = new ProjectSecurity("security", plan);
  const iam = new ProjectIam("iam", plan);
  const network = new ProjectNetwork("network", plan);
  const catalog = new ProjectCatalog("catalog", plan);
  const databaseNames = Object.fromEntries(
    Object.entries(catalog.databases).map(([layer, db]) => [layer, db.name]),
  ) as Partial<Record<LakeLayer, pulumi.Output<string>>>;
  if (plan.tableOptimizers)
    new ProjectTableOptimizers("table-optimizers", plan.tableOptimizers, plan, catalog.tables);
  const pipelines = new ProjectPipelines("pipelines", plan, {
    jobRoleArn: iam.roleArns.job,
    crawlerRoleArn: iam.roleArns.crawler,
    connectionNames: network.connections.map((c) => c.name),
    securityConfigurationName: security.securityConfiguration.name,
    scriptsBucket: security.buckets.scripts.bucketName,
    keyArn: security.key.arn,
    databaseNames,
  });
  const orchestration = new ProjectOrchestration("orchestration", plan, {
    jobs: pipelines.jobs,
    crawlers: pipelines.crawlers,
  });
  const operations = new ProjectOperations("notifications", plan, { keyArn: security.key.arn });
  new ProjectEvents("events", plan, {
    workflows: orchestration.workflowNames,
    topicArn: operations.topic.name.apply(() => operations.topicArn),
  });

  return {
    projectId: plan.loaded.spec.projectId,
    slug: plan.loaded.spec.slug,
    env: plan.env,
    jobRoleArn: iam.roleArns.job,
    crawlerRoleArn: iam.roleArns.crawler,
    devRoleArn: iam.roleArns.dev,
    databases: databaseNames,
    buckets: {
      scripts: security.buckets.scripts.bucketName,
      temp: security.buckets.temp.bucketName,
      artifacts: security.buckets.artifacts.bucketName,
    },
    lakePrefix: plan.names.lakePrefix(),
    connectionName: network.connection.name,
    securityConfiguration: security.securityConfiguration.name,
    securityGroupId: network.securityGroup.id,
    keyArn: security.key.arn,
    keyAlias: plan.names.keyAlias(),
    notificationTopicArn: operations.topicArn,
    jobNames: Object.fromEntries(plan.jobs.map((j) => [j.spec.name, j.args.name])),
    sessionIdleTimeoutMinutes: plan.sessionIdleTimeoutMinutes,
  };
}
