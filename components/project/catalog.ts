/** The project's catalog databases (one per lake layer it uses) and data-quality rulesets. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LakeLayer } from "../naming";
import { ProjectPlan } from "./plan";

export class ProjectCatalog extends pulumi.ComponentResource {
  readonly databases: Partial<Record<LakeLayer, aws.glue.CatalogDatabase>> = {};

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
