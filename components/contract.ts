/**
 * The platform → project contract: one definition of every platform output and its type. The
 * platform exports through `contractOutputs`, projects read through `readPlatformContract`; no output
 * key is spelled anywhere else.
 */
import * as pulumi from "@pulumi/pulumi";
import { GovernanceLimits } from "./limits";
import { LakeLayer, PLATFORM_PROJECT, PlatformNames } from "./naming";

export interface LakeBucketRef {
  readonly name: string;
  readonly arn: string;
}

export interface PlatformContract {
  readonly env: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly privateSubnetIds: string[];
  readonly privateSubnetAzs: string[];
  readonly routeTableIds: string[];
  readonly endpointIds: Record<string, string>;
  readonly s3GatewayEndpointId: string;
  readonly s3PrefixListId: string;
  readonly dynamodbPrefixListId: string;
  readonly endpointSecurityGroupId: string;
  readonly platformKeyArn: string;
  readonly lakeBuckets: Record<LakeLayer, LakeBucketRef>;
  readonly governanceLimits: GovernanceLimits;
  /** Name of the SSE-S3 bucket that receives the server access logs of every bucket (project
   * buckets log under their own `project-{uuid}/` folder). */
  readonly accessLogBucket: string;
  /** ARN patterns of the people (SSO / federated roles) who may assume a project's dev-session role;
   * they must also carry the principal tag Project=project-{uuid} (docs/aws-facts.md "Sessions"). */
  readonly devPrincipalArnPatterns: string[];
  /** Whether the management account has activated the cost allocation tags (billing/); until then
   * tag-filtered budgets read $0 and say so. */
  readonly costAllocationTagsActive: boolean;
  /** The platform account's AWS Organizations id (`o-…`), or "" when it is not configured
   * (glue-platform:organizationId): the fact that lets an aws:PrincipalOrgID condition pin callers. */
  readonly organizationId: string;
}

type Check = (v: unknown) => boolean;
const isString: Check = (v) => typeof v === "string" && v.length > 0;
const isStringArray: Check = (v) => Array.isArray(v) && v.length > 0 && v.every(isString);
const isStringRecord: Check = (v) =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every(isString);
const isBucketRecord: Check = (v) =>
  typeof v === "object" &&
  v !== null &&
  ["bronze", "silver", "gold"].every((l) => {
    const b = (v as Record<string, { name?: unknown; arn?: unknown }>)[l];
    return b !== undefined && isString(b.name) && isString(b.arn);
  });
const isLimits: Check = (v) =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as GovernanceLimits).maxWorkersPerJob === "number" &&
  typeof (v as GovernanceLimits).maxProjectDpu === "number";

/** Key → (type description, check). The `satisfies` clause makes a missing or extra key a type error. */
export const CONTRACT_SCHEMA = {
  env: ["string", isString],
  accountId: ["string", isString],
  region: ["string", isString],
  partition: ["string", isString],
  vpcId: ["string", isString],
  vpcCidr: ["string", isString],
  privateSubnetIds: ["string[]", isStringArray],
  privateSubnetAzs: ["string[]", isStringArray],
  routeTableIds: ["string[]", isStringArray],
  endpointIds: ["Record<string, string>", isStringRecord],
  s3GatewayEndpointId: ["string", isString],
  s3PrefixListId: ["string", isString],
  dynamodbPrefixListId: ["string", isString],
  endpointSecurityGroupId: ["string", isString],
  platformKeyArn: ["string", isString],
  lakeBuckets: ["Record<bronze|silver|gold, {name, arn}>", isBucketRecord],
  governanceLimits: ["GovernanceLimits", isLimits],
  accessLogBucket: ["string", isString],
  devPrincipalArnPatterns: ["string[]", isStringArray],
  costAllocationTagsActive: ["boolean", (v) => typeof v === "boolean"],
  organizationId: [
    "string (o-… or empty)",
    (v) => typeof v === "string" && (v === "" || /^o-[a-z0-9]{10,32}$/.test(v)),
  ],
} as const satisfies Record<keyof PlatformContract, readonly [string, Check]>;

export const CONTRACT_KEYS = Object.keys(CONTRACT_SCHEMA) as (keyof PlatformContract)[];

