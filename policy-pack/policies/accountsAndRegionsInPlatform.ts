import { accountRegionProblems, PlatformPlace } from "../lib/accountRegion";
import { defineStackPolicy } from "../lib/define";
import { containsUnknown, forEachDeepString } from "../lib/deepStrings";
import { FactsConfig, factSettings, platformPlace } from "../lib/platformFacts";
import { stackIdentity } from "../lib/stackIdentity";

/** At most this many problems are reported per resource (the first ones, in input order). */
const MAX_PER_RESOURCE = 5;

/**
 * A project names only its own platform's account and region. Whatever property holds it — an event
 * target, a subscription's or a queue's redrive policy, alarm actions, a dashboard's metrics, a
 * topic's feedback roles, the key of a security configuration, bucket or table, a catalog id, a
 * security-group reference — an ARN, endpoint URL or account id that names another account or region
 * moves data, events, keys or code out of the platform. One rule reads every known string of every
 * resource of a project stack (and the JSON documents held in strings), instead of a table of
 * properties that a new property or resource type would bypass. AWS-owned ARNs (AWS managed IAM
 * policies) are allowed here and judged by their own rule. Values unknown at preview are judged by
 * project-scoped-references through their same-stack dependencies.
 */
export const accountsAndRegionsInPlatform = defineStackPolicy<FactsConfig>({
  name: "accounts-and-regions-in-platform",
  description:
    "Every ARN, AWS endpoint URL, cross-account security-group reference and account-id property (accountId, catalogId, bucketOwner, aws:SourceAccount …) anywhere in a project resource's inputs, including JSON documents held in strings, names the platform's account, region and partition (platform facts); only AWS-owned ARNs such as arn:aws:iam::aws:policy/… are exempt. Fails closed when a fact is missing.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Name resources of the platform account and region only: build ARNs from the platform contract (account, region) and the naming module, and leave catalogId/accountId unset or set to the platform account.",
  ...factSettings("accountId", "region", "partition"),
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return; // the platform stack is judged by its own rules
    const place: PlatformPlace | { what: string; how: string } = platformPlace(ctx.config);
    if ("what" in place) {
      ctx.report(undefined, place.what, place.how);
      return;
    }
    const inStack = new Set(ctx.resources.map((r) => r.urn));
    for (const r of ctx.resources) {
      const problems: string[] = [];
      forEachDeepString(r.props, (s) => {
        for (const p of accountRegionProblems(s.text, s.key, place)) problems.push(`${s.path}: ${p}`);
      });
      // An unknown input cannot be read here; it is accepted only when made from a resource of this
      // stack (whose own inputs this rule reads), never from a read resource or nothing at all. Only
      // custom resources (those with a provider) have inputs; a component's or the stack's values
      // are its outputs.
      if (r.provider)
        for (const key of Object.keys(r.props))
          if (
            containsUnknown(r.props, key) &&
            !(r.propertyDependencies[key] ?? []).some((d) => inStack.has(d.urn))
          )
            problems.push(`${key}: is unknown at preview and made from no resource of this stack`);
      for (const p of [...new Set(problems)].slice(0, MAX_PER_RESOURCE))
        ctx.report(
          r,
          p,
          `name only resources of the platform account ${place.accountId} in ${place.region} (platform contract, naming module)`,
        );
    }
  },
});
