/**
 * The stack-config keys the platform reads and writes, and their defaults: one place for the gate,
 * onboarding, the accounts check and the policy pack (Pulumi stack config, fully qualified
 * `namespace:key`: https://www.pulumi.com/docs/iac/concepts/config/). Project stacks are
 * `projects/Pulumi.<slug>-<env>.yaml`; the platform's own keys are read by platform/config.ts.
 */
import { PROJECT_PROJECT } from "./naming";

export const STACK_CONFIG_KEYS = {
  /** The AWS provider's region. */
  region: "aws:region",
  /** The AWS provider refuses every other account, even at preview (docs/aws-facts.md "Accounts"). */
  allowedAccountIds: "aws:allowedAccountIds",
  /** Path of the project's project.yaml, relative to projects/. */
  projectSpec: `${PROJECT_PROJECT}:spec`,
  /** dev | prod: the environment the project stack deploys. */
  projectEnv: `${PROJECT_PROJECT}:env`,
  /** Org part of the platform StackReference. */
  platformOrg: `${PROJECT_PROJECT}:platformOrg`,
} as const;

/** The platform stack's organization on the self-managed backend (`organization/<project>/<stack>`). */
export const DEFAULT_PLATFORM_ORG = "organization";

export interface ProjectStackConfigValues {
  readonly region: string;
  readonly spec: string;
  readonly env?: string;
  readonly platformOrg?: string;
  /** The env's pinned account(s); written as the JSON list the CLI hands to providers. */
  readonly allowedAccountIds?: readonly string[];
}

/** The config a project stack is written with (onboarding) or run with (the gate's extra stacks). */
export function projectStackConfig(v: ProjectStackConfigValues): Record<string, string> {
  return {
    [STACK_CONFIG_KEYS.region]: v.region,
    ...(v.allowedAccountIds
      ? { [STACK_CONFIG_KEYS.allowedAccountIds]: JSON.stringify(v.allowedAccountIds) }
      : {}),
    [STACK_CONFIG_KEYS.projectSpec]: v.spec,
    ...(v.env !== undefined ? { [STACK_CONFIG_KEYS.projectEnv]: v.env } : {}),
    ...(v.platformOrg !== undefined ? { [STACK_CONFIG_KEYS.platformOrg]: v.platformOrg } : {}),
  };
}
