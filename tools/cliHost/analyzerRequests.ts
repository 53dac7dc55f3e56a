/**
 * Engine-side encoding of Analyzer requests: properties as the engine marshals them (plain values,
 * unknowns as the unknown sentinel), resource options and a provider always set, as the engine
 * always sends them.
 */
import { CapturedResource } from "../runner/runStack";
import { EffectivePolicyConfig } from "../gate/policyConfig";
import { Violation } from "../gate/evaluate";
import { providerResolver, ProviderView } from "../gate/providers";
import { analyzerPb, structPb } from "./packHost";

const LEVELS: Record<string, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
const LEVEL_NAMES = ["advisory", "mandatory", "disabled", "remediate"];

/* eslint-disable @typescript-eslint/no-explicit-any -- protobuf message objects from generated JS */
export function configureRequest(config: Map<string, EffectivePolicyConfig>): any {
  const req = new analyzerPb.ConfigureAnalyzerRequest();
  const map = req.getPolicyconfigMap();
  for (const [name, c] of config) {
    const pc = new analyzerPb.PolicyConfig();
    pc.setEnforcementlevel(LEVELS[c.level]);
    pc.setProperties(structPb.Struct.fromJavaScript(c.properties));
    map.set(name, pc);
  }
  return req;
}

function options(r: CapturedResource): any {
  const o = new analyzerPb.AnalyzerResourceOptions();
  o.setProtect(r.protect);
  o.setIgnorechangesList(r.ignoreChanges);
  o.setAliasesList(r.aliases);
  o.setAdditionalsecretoutputsList(r.additionalSecretOutputs);
  o.setDeletebeforereplacedefined(r.deleteBeforeReplace !== undefined);
  o.setDeletebeforereplace(r.deleteBeforeReplace ?? false);
  o.setCustomtimeouts(new analyzerPb.AnalyzerResourceOptions.CustomTimeouts());
  if (r.parent) o.setParent(r.parent);
  return o;
}

/** The default provider the engine would attach (package name + version from the type token). */
/** The provider the engine attaches (explicit or default; none for components, providers and the
 * stack), from the gate's provider view (tools/gate/providers.ts). */
function provider(view: ProviderView): any {
  const p = new analyzerPb.AnalyzerProviderResource();
  p.setType(view.type);
  p.setName(view.name);
  p.setUrn(view.urn);
  p.setProperties(structPb.Struct.fromJavaScript(view.inputs));
  return p;
}

export interface StackIdentity {
  readonly stack: string;
  readonly project: string;
  readonly region: string;
  /** The stack config (the default providers' configuration). */
  readonly config?: Readonly<Record<string, string>>;
}

/** The provider of each resource of a stack, as the engine resolves it. */
export function providersOf(
  resources: CapturedResource[],
  id: StackIdentity,
): (r: CapturedResource) => ProviderView | undefined {
  return providerResolver(resources, {
    project: id.project,
    stack: id.stack,
    config: id.config ?? { "aws:region": id.region },
  });
}

/** The fields AnalyzeRequest and AnalyzerResource share, set the way the engine sets them. */
function describe(msg: any, r: CapturedResource, properties: unknown, view: ProviderView | undefined): any {
  msg.setType(r.type);
  msg.setName(r.name);
  msg.setUrn(r.urn);
  msg.setProperties(structPb.Struct.fromJavaScript(properties));
  msg.setOptions(options(r));
  if (view) msg.setProvider(provider(view));
  return msg;
}

export function analyzeRequest(r: CapturedResource, view: ProviderView | undefined): any {
  return describe(new analyzerPb.AnalyzeRequest(), r, r.inputs, view);
}

/** AnalyzeStack gets the new states only: read resources are never sent (docs/pulumi-facts.md). */
export function analyzeStackRequest(all: CapturedResource[], id: StackIdentity): any {
  const req = new analyzerPb.AnalyzeStackRequest();
  const providerOf = providersOf(all, id);
  for (const r of all.filter((x) => !x.read)) {
    const ar = describe(new analyzerPb.AnalyzerResource(), r, r.outputs, providerOf(r));
    if (r.parent) ar.setParent(r.parent);
    ar.setDependenciesList(r.dependencies);
    const deps = ar.getPropertydependenciesMap();
    for (const [k, urns] of Object.entries(r.propertyDependencies)) {
      const d = new analyzerPb.AnalyzerPropertyDependencies();
      d.setUrnsList(urns);
      deps.set(k, d);
    }
    req.addResources(ar);
  }
  return req;
}

/** Diagnostics of an AnalyzeResponse in the offline gate's Violation shape. */
export function diagnostics(resp: any, defaultUrn?: string): Violation[] {
  return resp.getDiagnosticsList().map((d: any) => ({
    policy: d.getPolicyname(),
    level: LEVEL_NAMES[d.getEnforcementlevel()] === "advisory" ? "advisory" : "mandatory",
    urn: d.getUrn() || defaultUrn,
    message: d.getMessage(),
    detail: d.getMessage(),
  }));
}
/* eslint-enable @typescript-eslint/no-explicit-any */
