/** The project's catalog databases (one per lake layer it uses), declared Iceberg tables and
 * data-quality rulesets. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LakeLayer } from "../naming";
import { ProjectPlan } from "./plan";

export class ProjectCatalog extends pulumi.ComponentResource {
  readonly databases: Partial<Record<LakeLayer, aws.glue.CatalogDatabase>> = {};
  /** Declared tables by `<layer>-<name>`. */
  readonly tables: Record<string, aws.glue.CatalogTable> = {};

  constructor(name: string, plan: ProjectPlan, opts?: pulumi.ComponentResourceOptions) {
    super("glue:project:Catalog", name, {}, opts);
    for (const db of plan.databases) {
      this.databases[db.layer] = new aws.glue.CatalogDatabase(
        db.layer,
        {
          name: db.name,
          catalogId: plan.scope.accountId,
          description: `${plan.loaded.spec.displayName}: ${db.layer} tables (${plan.env})`,
          locationUri: db.locationUri,
          tags: plan.tags,
        },
        { parent: this },
      );
    }
    for (const t of plan.tables) {
      const database = this.databases[t.spec.layer] as aws.glue.CatalogDatabase;
      this.tables[`${t.spec.layer}-${t.spec.name}`] = new aws.glue.CatalogTable(
        `${t.spec.layer}-${t.spec.name}`,
        {
          name: t.spec.name,
          databaseName: database.name,
          catalogId: plan.scope.accountId,
          description: t.spec.description,
          openTableFormatInput: { icebergInput: t.icebergInput },
        },
        // Every Iceberg commit rewrites the table's parameters and storage descriptor from the
        // Iceberg metadata; the stack creates the table and leaves those to the writers.
        { parent: this, ignoreChanges: ["storageDescriptor", "parameters"] },
      );
    }
    for (const dq of plan.dataQuality) {
      const database = this.databases[dq.spec.database] as aws.glue.CatalogDatabase;
      new aws.glue.DataQualityRuleset(
        dq.spec.name,
        {
          name: dq.name,
          description: dq.spec.description,
          ruleset: `Rules = [\n  ${dq.spec.rules.join(",\n  ")}\n]`,
          targetTable: {
            databaseName: database.name,
            tableName: dq.spec.table,
            catalogId: plan.scope.accountId,
          },
          tags: plan.tags,
        },
        { parent: this },
      );
    }
    this.registerOutputs({});
  }
}
