/**
 * Engine-side encoding of Analyzer requests: properties as the engine marshals them (plain values,
 * unknowns as the unknown sentinel), resource options and a provider always set, as the engine
 * always sends them.
 */
import { CapturedResource } from "../runner/runStack";
import { EffectivePolicyConfig } from "../gate/policyConfig";
import { Violation } from "../gate/evaluate";
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
function provider(r: CapturedResource, stack: string, project: string, region: string): any {
  const pkg = r.type.split(":")[0];
  const p = new analyzerPb.AnalyzerProviderResource();
  p.setType(`pulumi:providers:${pkg}`);
  p.setName(`default_${pkg}`);
  p.setUrn(`urn:pulumi:${stack}::${project}::pulumi:providers:${pkg}::default_${pkg}`);
  p.setProperties(
    structPb.Struct.fromJavaScript(
      pkg === "aws"
        ? { region, skipCredentialsValidation: "false", skipRegionValidation: "true", version: "7.48.0" }
        : {},
    ),
  );
  return p;
}

export interface StackIdentity {
  readonly stack: string;
  readonly project: string;
  readonly region: string;
}

/** The fields AnalyzeRequest and AnalyzerResource share, set the way the engine sets them. */
function describe(msg: any, r: CapturedResource, properties: unknown, id: StackIdentity): any {
  msg.setType(r.type);
  msg.setName(r.name);
  msg.setUrn(r.urn);
  msg.setProperties(structPb.Struct.fromJavaScript(properties));
  msg.setOptions(options(r));
  msg.setProvider(provider(r, id.stack, id.project, id.region));
  return msg;
}

export function analyzeRequest(r: CapturedResource, id: StackIdentity): any {
  return describe(new analyzerPb.AnalyzeRequest(), r, r.inputs, id);
}

export function analyzeStackRequest(resources: CapturedResource[], id: StackIdentity): any {
  const req = new analyzerPb.AnalyzeStackRequest();
  for (const r of resources) {
    const ar = describe(new analyzerPb.AnalyzerResource(), r, r.outputs, id);
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
