import { defineResourcePolicy } from "../lib/define";
import { envPinnedAccount } from "../lib/envAccount";
import { FactsConfig, factSettings, missingFact, platformFacts } from "../lib/platformFacts";
import { stackIdentity } from "../lib/stackIdentity";
import { has, peek, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

/** The AWS provider settings a project stack may use (allowlist; everything else is denied): the
 * region, which must be the platform's, default tags, and allowedAccountIds pinned to the platform account. Every other setting changes the account,
 * credentials, endpoints, region of STS, or which tags the provider sees
 * (https://www.pulumi.com/registry/packages/aws/installation-configuration/). `version` and
 * `pluginDownloadURL` are resource options the engine records on the provider, not AWS settings;
 * `skipRegionValidation` is set to true by the SDK itself and harmless once region is the platform's. */
const ALLOWED = new Set(["region", "defaultTags", "version", "pluginDownloadURL", "skipRegionValidation"]);

/** A setting left at its default: absent, empty or false (provider inputs are strings). */
function unset(v: unknown): boolean {
  return (
    v === undefined || v === null || v === "" || v === false || v === "false" || v === "{}" || v === "[]"
  );
}

/** `allowedAccountIds` may only pin the provider to the platform's account (the platform fact, or
 * the env's pinned account of the platform stack config; a list as provider input, a JSON string as
 * stack config). */
function allowedAccounts(
  ctx: { report(what: string, how: string): void },
  settings: Record<string, unknown>,
  account: string | undefined,
  pinned: string | undefined,
  where: string,
): void {
  let v = peek(() => settings.allowedAccountIds);
  if (typeof v === "string") {
    try {
      v = JSON.parse(v) as unknown;
    } catch {
      v = [v];
    }
  }
  if (!account) {
    const m = missingFact("accountId");
    ctx.report(`${where}: ${m.what}`, m.how);
  } else if (!Array.isArray(v) || v.length !== 1 || (v[0] !== account && v[0] !== pinned))
    ctx.report(
      `${where} to something other than the platform account ${account}`,
      `set it to ["${account}"] or remove it`,
    );
}

export const projectProviderSettings = defineResourcePolicy<FactsConfig>({
  name: "project-provider-settings",
  description:
    "A project stack's AWS provider (explicit, or the default provider configured by aws:* stack config) sets only the platform's region, defaultTags and allowedAccountIds of exactly the platform account: no other account, credentials, role, endpoint, STS region, skipped validation or ignored tags.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Give the provider only region (the platform's region from the platform contract) and defaultTags; remove every other setting and aws:* stack config key.",
  ...factSettings("region", "accountId"),
  types: [T.awsProvider, T.stack],
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return;
    const explicit = ctx.type === T.awsProvider;
    let settings: Record<string, unknown> = {};
    if (explicit) settings = ctx.props;
    else {
      let config: Record<string, unknown> = {};
      try {
        config = JSON.parse(process.env.PULUMI_CONFIG || "{}") as Record<string, unknown>;
      } catch {
        config = {};
      }
      for (const [k, v] of Object.entries(config)) if (k.startsWith("aws:")) settings[k.slice(4)] = v;
    }
    const where = (k: string) => (explicit ? `sets ${k}` : `stack config aws:${k}`);
    const fix = (k: string) =>
      explicit ? `remove ${k} from the provider` : `remove aws:${k} from projects/Pulumi.${id.stack}.yaml`;
    const facts = platformFacts(ctx.config as Record<string, unknown>);
    for (const k of Object.keys(settings)) {
      if (ALLOWED.has(k)) continue;
      if (k === "allowedAccountIds") {
        allowedAccounts(ctx, settings, facts.accountId, envPinnedAccount(id.env), where(k));
        continue;
      }
      const v = peek(() => settings[k]);
      if (v !== UNKNOWN && unset(v)) continue;
      ctx.report(
        `${where(k)}, which a project stack's provider may not (only region and defaultTags are allowed)`,
        fix(k),
      );
    }
    if (!has(settings, "region")) return; // the deployment's region, which the platform stack fixes
    const region = peek(() => settings.region);
    if (!facts.region) {
      const m = missingFact("region");
      ctx.report(m.what, m.how);
    } else if (region !== facts.region)
      ctx.report(
        `${where("region")} ${region === UNKNOWN ? "to a value unknown at preview" : `"${String(region)}"`}, not the platform region ${facts.region}`,
        `use region ${facts.region} (the platform contract's region)`,
      );
  },
});
