/** Registers the planned table optimizers (tableOptimizers.ts): the optimizer role, its inline
 * policy, and one aws.glue.CatalogTableOptimizer per table and type, each on its CatalogTable. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { toJson } from "../iam";
import { ProjectPlan } from "./plan";
import { TableOptimizersPlan } from "./tableOptimizers";

export class ProjectTableOptimizers extends pulumi.ComponentResource {
  constructor(
    name: string,
    optimizers: TableOptimizersPlan,
    plan: ProjectPlan,
    tables: Record<string, aws.glue.CatalogTable>,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("glue:project:TableOptimizers", name, {}, opts);
    const parent = { parent: this };
    const role = new aws.iam.Role(
      "optimizer",
      {
        name: optimizers.role.name,
        description: `${plan.names.prefix} Glue table optimizers (${plan.env})`,
        assumeRolePolicy: toJson(optimizers.role.trust),
        tags: plan.tags,
      },
      parent,
    );
    const policy = new aws.iam.RolePolicy(
      "optimizer",
      { role: role.name, name: optimizers.policy.name, policy: toJson(optimizers.policy.document) },
      parent,
    );
    // Known at preview (name-derived); resolved only once the role and its policy exist, so Glue never
    // validates the optimizer against a role without permissions.
    const roleArn = pulumi.all([role.name, policy.name]).apply(() => optimizers.role.arn);
    for (const o of optimizers.optimizers) {
      const table = tables[`${o.table.spec.layer}-${o.table.spec.name}`];
      new aws.glue.CatalogTableOptimizer(
        o.key,
        {
          catalogId: plan.scope.accountId,
          databaseName: table.databaseName,
          tableName: table.name,
          type: o.type,
          configuration: { ...o.configuration, roleArn },
        },
        parent,
      );
    }
    this.registerOutputs({});
  }
}
