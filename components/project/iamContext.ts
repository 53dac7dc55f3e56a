/**
 * What the project's identity policies are computed from (names, the platform contract, the project's
 * own Glue resources), and small helpers shared by the policy builders (iamDocuments.ts,
 * iamNetwork.ts, iamSessions.ts).
 */
import { AccountScope, arns } from "../arn";
import { PlatformContract } from "../contract";
import { Statement } from "../iam";
import { ProjectBucketPurpose, ProjectNames } from "../naming";

export interface ProjectIamContext {
  readonly names: ProjectNames;
  readonly scope: AccountScope;
  readonly platform: PlatformContract;
  readonly projectTag: string;
  readonly bucketArns: Record<ProjectBucketPurpose, string>;
  readonly own: OwnGlueResources;
}

/** Physical names of the project's own Glue resources, known from the validated spec. Grants name them
 * exactly; a wildcard stays only where names are chosen after deployment (sessions, the tables in a
 * database), docs/decisions.md "Accepted wildcards". */
export interface OwnGlueResources {
  readonly jobs: readonly string[];
  readonly crawlers: readonly string[];
  readonly dataQualityRulesets: readonly string[];
  readonly databases: readonly string[];
}

/** The statement, or nothing when it would name no resource (a spec without jobs, crawlers, …). */
export function ifAny(resources: readonly string[], statement: Omit<Statement, "Resource">): Statement[] {
  return resources.length === 0 ? [] : [{ ...statement, Resource: [...resources] } as Statement];
}

/** The project's Glue log groups and their streams. A group pattern ending in `*` already matches its
 * streams (`…:log-stream:…`): a trailing `*` expands beyond colon boundaries
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html), so only
 * exact groups get a separate `:log-stream:*` grant. */
export function projectLogGroupArns(ctx: ProjectIamContext): string[] {
  return ctx.names.logGroupPatterns().flatMap((p) => {
    const group = arns.logGroup(ctx.scope, p);
    return p.endsWith("*") ? [group] : [group, `${group}:log-stream:*`];
  });
}
