/**
 * Platform facts (account, VPC CIDR, prefix lists, endpoint security group, …) as policies need them.
 *
 * The engine never hands read resources (StackReferences, `get` functions) to policies, so a policy
 * cannot read the platform stack's outputs; the facts come from the policy config instead, as one
 * object `platform` in a policy's settings whose keys are the platform contract's output names
 * (components/contract.ts), e.g. in `policy-pack/config/<env>.json`:
 *
 *   "network-security-group-scope": { "platform": { "vpcCidr": "10.20.0.0/16", "s3PrefixListId": "pl-…", … } }
 *
 * A rule that needs a missing fact fails closed: it reports the fact as missing.
 */
import { PolicyResource } from "@pulumi/policy";
import { PlatformContract } from "../../components/contract";
import { list, obj, str } from "./values";

/** The contract outputs policies read; every one optional, because config may lack it. */
export const FACT_KEYS = [
  "accountId",
  "partition",
  "region",
  "vpcId",
  "vpcCidr",
  "privateSubnetIds",
  "routeTableIds",
  "s3PrefixListId",
  "dynamodbPrefixListId",
  "endpointSecurityGroupId",
  "platformKeyArn",
] as const satisfies readonly (keyof PlatformContract)[];

export type FactKey = (typeof FACT_KEYS)[number];
export type PlatformFacts = Partial<Pick<PlatformContract, FactKey>>;

/** Settings of a policy that reads platform facts. */
export interface FactsConfig {
  readonly platform?: PlatformFacts;
}

/** configSchema entry for `platform` (merge into a policy's configSchema properties). */
export const PLATFORM_FACTS_SCHEMA = {
  platform: {
    type: "object",
    description:
      "platform facts, keyed by the platform stack's output names (accountId, vpcCidr, s3PrefixListId, dynamodbPrefixListId, endpointSecurityGroupId, platformKeyArn, …); generated from the platform stack's outputs",
  },
} as const;

function pick(source: Record<string, unknown>): PlatformFacts {
  const out: Record<string, unknown> = {};
  for (const k of FACT_KEYS) {
    const v = source[k];
    if (typeof v === "string" && v !== "") out[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === "string")) out[k] = v;
  }
  return out as PlatformFacts;
}

/**
 * The facts a policy may rely on: its `platform` settings; for a stack policy, also the outputs of a
 * glue-platform StackReference when the runtime passes one (older engines and the offline gate did),
 * config taking precedence.
 */
export function platformFacts(config: FactsConfig, resources: readonly PolicyResource[] = []): PlatformFacts {
  let fromReference: PlatformFacts = {};
  for (const r of resources) {
    if (
      r.type === "pulumi:pulumi:StackReference" &&
      /(^|\/)glue-platform\/[^/]+$/.test(str(r.props.name) ?? r.name)
    )
      fromReference = { ...fromReference, ...pick(obj(r.props.outputs)) };
  }
  return { ...fromReference, ...pick(obj(config.platform)) };
}

/** Message part for a missing fact: which key to add and where it comes from. */
export function missingFact(key: FactKey): { what: string; how: string } {
  return {
    what: `the platform fact "${key}" is not in the policy config, so this cannot be verified`,
    how: `add "platform": { "${key}": … } (the platform stack's output ${key}) to this policy's settings in policy-pack/config/<env>.json`,
  };
}

/** All string values of a list-or-string fact. */
export function factValues(facts: PlatformFacts, ...keys: FactKey[]): string[] {
  return keys.flatMap((k) => {
    const v: unknown = facts[k];
    return typeof v === "string" ? [v] : list(v).filter((x): x is string => typeof x === "string");
  });
}
