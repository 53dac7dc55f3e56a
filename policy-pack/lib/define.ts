/**
 * One uniform way to declare a policy (name, description, severity, remediation, default level,
 * config schema with defaults from the governance-limits module) and to report violations with a
 * message that says what is wrong, on which resource, and how to fix it.
 *
 * Unknown values: CrossGuard turns an unknown read into an advisory "can't run during preview",
 * which would let a mandatory rule pass silently in a PR gate. Every validator here runs behind a
 * guard that reports such a read as a violation naming the property and how to make it known.
 */
import {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
  UnknownValueError,
} from "@pulumi/policy";

export type Props = Record<string, unknown>;

/** Property on a validateResource function: the resource types it judges. */
export const RESOURCE_TYPES = "glueResourceTypes";

export interface PolicyMeta<C> {
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  readonly enforcementLevel: EnforcementLevel;
  readonly remediationSteps: string;
  /** Config defaults; also the `default`s of the generated configSchema. */
  readonly config?: C;
  readonly configSchema?: PolicyConfigSchema;
  readonly tags?: string[];
}

export interface ResourceContext<C> {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly props: Props;
  readonly protect: boolean;
  /** The ignoreChanges resource option (the engine hands it to policies). */
  readonly ignoreChanges: readonly string[];
  readonly config: C;
  /** The provider the engine gives a custom resource (explicit or default); none for a component,
   * a provider or the stack resource (docs/pulumi-facts.md). */
  readonly provider?: {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    /** The provider's inputs (behind the unknown proxy), `version`/`pluginDownloadURL` included. */
    readonly props: Props;
  };
  /** Reports a violation: `<type> '<name>': <what>. Fix: <how>`. */
  report(what: string, how: string): void;
}

export interface StackContext<C> {
  readonly resources: PolicyResource[];
  readonly config: C;
  report(resource: PolicyResource | undefined, what: string, how: string): void;
}

const MAKE_KNOWN =
  "make it known at preview: give the resource an explicit name, and build names and ARNs from the platform contract " +
  "and the naming module instead of another resource's computed output";

/** A policy document unknown at preview is usually `pulumi.jsonStringify({… Resource: queue.arn …})`:
 * the ARN of a resource not yet created is unknown, so the whole document is. */
const MAKE_DOCUMENT_KNOWN =
  "make it known at preview: write the document with JSON.stringify over known strings, building this stack's ARNs from their known names and the platform contract's account and region " +
  "(`arn:aws:sqs:${region}:${account}:${queueName}`, `arn:aws:sns:${region}:${account}:${topicName}`, `arn:aws:s3:::${bucketName}`) instead of queue.arn/topic.arn outputs";

function unknownMessage(e: UnknownValueError): string {
  const document = /at \.(policy|accessPolicy|assumeRolePolicy)\b/.test(e.message);
  return `${e.message}, so this rule cannot verify it. Fix: ${document ? MAKE_DOCUMENT_KNOWN : MAKE_KNOWN}`;
}

function label(type: string, name: string): string {
  return `${type.split(":").pop()} '${name}'`;
}

/** The metadata every policy carries, the same for resource and stack policies. */
function policyMetadata<C>(meta: PolicyMeta<C>) {
  return {
    name: meta.name,
    description: meta.description,
    severity: meta.severity,
    enforcementLevel: meta.enforcementLevel,
    remediationSteps: meta.remediationSteps,
    configSchema: meta.configSchema,
    tags: meta.tags,
  };
}

function mergedConfig<C>(meta: PolicyMeta<C>, fromPack: object): C {
  return { ...(meta.config ?? ({} as C)), ...(fromPack as Partial<C>) };
}

export function defineResourcePolicy<C = Record<string, never>>(
  meta: PolicyMeta<C> & {
    /** The types judged, or "all" for a rule over every registered resource. */
    readonly types: readonly string[] | "all";
    validate(ctx: ResourceContext<C>): void;
  },
): ResourceValidationPolicy {
  const types = meta.types === "all" ? undefined : new Set(meta.types);
  const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (types && !types.has(args.type)) return;
    const where = label(args.type, args.name);
    const ctx: ResourceContext<C> = {
      type: args.type,
      name: args.name,
      urn: args.urn,
      props: args.props,
      protect: args.opts.protect,
      ignoreChanges: args.opts.ignoreChanges ?? [],
      config: mergedConfig(meta, args.getConfig<object>()),
      provider: args.provider
        ? {
            type: args.provider.type,
            name: args.provider.name,
            urn: args.provider.urn,
            props: args.provider.props,
          }
        : undefined,
      report: (what, how) => reportViolation(`${where}: ${what}. Fix: ${how}`),
    };
    try {
      meta.validate(ctx);
    } catch (e) {
      if (e instanceof UnknownValueError) reportViolation(`${where}: ${unknownMessage(e)}`);
      else throw e;
    }
  };
  // Lets an evaluator skip resources of other types without building their arguments; the CLI's
  // analyzer ignores the property and calls the function, which returns at once for other types.
  if (types) Object.defineProperty(validateResource, RESOURCE_TYPES, { value: types });
  return {
    ...policyMetadata(meta),
    validateResource,
  };
}

export function defineStackPolicy<C = Record<string, never>>(
  meta: PolicyMeta<C> & { validate(ctx: StackContext<C>): void },
): StackValidationPolicy {
  return {
    ...policyMetadata(meta),
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      const ctx: StackContext<C> = {
        resources: args.resources,
        config: mergedConfig(meta, args.getConfig<object>()),
        report: (r, what, how) =>
          reportViolation(`${r ? `${label(r.type, r.name)}: ` : ""}${what}. Fix: ${how}`, r?.urn),
      };
      try {
        meta.validate(ctx);
      } catch (e) {
        if (e instanceof UnknownValueError) reportViolation(unknownMessage(e));
        else throw e;
      }
    },
  };
}
