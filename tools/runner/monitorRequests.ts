/**
 * The mock monitor's requests as the runner reads them (the generated gRPC message getters of
 * @pulumi/pulumi/proto/resource_pb.js), and how they translate to what the engine records: its URNs,
 * provider references, and the plugin, remote and import options of a registration.
 */
import { PropertyMap, toAnalyzerValue } from "./encoding";
import { TYPE } from "../../components/typeTokens";
import { HooksBindingMessage, RegisterHookRequest } from "./hooks";

export interface StructLike {
  toJavaScript(): unknown;
}
export interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): StructLike | undefined;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(cb: (v: { getUrnsList(): string[] }, k: string) => void): void };
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getProvider(): string;
  getIgnorechangesList(): string[];
  getAliasurnsList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getDeletebeforereplace(): boolean;
  getDeletebeforereplacedefined(): boolean;
  getVersion(): string;
  getPlugindownloadurl(): string;
  getRemote(): boolean;
  getImportid(): string;
  getHooks?(): HooksBindingMessage | undefined;
}
export interface ReadRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProperties(): StructLike | undefined;
  getDependenciesList(): string[];
  getProvider(): string;
}
export interface Response {
  getUrn(): string;
  getObject?(): StructLike | undefined;
  getProperties?(): StructLike | undefined;
}
export type Callback = (err: Error | null, resp?: Response) => void;
export interface CapturingMonitor {
  registerResource(req: RegisterRequest, cb: Callback): Promise<void>;
  readResource(req: ReadRequest, cb: Callback): Promise<void>;
  registerResourceOutputs(
    req: { getUrn(): string; getOutputs(): StructLike | undefined },
    cb: (e: Error | null, r?: unknown) => void,
  ): void;
  registerResourceHook?(req: RegisterHookRequest, cb: (e: Error | null, r?: unknown) => void): void;
  registerErrorHook?(req: RegisterHookRequest, cb: (e: Error | null, r?: unknown) => void): void;
}

export function structToMap(s: StructLike | undefined): PropertyMap {
  const v = s ? toAnalyzerValue(s.toJavaScript()) : {};
  return (v && typeof v === "object" && !Array.isArray(v) ? v : {}) as PropertyMap;
}

export function propertyDependencies(req: RegisterRequest): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((v, k) => {
    out[k] = v.getUrnsList();
  });
  return out;
}

/**
 * The engine's URNs for the mock monitor's: the engine qualifies a type with its parent's qualified
 * type and leaves the root stack's type out (a resource parented by the stack has the URN
 * `urn:pulumi:<stack>::<project>::<type>::<name>`, as `pulumi preview` reports it); the mock monitor
 * prefixes the immediate parent's type, the stack's included (`@pulumi/pulumi/runtime/mocks.js`).
 * Parents and dependencies register before their dependents, so one pass in registration order
 * translates every reference.
 */
export class EngineUrns {
  private readonly known = new Map<string, string>();

  register(mockUrn: string, parent: string, type: string, name: string): string {
    const [head, project] = mockUrn.split("::");
    const parentType = parent ? this.of(parent).split("::")[2] : undefined;
    const qualified = parentType && parentType !== TYPE.stack ? `${parentType}$${type}` : type;
    const urn = `${head}::${project}::${qualified}::${name}`;
    this.known.set(mockUrn, urn);
    return urn;
  }

  of(mockUrn: string): string {
    return this.known.get(mockUrn) ?? mockUrn;
  }
}

/** A provider reference (`<provider urn>::<id>`) with the provider's URN as the engine writes it. */
export function engineProviderRef(urns: EngineUrns, ref: string): string | undefined {
  if (!ref) return undefined;
  const at = ref.lastIndexOf("::");
  return `${urns.of(ref.slice(0, at))}${ref.slice(at)}`;
}

/** The plugin, remote and import options of a registration. As the engine does for a provider
 * resource, its `version` and `pluginDownloadURL` options become its inputs of the same names
 * (pulumi/pulumi pkg/resource/deploy/source_eval.go: `providers.SetProviderVersion`/`SetProviderURL`). */
export function pluginOptions(req: RegisterRequest, inputs: PropertyMap) {
  const version = req.getVersion() || undefined;
  const pluginDownloadURL = req.getPlugindownloadurl() || undefined;
  if (req.getType().startsWith("pulumi:providers:")) {
    if (version) inputs.version = version;
    if (pluginDownloadURL) inputs.pluginDownloadURL = pluginDownloadURL;
  }
  return {
    ...(version ? { version } : {}),
    ...(pluginDownloadURL ? { pluginDownloadURL } : {}),
    ...(req.getRemote() ? { remote: true } : {}),
    ...(req.getImportid() ? { importId: req.getImportid() } : {}),
  };
}
