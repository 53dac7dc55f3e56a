/**
 * Realistic mocks for Pulumi's mock runtime. In preview mode a new resource's outputs are its inputs
 * and every computed value (id, arn, …) is unknown, as in a real `pulumi preview` of a create. In
 * deployed mode ids and ARNs are built from type, name, account and region, so a deployed platform's
 * outputs are known and plausible.
 */
import { createHash } from "crypto";
import type * as pulumi from "@pulumi/pulumi";
import { INVOKE, TYPE } from "../../components/typeTokens";

export interface MockAccount {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

export const DEFAULT_ACCOUNT: MockAccount = {
  accountId: "123456789012",
  region: "eu-west-1",
  partition: "aws",
};

type State = Record<string, unknown>;

function hex(seed: string, length: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

/** `aws:glue/job:Job` → { service: "glue", kind: "job" }. */
function tokenParts(type: string): { service: string; kind: string } {
  const [, mod = "", member = ""] = type.split(":");
  const service = mod.split("/")[0];
  return { service, kind: member.charAt(0).toLowerCase() + member.slice(1) };
}

const EC2_ID_PREFIX: Record<string, string> = {
  [TYPE.vpc]: "vpc",
  [TYPE.subnet]: "subnet",
  [TYPE.routeTable]: "rtb",
  [TYPE.routeTableAssociation]: "rtbassoc",
  [TYPE.securityGroup]: "sg",
  [TYPE.vpcEndpoint]: "vpce",
  [TYPE.flowLog]: "fl",
  [TYPE.internetGateway]: "igw",
  [TYPE.natGateway]: "nat",
  [TYPE.sgIngressRule]: "sgr",
  [TYPE.sgEgressRule]: "sgr",
};

/** Outputs of a deployed resource: inputs plus plausible computed values. */
export function deployedState(
  type: string,
  name: string,
  inputs: State,
  account: MockAccount,
): { id: string; state: State } {
  const { accountId, region, partition } = account;
  const seed = `${type}::${name}`;
  const physical = (inputs.name ?? inputs.bucket ?? inputs.functionName) as string | undefined;
  const { service, kind } = tokenParts(type);
  const ec2Prefix = EC2_ID_PREFIX[type];
  let id = ec2Prefix ? `${ec2Prefix}-${hex(seed, 17)}` : (physical ?? `${name}-${hex(seed, 8)}`);
  const state: State = { ...inputs };
  let arn = `arn:${partition}:${service}:${region}:${accountId}:${kind}/${physical ?? id}`;
  switch (type) {
    case TYPE.bucket:
    case TYPE.bucketV2:
      arn = `arn:${partition}:s3:::${id}`;
      state.bucket = id;
      break;
    case TYPE.role:
    case TYPE.policy:
      arn = `arn:${partition}:iam::${accountId}:${kind}/${physical ?? id}`;
      if (type === TYPE.policy) id = arn;
      state.uniqueId = `AROA${hex(seed, 17).toUpperCase()}`;
      break;
    case TYPE.kmsKey:
      id = [8, 4, 4, 4, 12].map((n, i) => hex(`${seed}${i}`, n)).join("-");
      arn = `arn:${partition}:kms:${region}:${accountId}:key/${id}`;
      state.keyId = id;
      break;
    case TYPE.vpcEndpoint:
      if (inputs.vpcEndpointType === "Gateway") state.prefixListId = `pl-${hex(seed, 8)}`;
      break;
    case TYPE.logGroup:
      arn = `arn:${partition}:logs:${region}:${accountId}:log-group:${physical ?? id}`;
      break;
    case TYPE.queue:
      arn = `arn:${partition}:sqs:${region}:${accountId}:${physical ?? id}`;
      id = `https://sqs.${region}.amazonaws.com/${accountId}/${physical ?? id}`;
      state.url = id;
      break;
    case TYPE.topic:
      arn = `arn:${partition}:sns:${region}:${accountId}:${physical ?? id}`;
      id = arn;
      break;
  }
  state.id = id;
  // A resource whose input is an ARN (an EventTarget's target, a subscription's endpoint) keeps it as
  // the provider does; only resources without one get a computed ARN.
  state.arn = typeof inputs.arn === "string" ? inputs.arn : arn;
  return { id, state };
}

type PrincipalSpec = { type: string; identifiers: string[] };
type StatementSpec = {
  effect?: string;
  sid?: string;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  principals?: PrincipalSpec[];
  notPrincipals?: PrincipalSpec[];
  conditions?: { test: string; variable: string; values: string[] }[];
};

/** As terraform-provider-aws `policyDecodeConfigStringList`: one item → the string, more → the
 * list sorted in reverse (internal/service/iam/policy_model.go). */
function decodeList(l: string[]): string | string[] {
  return l.length === 1 ? l[0] : [...l].sort().reverse();
}

/** As `IAMPolicyStatementPrincipalSet.MarshalJSON`: only a lone `{type: "*", identifiers: ["*"]}`
 * renders as `"*"`; `{type: "AWS", identifiers: ["*"]}` stays `{"AWS": "*"}`; several principals
 * of one type merge into a list. */
function principalSet(ps: PrincipalSpec[]): unknown {
  if (ps.length === 1 && ps[0].type === "*" && ps[0].identifiers.length === 1 && ps[0].identifiers[0] === "*")
    return "*";
  const raw: Record<string, string | string[]> = {};
  for (const p of ps) {
    const ids = decodeList(p.identifiers);
    const prev = raw[p.type];
    if (prev === undefined) raw[p.type] = ids;
    else raw[p.type] = [...(Array.isArray(prev) ? prev : [prev]), ...(Array.isArray(ids) ? ids : [ids])];
  }
  return raw;
}

/** `aws.iam.getPolicyDocument` rendered as the provider's data source renders it (element order,
 * single values as strings, NotAction/NotResource/NotPrincipal kept, conditions flattened). */
export function policyDocumentFromInvoke(inputs: State): string {
  const statements = ((inputs.statements as StatementSpec[] | undefined) ?? []).map((s) => {
    const out: Record<string, unknown> = {};
    if (s.sid) out.Sid = s.sid;
    out.Effect = s.effect ?? "Allow";
    if (s.actions?.length) out.Action = decodeList(s.actions);
    if (s.notActions?.length) out.NotAction = decodeList(s.notActions);
    if (s.resources?.length) out.Resource = decodeList(s.resources);
    if (s.notResources?.length) out.NotResource = decodeList(s.notResources);
    if (s.principals?.length) out.Principal = principalSet(s.principals);
    if (s.notPrincipals?.length) out.NotPrincipal = principalSet(s.notPrincipals);
    if (s.conditions?.length) {
      const cond: Record<string, Record<string, string[]>> = {};
      for (const c of s.conditions) ((cond[c.test] ??= {})[c.variable] ??= []).push(...c.values);
      out.Condition = Object.fromEntries(
        Object.entries(cond).map(([t, vars]) => [
          t,
          Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v.length === 1 ? v[0] : v])),
        ]),
      );
    }
    return out;
  });
  const version = typeof inputs.version === "string" ? inputs.version : "2012-10-17";
  return JSON.stringify({ Version: version, Statement: statements });
}

