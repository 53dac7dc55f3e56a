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

/** The version of an installed provider SDK (e.g. `@pulumi/aws` 7.48.0), if known. */
function installedVersion(pkg: string): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(`@pulumi/${pkg}/package.json`) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** The engine's default provider name: `default`, `_<major>_<minor>_<patch>` of the requested version,
 * `_<url as a QName>` of a plugin download URL (pulumi/pulumi pkg/resource/deploy/providers
 * `ProviderRequest.DefaultName`). */
function defaultProviderName(version: string | undefined, url: string | undefined): string {
  let name = "default";
  if (version) name += `_${version.replace(/[.-]/g, "_")}`;
  if (url) name += `_${url.replace(/[^A-Za-z0-9_.]+/g, "_")}`;
  return name;
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
    // A remote component is registered with a provider like a custom resource (source_eval.go).
    if ((!r.custom && !r.remote) || PROVIDER_TYPE.test(r.type)) return undefined;
    if (r.provider) {
      // A provider reference is `<urn>::<id>`.
      const urn = r.provider.slice(0, r.provider.lastIndexOf("::"));
      const p = byUrn.get(urn);
      if (p) return { type: p.type, urn: p.urn, name: p.name, inputs: p.inputs };
    }
    // One default provider per package, requested version and plugin download URL (the SDK sends
    // its own version with every resource); both options land in its inputs, as for an explicit one.
    const pkg = packageOf(r.type);
    const version = r.version ?? installedVersion(pkg);
    const key = `${pkg}\0${version ?? ""}\0${r.pluginDownloadURL ?? ""}`;
    let d = defaults.get(key);
    if (!d) {
      const name = defaultProviderName(version, r.pluginDownloadURL);
      const type = `pulumi:providers:${pkg}`;
      const prefix = stack ? `urn:pulumi:${stack.stack}::${stack.project}::` : "urn:pulumi:stack::project::";
      const inputs = defaultProviderInputs(pkg, stack?.config ?? {});
      if (version) inputs.version = version;
      if (r.pluginDownloadURL) inputs.pluginDownloadURL = r.pluginDownloadURL;
      d = { type, urn: `${prefix}${type}::${name}`, name, inputs };
      defaults.set(key, d);
    }
    return d;
  };
}
