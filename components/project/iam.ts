/** Project roles (job, crawler, dev) and their customer-managed policies; no AWS managed policies. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { toJson } from "../iam";
import { ProjectPolicyPurpose, PROJECT_POLICY_PURPOSES } from "../naming";
import { RoleKind } from "./iamDocuments";
import { ProjectPlan } from "./plan";

export class ProjectIam extends pulumi.ComponentResource {
  readonly roles: Record<RoleKind, aws.iam.Role>;
  /** Role ARNs built from the (known) role names, carrying the dependency on the role. */
  readonly roleArns: Record<RoleKind, pulumi.Output<string>>;

  constructor(name: string, plan: ProjectPlan, opts?: pulumi.ComponentResourceOptions) {
    super("glue:project:Iam", name, {}, opts);
    const parent = { parent: this };
    const policies = Object.fromEntries(
      PROJECT_POLICY_PURPOSES.map((purpose) => {
        const p = plan.policies[purpose];
        return [
          purpose,
          new aws.iam.Policy(purpose, { name: p.name, policy: toJson(p.document), tags: plan.tags }, parent),
        ];
      }),
    ) as Record<ProjectPolicyPurpose, aws.iam.Policy>;
    this.roles = {} as Record<RoleKind, aws.iam.Role>;
    this.roleArns = {} as Record<RoleKind, pulumi.Output<string>>;
    for (const kind of ["job", "crawler", "dev"] as const) {
      const r = plan.roles[kind];
      const role = new aws.iam.Role(
        kind,
        {
          name: r.name,
          description: `${plan.names.prefix} Glue ${kind} role (${plan.env})`,
          assumeRolePolicy: toJson(r.trust),
          maxSessionDuration: 3600 * (kind === "dev" ? 4 : 12),
          tags: {
            ...plan.tags,
            ...(kind === "dev" ? { SessionIdleTimeoutMinutes: String(plan.sessionIdleTimeoutMinutes) } : {}),
          },
        },
        parent,
      );
      const attachments = r.policies.map(
        (purpose) =>
          new aws.iam.RolePolicyAttachment(
            `${kind}-${purpose}`,
            { role: role.name, policyArn: plan.policies[purpose].arn },
            { ...parent, dependsOn: [policies[purpose]] },
          ),
      );
      this.roles[kind] = role;
      // Known at preview (name-derived), and only resolved once the role and its policies exist.
      this.roleArns[kind] = pulumi.all([role.name, ...attachments.map((a) => a.role)]).apply(() => r.arn);
    }
    this.registerOutputs({});
  }
}