/** Raised for an invoke the offline run cannot answer; the stack is reported failed with it. */
export class UnmockedInvokeError extends Error {}

export interface MockOptions {
  readonly account: MockAccount;
  readonly preview: boolean;
  /** StackReference name → that stack's outputs. */
  readonly stackOutputs: (stackName: string) => Record<string, unknown> | undefined;
  /** Told of every invoke the mocks cannot answer (the SDK may swallow the error itself). */
  readonly onUnmockedInvoke?: (e: UnmockedInvokeError) => void;
}

export function createMocks(opts: MockOptions): pulumi.runtime.Mocks {
  const { account } = opts;
  return {
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: State } {
      const inputs = (args.inputs ?? {}) as State;
      if (args.type === TYPE.stackReference) {
        const stackName = String(inputs.name ?? args.name);
        const outputs = opts.stackOutputs(stackName);
        if (outputs === undefined) {
          throw new Error(
            `StackReference '${stackName}': no such stack in the offline run. A project stack reads ` +
              `'organization/glue-platform/<env>'; check the project's platformOrg config.`,
          );
        }
        return { id: stackName, state: { name: stackName, outputs, secretOutputNames: [] } };
      }
      if (args.custom === false || args.type.startsWith("pulumi:providers:")) {
        return { id: undefined, state: inputs };
      }
      // The mock monitor passes the import id, "" for an ordinary create.
      if (opts.preview && !args.id) {
        // A create during preview: known inputs stay known; computed outputs are unknown.
        return { id: undefined, state: inputs };
      }
      return deployedState(args.type, args.name, inputs, account);
    },
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
      const { accountId, region, partition } = account;
      switch (args.token) {
        case INVOKE.callerIdentity:
          return {
            accountId,
            arn: `arn:${partition}:iam::${accountId}:user/offline-check`,
            userId: "AIDAOFFLINE",
            id: accountId,
          };
        case INVOKE.region:
          return {
            name: region,
            region,
            id: region,
            description: region,
            endpoint: `ec2.${region}.amazonaws.com`,
          };
        case INVOKE.partition:
          return { partition, dnsSuffix: "amazonaws.com", id: partition, reverseDnsPrefix: "com.amazonaws" };
        case INVOKE.availabilityZones: {
          const letters = ["a", "b", "c", "d"];
          return {
            names: letters.map((l) => `${region}${l}`),
            zoneIds: letters.map((_, i) => `${region.slice(0, 3)}-az${i + 1}`),
            id: region,
            groupNames: [region],
          };
        }
        case INVOKE.policyDocument: {
          const json = policyDocumentFromInvoke(args.inputs as State);
          return { json, minifiedJson: json, id: hex(json, 8) };
        }
        default: {
          const e = new UnmockedInvokeError(
            `the program calls ${args.token}, which the offline check cannot answer (it reads the live cloud). ` +
              "Take the value from the platform contract (the glue-platform StackReference) or the stack config instead",
          );
          opts.onUnmockedInvoke?.(e);
          throw e;
        }
      }
    },
  };
}