/** Keys added after platforms were first deployed, with how to derive the value when an older
 * platform stack lacks the output: the same function the platform uses, so both sides agree. A key
 * listed here is never reported missing; a present value is still type-checked. */
export const CONTRACT_FALLBACKS: {
  readonly [K in keyof PlatformContract]?: (c: PlatformContract) => PlatformContract[K];
} = {
  accessLogBucket: (c) => new PlatformNames(c.env, c).accessLogBucket(),
  organizationId: () => "",
};

function hasFallback(key: keyof PlatformContract): boolean {
  return CONTRACT_FALLBACKS[key] !== undefined;
}

/** Fills the keys an older platform lacks from CONTRACT_FALLBACKS (after every other key is known). */
function withFallbacks(values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...values };
  for (const key of CONTRACT_KEYS) {
    const derive = CONTRACT_FALLBACKS[key];
    if (out[key] === undefined && derive) out[key] = derive(values as unknown as PlatformContract);
  }
  return out;
}

export type ContractInputs = { [K in keyof PlatformContract]: pulumi.Input<PlatformContract[K]> };
export type ContractOutputs = { [K in keyof PlatformContract]: pulumi.Output<PlatformContract[K]> };

/** What the platform program returns as its stack outputs: exactly the contract keys. */
export function contractOutputs(values: ContractInputs): ContractOutputs {
  const out = {} as Record<string, pulumi.Output<unknown>>;
  for (const key of CONTRACT_KEYS) out[key] = pulumi.output(values[key]);
  return out as ContractOutputs;
}

/** `<org>/glue-platform/<env>`; the self-managed backend's org is the literal "organization". */
export function platformStackName(org: string, env: string): string {
  return `${org}/${PLATFORM_PROJECT}/${env}`;
}

export class ContractError extends Error {}

/** Checks one output value; the message names the stack and key and says how to fix it. */
export function checkContractValue(
  stack: string,
  key: keyof PlatformContract,
  value: unknown,
): string | undefined {
  const [type, check] = CONTRACT_SCHEMA[key];
  if (value === undefined && hasFallback(key)) return undefined;
  if (value === undefined) {
    return (
      `platform stack '${stack}' has no output '${key}'. ` +
      `Deploy the platform first (pulumi up --stack ${stack.split("/").pop()} in the repository root), ` +
      `then rerun this project stack.`
    );
  }
  if (!check(value)) {
    return `platform stack '${stack}' output '${key}' should be ${type} but is ${JSON.stringify(value)}; redeploy the platform with this repository's version.`;
  }
  return undefined;
}

/** Reads every contract key through one StackReference, each with a clear error when missing. */
export function readPlatformContract(ref: pulumi.StackReference, stackName: string): ContractOutputs {
  const checked = {} as Record<string, pulumi.Output<unknown>>;
  for (const key of CONTRACT_KEYS) {
    checked[key] = ref.getOutput(key).apply((value: unknown) => {
      const problem = checkContractValue(stackName, key, value);
      if (problem) throw new ContractError(problem);
      return value;
    });
  }
  const all = pulumi.all(checked).apply(withFallbacks);
  const out = {} as Record<string, pulumi.Output<unknown>>;
  for (const key of CONTRACT_KEYS) out[key] = hasFallback(key) ? all.apply((v) => v[key]) : checked[key];
  return out as ContractOutputs;
}

/** Resolves the contract as plain values (all keys known once the platform is deployed). Reads through
 * `getOutputDetails`, which returns a secret output in `secretValue`: `getOutputValue` throws on
 * secrets (https://www.pulumi.com/docs/reference/pkg/nodejs/pulumi/pulumi/classes/StackReference.html),
 * so a platform that marks an output secret (e.g. the account id) would otherwise break every project.
 * The values only feed names, ARNs and policy documents, which cannot stay secret. */
export async function resolvePlatformContract(
  ref: Pick<pulumi.StackReference, "getOutputDetails">,
  stackName: string,
): Promise<PlatformContract> {
  const values = {} as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of CONTRACT_KEYS) {
    const details = await ref.getOutputDetails(key);
    const value: unknown = details.value ?? details.secretValue;
    const problem = checkContractValue(stackName, key, value);
    if (problem) problems.push(problem);
    values[key] = value;
  }
  if (problems.length > 0) throw new ContractError(problems.join("\n"));
  return withFallbacks(values) as unknown as PlatformContract;
}
