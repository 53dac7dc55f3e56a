/** Seeds moto with a project's Glue resources from their captured inputs: connections, jobs,
 * crawlers, workflows and triggers. */
import {
  CreateConnectionCommand,
  CreateCrawlerCommand,
  CreateJobCommand,
  CreateTriggerCommand,
  CreateWorkflowCommand,
} from "@aws-sdk/client-glue";
import { PropertyMap } from "../runner/encoding";
import { Sdk, tags } from "./sdk";
import { TYPE } from "../../components/typeTokens";

/** `of(type)`: the captured inputs of the project's resources of that type; `sg`: its security group. */
export async function seedGlue(c: Sdk, of: (type: string) => PropertyMap[], sg: string): Promise<void> {
  for (const conn of of(TYPE.connection)) {
    const p = conn.physicalConnectionRequirements as PropertyMap;
    await c.glue.send(
      new CreateConnectionCommand({
        ConnectionInput: {
          Name: String(conn.name),
          ConnectionType: "NETWORK",
          ConnectionProperties: {},
          PhysicalConnectionRequirements: {
            SubnetId: String(p.subnetId),
            AvailabilityZone: String(p.availabilityZone),
            SecurityGroupIdList: [sg],
          },
        },
      }),
    );
  }
  for (const j of of(TYPE.job)) {
    const cmd = j.command as PropertyMap;
    await c.glue.send(
      new CreateJobCommand({
        Name: String(j.name),
        Role: String(j.roleArn),
        Command: {
          Name: String(cmd.name),
          ScriptLocation: String(cmd.scriptLocation),
          PythonVersion: cmd.pythonVersion as string | undefined,
        },
        DefaultArguments: j.defaultArguments as Record<string, string>,
        NonOverridableArguments: j.nonOverridableArguments as Record<string, string>,
        Connections: { Connections: j.connections as string[] },
        MaxRetries: j.maxRetries as number,
        Timeout: j.timeout as number,
        WorkerType: j.workerType as never,
        NumberOfWorkers: j.numberOfWorkers as number | undefined,
        MaxCapacity: j.maxCapacity as number | undefined,
        GlueVersion: j.glueVersion as string,
        SecurityConfiguration: j.securityConfiguration as string,
        ExecutionClass: j.executionClass as never,
        ExecutionProperty: j.executionProperty
          ? { MaxConcurrentRuns: (j.executionProperty as PropertyMap).maxConcurrentRuns as number }
          : undefined,
        JobRunQueuingEnabled: j.jobRunQueuingEnabled as boolean,
        Tags: tags(j),
      }),
    );
  }
  for (const cr of of(TYPE.crawler)) {
    await c.glue.send(
      new CreateCrawlerCommand({
        Name: String(cr.name),
        Role: String(cr.role),
        DatabaseName: String(cr.databaseName),
        Targets: {
          S3Targets: (cr.s3Targets as PropertyMap[]).map((t) => ({
            Path: String(t.path),
            ConnectionName: t.connectionName as string,
            Exclusions: (t.exclusions as string[]) ?? [],
          })),
        },
        SchemaChangePolicy: {
          DeleteBehavior: (cr.schemaChangePolicy as PropertyMap).deleteBehavior as never,
          UpdateBehavior: (cr.schemaChangePolicy as PropertyMap).updateBehavior as never,
        },
        CrawlerSecurityConfiguration: cr.securityConfiguration as string,
        Tags: tags(cr),
      }),
    );
  }
  for (const w of of(TYPE.workflow)) await c.glue.send(new CreateWorkflowCommand({ Name: String(w.name) }));
  for (const t of of(TYPE.trigger)) {
    const pred = t.predicate as PropertyMap | undefined;
    await c.glue.send(
      new CreateTriggerCommand({
        Name: String(t.name),
        Type: t.type as never,
        WorkflowName: t.workflowName as string | undefined,
        Schedule: t.schedule as string | undefined,
        Actions: (t.actions as PropertyMap[]).map((a) => ({
          JobName: a.jobName as string | undefined,
          CrawlerName: a.crawlerName as string | undefined,
          Arguments: a.arguments as Record<string, string> | undefined,
        })),
        Predicate: pred
          ? {
              Logical: pred.logical as never,
              Conditions: (pred.conditions as PropertyMap[]).map((x) => ({
                JobName: x.jobName as string | undefined,
                CrawlerName: x.crawlerName as string | undefined,
                State: x.state as never,
                CrawlState: x.crawlState as never,
                LogicalOperator: "EQUALS",
              })),
            }
          : undefined,
        Tags: tags(t),
      }),
    );
  }
}
