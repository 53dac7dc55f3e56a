import { defineResourcePolicy, Props } from "../lib/define";
import { peek, UNKNOWN } from "../lib/values";

/**
 * Provider plugins come from where the repository's SDK says, at the version it pins. A resource's
 * (or an explicit provider's) `version` and `pluginDownloadURL` options are not analysed as options:
 * the engine writes them into the provider's inputs (`SetProviderVersion`/`SetProviderURL` in
 * pulumi/pulumi pkg/resource/deploy/source_eval.go and default_providers.go) and hands a policy the
 * provider of every custom resource (docs/pulumi-facts.md). A download URL fetches and runs a binary
 * from any server with the deployment's credentials; another version runs code the repository never
 * tested. The pinned version is the installed `@pulumi/<package>` SDK's, which every resource of
 * that SDK requests by itself.
 */
function installedVersion(pkg: string): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(`@pulumi/${pkg}/package.json`) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

function judge(report: (what: string, how: string) => void, type: string, props: Props, where: string): void {
  const url = peek(() => props.pluginDownloadURL);
  if (url !== undefined && url !== null && url !== "")
    report(
      `${where} downloads its plugin from ${url === UNKNOWN ? "a URL unknown at preview" : `"${String(url)}"`}`,
      "remove the pluginDownloadURL resource option: plugins come from Pulumi's default source",
    );
  const version = peek(() => props.version);
  if (version === undefined || version === null || version === "") return;
  const pkg = type.replace(/^pulumi:providers:/, "");
  const pinned = installedVersion(pkg);
  if (version === UNKNOWN || version !== pinned)
    report(
      `${where} requests plugin version ${version === UNKNOWN ? "unknown at preview" : `"${String(version)}"`}, not the repository's pinned @pulumi/${pkg} ${pinned ?? "(not installed next to the pack)"}`,
      "remove the version resource option: the installed SDK requests its own version (package-lock.json)",
    );
}

export const projectProviderPlugin = defineResourcePolicy({
  name: "project-provider-plugin",
  description:
    "Provider plugins come from Pulumi's default source at the version of the repository's installed SDK: no provider (explicit, or the default one a resource's options select) has a pluginDownloadURL or another version.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Remove the pluginDownloadURL and version resource options; to change a provider version, bump @pulumi/<package> in package.json and package-lock.json.",
  types: "all",
  validate(ctx) {
    if (ctx.type.startsWith("pulumi:providers:")) {
      judge(ctx.report, ctx.type, ctx.props, "the provider");
      return;
    }
    // An explicit provider is judged as a resource itself; a default one is judged here.
    const p = ctx.provider;
    if (p && p.name.startsWith("default"))
      judge(ctx.report, p.type, p.props, `its default provider ${p.name}`);
  },
});
