/** Reads the account's Glue jobs, crawlers, connections and triggers (with their tags). */
import { TYPE as T } from "../../../components/typeTokens";
import {
  GetTagsCommand,
  paginateGetConnections,
  paginateGetCrawlers,
  paginateGetJobs,
  paginateGetTriggers,
} from "@aws-sdk/client-glue";
import type { Crawler, Job, Trigger } from "@aws-sdk/client-glue";
import { mapBounded } from "../../automation/drift";
import { compact, LiveReader } from "./liveReader";

async function glueTags(r: LiveReader, arn: string): Promise<Record<string, string> | undefined> {
  const out = await r.call(
    "glue:GetTags",
    arn,
    () => r.c.glue.send(new GetTagsCommand({ ResourceArn: arn })),
    ["EntityNotFoundException"],
  );
  return out?.Tags;
}

function jobInputs(j: Job): Record<string, unknown> {
  return {
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
  };
}

function crawlerInputs(c: Crawler): Record<string, unknown> {
  return {
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
  };
}

function triggerInputs(t: Trigger): Record<string, unknown> {
  return {
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
  };
}

export async function readGlue(r: LiveReader, account: string, region: string): Promise<void> {
  const client = { client: r.c.glue };
  const arn = (kind: string, name: string) => `arn:aws:glue:${region}:${account}:${kind}/${name}`;
  /** Adds each named item with its tags (read `concurrency` at a time). */
  const withTags = <I extends { Name?: string }>(
    items: I[],
    kind: string,
    type: string,
    inputs: (i: I) => Record<string, unknown>,
  ) =>
    mapBounded(items, r.scope.concurrency, async (i) => {
      const tags = await glueTags(r, arn(kind, i.Name as string));
      r.add(type, i.Name as string, { ...inputs(i), tags }, tags !== undefined);
    });

  const jobs: Job[] = [];
  await r.pages(
    "glue:GetJobs",
    undefined,
    () => paginateGetJobs(client, {}),
    (p) => jobs.push(...(p.Jobs ?? [])),
    [`${T.job}|*`],
  );
  await withTags(jobs, "job", T.job, jobInputs);

  const crawlers: Crawler[] = [];
  await r.pages(
    "glue:GetCrawlers",
    undefined,
    () => paginateGetCrawlers(client, {}),
    (p) => crawlers.push(...(p.Crawlers ?? [])),
    [`${T.crawler}|*`],
  );
  await withTags(crawlers, "crawler", T.crawler, crawlerInputs);

  await r.pages(
    "glue:GetConnections",
    undefined,
    () => paginateGetConnections(client, { HidePassword: true }),
    (page) => {
      for (const c of page.ConnectionList ?? []) {
        const p = c.PhysicalConnectionRequirements;
        // The API model leaves ConnectionType optional and moto omits it; a connection with physical
        // requirements and no connection properties can only be a NETWORK connection.
        const inferred =
          !c.ConnectionType && p && Object.keys(c.ConnectionProperties ?? {}).length === 0
            ? "NETWORK"
            : undefined;
        r.add(T.connection, c.Name as string, {
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
    },
    [`${T.connection}|*`],
  );

  const triggers: Trigger[] = [];
  await r.pages(
    "glue:GetTriggers",
    undefined,
    () => paginateGetTriggers(client, {}),
    (p) => triggers.push(...(p.Triggers ?? [])),
    [`${T.trigger}|*`],
  );
  await withTags(triggers, "trigger", T.trigger, triggerInputs);
}
