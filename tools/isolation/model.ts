/**
 * What the access matrix evaluates, collected from the resources the offline runner captured: per
 * project, each role's trust and attached identity policies, and the resource policies of the
 * buckets, keys and topic. Nothing here is hand-written: documents are read from the stacks.
 */
import { CheckedStack } from "../gate/offlineCheck";
import { CapturedResource } from "../runner/runStack";
import { arns } from "../../components/arn";
import {
  ENVIRONMENTS,
  LakeLayer,
  projectIdOfName,
  ProjectNames,
  ROLE_KINDS,
  RoleKind,
} from "../../components/naming";
import { DEFAULT_ACCOUNT } from "../runner/mocks";
import { TYPE } from "../../components/typeTokens";

export { ROLE_KINDS };
export type { RoleKind };

export interface ProjectAccess {
  readonly slug: string;
  readonly projectId: string;
  readonly names: ProjectNames;
  readonly roles: Record<
    RoleKind,
    { arn: string; name: string; trust: unknown; identityPolicies: { name: string; policy: unknown }[] }
  >;
  /** Bucket name → bucket policy document (project buckets). */
  readonly bucketPolicies: Map<string, unknown>;
  readonly topicPolicy?: unknown;
  readonly keyPolicy?: unknown;
  readonly connectionSecurityGroupTag: string;
  /** Physical names of the project's own Glue resources, as the stack registers them. */
  readonly glue: OwnGlueNames;
}

export interface OwnGlueNames {
  readonly jobs: string[];
  readonly crawlers: string[];
  readonly dataQualityRulesets: string[];
  readonly databases: string[];
}

export interface PlatformAccess {
  readonly accountId: string;
  readonly region: string;
  readonly vpcId: string;
  readonly subnetIds: string[];
  readonly lakeBuckets: Record<LakeLayer, string>;
  readonly bucketPolicies: Map<string, unknown>;
  readonly keyArn: string;
  readonly keyPolicy?: unknown;
}

const json = (v: unknown) => (typeof v === "string" ? (JSON.parse(v) as unknown) : v);
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

function ofType(s: CheckedStack, type: string): CapturedResource[] {
  return s.resources.filter((r) => r.type === type);
}

function namesOf(s: CheckedStack, type: string): string[] {
  return ofType(s, type)
    .map((r) => str(r.inputs.name))
    .filter((n): n is string => n !== undefined);
}

export function projectAccess(s: CheckedStack, env: string): ProjectAccess {
  const roles = ofType(s, TYPE.role);
  const policies = new Map(ofType(s, TYPE.policy).map((p) => [str(p.inputs.name) as string, p]));
  const attachments = ofType(s, TYPE.rolePolicyAttachment);
  const projectId = projectIdOfName(str(roles[0]?.inputs.name)) as string;
  const names = new ProjectNames(projectId, env);
  const role = (kind: RoleKind) => {
    const name = { job: names.jobRole(), crawler: names.crawlerRole(), dev: names.devRole() }[kind];
    const r = roles.find((x) => x.inputs.name === name);
    if (!r) throw new Error(`${s.name}: no ${kind} role ${name}`);
    const attached = attachments
      .filter((a) => a.name.startsWith(`${kind}-`))
      .map((a) => str(a.inputs.policyArn)?.split("/").pop() as string);
    return {
      name,
      arn: arns.role(DEFAULT_ACCOUNT, name),
      trust: json(r.inputs.assumeRolePolicy),
      identityPolicies: attached.map((pname) => {
        const p = policies.get(pname);
        if (!p) throw new Error(`${s.name}: ${kind} role attaches ${pname}, which the stack does not define`);
        return { name: pname, policy: json(p.inputs.policy) };
      }),
    };
  };
  const bucketPolicies = new Map(
    ofType(s, TYPE.bucketPolicy).map((b) => [str(b.inputs.bucket) as string, json(b.inputs.policy)]),
  );
  const topic = ofType(s, TYPE.topicPolicy)[0];
  const key = ofType(s, TYPE.kmsKey)[0];
  return {
    slug: s.name.replace(new RegExp(`-(${ENVIRONMENTS.join("|")})$`), ""),
    projectId,
    names,
    roles: { job: role("job"), crawler: role("crawler"), dev: role("dev") },
    bucketPolicies,
    topicPolicy: topic && json(topic.inputs.policy),
    keyPolicy: key && json(key.inputs.policy),
    connectionSecurityGroupTag: `project-${projectId}`,
    glue: {
      jobs: namesOf(s, TYPE.job),
      crawlers: namesOf(s, TYPE.crawler),
      dataQualityRulesets: namesOf(s, TYPE.dataQualityRuleset),
      databases: namesOf(s, TYPE.catalogDatabase),
    },
  };
}

export function platformAccess(s: CheckedStack, projectStack: CheckedStack): PlatformAccess {
  const ref = projectStack.resources.find((r) => r.type === TYPE.stackReference);
  const outputs = ((ref?.outputs as { outputs?: Record<string, unknown> } | undefined)?.outputs ?? {}) as {
    accountId: string;
    region: string;
    vpcId: string;
    privateSubnetIds: string[];
    platformKeyArn: string;
    lakeBuckets: Record<LakeLayer, { name: string }>;
  };
  const key = ofType(s, TYPE.kmsKey)[0];
  return {
    accountId: outputs.accountId,
    region: outputs.region,
    vpcId: outputs.vpcId,
    subnetIds: outputs.privateSubnetIds,
    lakeBuckets: {
      bronze: outputs.lakeBuckets.bronze.name,
      silver: outputs.lakeBuckets.silver.name,
      gold: outputs.lakeBuckets.gold.name,
    },
    bucketPolicies: new Map(
      ofType(s, TYPE.bucketPolicy).map((b) => [str(b.inputs.bucket) as string, json(b.inputs.policy)]),
    ),
    keyArn: outputs.platformKeyArn,
    keyPolicy: key && json(key.inputs.policy),
  };
}
