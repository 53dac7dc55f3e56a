/** Required tags on everything taggable (docs/decisions.md "Platform rules"). The policy pack reads the same list. */
export const REQUIRED_TAG_KEYS = [
  "Project",
  "Service",
  "Owner",
  "CostCenter",
  "Environment",
  "ManagedBy",
] as const;
export type RequiredTagKey = (typeof REQUIRED_TAG_KEYS)[number];
export type RequiredTags = Record<RequiredTagKey, string>;

export const MANAGED_BY = "pulumi";
export const SERVICE = "glue";

export function platformTags(env: string): RequiredTags {
  return {
    Project: "glue-platform",
    Service: SERVICE,
    Owner: "platform-engineering",
    CostCenter: "platform",
    Environment: env,
    ManagedBy: MANAGED_BY,
  };
}

/** Tag keys budgets and cost reports group by; the management-account stack (billing/) activates
 * them as cost allocation tags. */
export const COST_ALLOCATION_TAG_KEYS = ["Project", "CostCenter", "Environment"] as const;

export function projectTags(args: {
  projectId: string;
  owner: string;
  costCenter: string;
  env: string;
}): RequiredTags {
  return {
    Project: `project-${args.projectId}`,
    Service: SERVICE,
    Owner: args.owner,
    CostCenter: args.costCenter,
    Environment: args.env,
    ManagedBy: MANAGED_BY,
  };
}
