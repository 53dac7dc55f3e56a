/**
 * Which provider the engine hands a policy with each resource. The engine gives every custom
 * non-provider resource a provider reference (the explicit one, else the default provider of its
 * package, configured from the stack's `<package>:*` config); components, providers and the stack
 * get none (pulumi/pulumi pkg/resource/deploy/source_eval.go RegisterResource, step_generator.go
 * analyzeAll; docs/pulumi-facts.md). Under the mock runtime no default provider is registered, so
 * the gate builds its view here.
 */
import { CapturedResource } from "../runner/runStack";
import { PropertyMap } from "../runner/encoding";
import { StackEnvironment } from "./stackEnvironment";

export interface ProviderView {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  readonly inputs: PropertyMap;
}

const PROVIDER_TYPE = /^pulumi:providers:/;

/** `aws:glue/job:Job` → `aws`. */
export function packageOf(type: string): string {
  return type.split(":")[0];
}

/** The version of an installed provider SDK (e.g. `@pulumi/aws` 7.48.0 → `7_48_0`), if known. */
function defaultProviderName(pkg: string): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const v = (require(`@pulumi/${pkg}/package.json`) as { version?: string }).version;
    return v ? `default_${v.replace(/[.-]/g, "_")}` : "default";
  } catch {
    return "default";
  }
}

/** The default provider's inputs: the stack config of its package, keys without the namespace
 * (structured values are JSON strings, as the engine passes config to providers). */
export function defaultProviderInputs(pkg: string, config: Readonly<Record<string, string>>): PropertyMap {
  const out: PropertyMap = {};
  for (const [k, v] of Object.entries(config)) if (k.startsWith(`${pkg}:`)) out[k.slice(pkg.length + 1)] = v;
  return out;
}

export function providerResolver(
  resources: CapturedResource[],
  stack?: StackEnvironment,
): (r: CapturedResource) => ProviderView | undefined {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const defaults = new Map<string, ProviderView>();
  return (r) => {
    if (!r.custom || PROVIDER_TYPE.test(r.type)) return undefined;
    if (r.provider) {
      // A provider reference is `<urn>::<id>`.
      const urn = r.provider.slice(0, r.provider.lastIndexOf("::"));
      const p = byUrn.get(urn);
      if (p) return { type: p.type, urn: p.urn, name: p.name, inputs: p.inputs };
    }
    const pkg = packageOf(r.type);
    let d = defaults.get(pkg);
    if (!d) {
      const name = defaultProviderName(pkg);
      const type = `pulumi:providers:${pkg}`;
      const prefix = stack ? `urn:pulumi:${stack.stack}::${stack.project}::` : "urn:pulumi:stack::project::";
      d = {
        type,
        urn: `${prefix}${type}::${name}`,
        name,
        inputs: defaultProviderInputs(pkg, stack?.config ?? {}),
      };
      defaults.set(pkg, d);
    }
    return d;
  };
}
