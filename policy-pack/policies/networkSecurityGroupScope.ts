import { PolicyResource } from "@pulumi/policy";
import { parseRange, Range, withinAny } from "../lib/cidr";
import { defineStackPolicy, StackContext } from "../lib/define";
import { FactsConfig, missingFact, platformFacts, PlatformFacts, factConfig } from "../lib/platformFacts";
import { stackIdentity } from "../lib/stackIdentity";
import { projectOfResource } from "../lib/stackProject";
import { list, obj, peek, peekAll, str, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

type Direction = "ingress" | "egress";

/** One rule, wherever it is written (inline on the group, or a standalone rule resource). */
interface RuleView {
  readonly owner: PolicyResource;
  readonly where: string;
  readonly direction: Direction;
  readonly group: PolicyResource | undefined;
  readonly props: Record<string, unknown>;
  /** Resources the rule's peer fields depend on (a referenced group or prefix list of this stack). */
  readonly peers: PolicyResource[];
}

const CIDR_FIELDS = ["cidrBlocks", "ipv6CidrBlocks", "cidrIpv4", "cidrIpv6"];
const PREFIX_FIELDS = ["prefixListIds", "prefixListId"];
const GROUP_FIELDS = ["securityGroups", "referencedSecurityGroupId", "sourceSecurityGroupId"];

function rulesOf(resources: readonly PolicyResource[]): RuleView[] {
  const out: RuleView[] = [];
  for (const r of resources) {
    if (r.type === T.securityGroup) {
      for (const direction of ["ingress", "egress"] as const)
        list(r.props[direction]).forEach((rule, i) =>
          out.push({
            owner: r,
            where: `${direction}[${i}]`,
            direction,
            group: r,
            props: obj(rule),
            peers: r.propertyDependencies[direction] ?? [],
          }),
        );
    } else if (r.type === T.securityGroupRule || r.type === T.sgIngressRule || r.type === T.sgEgressRule) {
      const direction: Direction =
        r.type === T.sgEgressRule || (r.type === T.securityGroupRule && str(r.props.type) === "egress")
          ? "egress"
          : "ingress";
      const group = (r.propertyDependencies.securityGroupId ?? []).find((d) => d.type === T.securityGroup);
      const peers = [...GROUP_FIELDS, ...PREFIX_FIELDS].flatMap((f) => r.propertyDependencies[f] ?? []);
      out.push({ owner: r, where: `${direction} rule`, direction, group, props: r.props, peers });
    }
  }
  return out;
}

/**
 * Where traffic may go, judged by addresses and identities rather than spelling: a project group takes
 * ingress only from itself and sends only to itself, the platform's gateway prefix lists and
 * interface-endpoint group (docs/decisions.md, network); any group's CIDRs stay inside the VPC; a standalone rule belongs to a group
 * of this stack (never the platform's or another project's).
 */
export const networkSecurityGroupScope = defineStackPolicy<FactsConfig>({
  name: "network-security-group-scope",
  description:
    "Security-group rules (inline, vpc.SecurityGroupIngressRule/EgressRule, ec2.SecurityGroupRule) of a project group reach only the group itself, the platform's gateway prefix lists and endpoint security group (no CIDR, not even inside the VPC, where other projects' Glue interfaces live) and accept ingress only from the group itself; in a project stack every group is a project group. Other groups keep CIDRs inside the VPC CIDR.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Use the project network component's group: egress to itself (self: true), the platform's s3PrefixListId/dynamodbPrefixListId and endpointSecurityGroupId only; platform groups keep CIDRs inside the VPC CIDR.",
  config: {},
  configSchema: {
    properties: factConfig("vpcCidr", "s3PrefixListId", "dynamodbPrefixListId", "endpointSecurityGroupId")
      .schema,
  },
  validate(ctx) {
    const facts = platformFacts(ctx.config);
    const vpcs = vpcRanges(ctx.resources, facts);
    // In a project stack every group is a project group, however it is named or tagged.
    const projectStack = stackIdentity().kind === "project";
    for (const rule of rulesOf(ctx.resources)) judgeRule(ctx, rule, facts, vpcs, projectStack);
  },
});

function vpcRanges(resources: readonly PolicyResource[], facts: PlatformFacts): Range[] | undefined {
  const texts = [
    ...(facts.vpcCidr ? [facts.vpcCidr] : []),
    ...resources
      .filter((r) => r.type === T.vpc)
      .flatMap((r) => [str(r.props.cidrBlock), str(r.props.ipv6CidrBlock)]),
  ].filter((t): t is string => t !== undefined);
  const ranges = texts.map(parseRange).filter((r): r is Range => r !== undefined);
  return ranges.length > 0 ? ranges : undefined;
}

const nameOf = (r: PolicyResource) => str(r.props.name) ?? r.name;

function judgeRule(
  ctx: StackContext<FactsConfig>,
  rule: RuleView,
  facts: PlatformFacts,
  vpcs: Range[] | undefined,
  projectStack: boolean,
): void {
  const { props, owner, where } = rule;
  const report = (what: string, how: string) => ctx.report(owner, `${where} ${what}`, how);
  if (owner !== rule.group && !rule.group) {
    report(
      "is attached to a security group that is not created in this stack",
      "add rules only to a security group of this stack, passing its resource's id",
    );
    return;
  }
  const group = rule.group as PolicyResource;
  const projectGroup = projectStack || projectOfResource(group.props) !== undefined;
  const values = (fields: string[]) => fields.flatMap((f) => peekAll(props, f));
  const cidrs = values(CIDR_FIELDS);
  const prefixes = values(PREFIX_FIELDS);
  // The group's own id once known (at `pulumi up`, `sg.id` is): a rule naming it is a self rule.
  const ownId = peek(() => group.props.id);
  const groups = values(GROUP_FIELDS).filter(
    (g) => g === UNKNOWN || typeof ownId !== "string" || g !== ownId,
  );
  const depGroups = rule.peers.filter((p) => p.type === T.securityGroup);
  const foreignDepGroups = depGroups.filter((p) => p.urn !== group.urn);
  const unknownGroups = groups.filter((g) => g === UNKNOWN).length;
  const toward = rule.direction === "ingress" ? "accepts traffic from" : "sends traffic to";

  if (projectGroup && rule.direction === "ingress") {
    const known = [...cidrs, ...prefixes, ...groups].filter((v): v is string => typeof v === "string");
    const outsiders = [...known, ...foreignDepGroups.map((p) => `security group "${nameOf(p)}"`)];
    if (outsiders.length > 0)
      report(`${toward} ${outsiders.join(", ")} into a project security group`, SELF_ONLY);
    else if (
      cidrs.includes(UNKNOWN) ||
      prefixes.includes(UNKNOWN) ||
      (unknownGroups > 0 && depGroups.length === 0)
    )
      report("has a source that can't be known during preview and not a group of this stack", SELF_ONLY);
    return;
  }

  // A project group sends only to itself, the platform's prefix lists and endpoint group: no
  // address range, not even inside the VPC (other projects' Glue interfaces live there).
  if (projectGroup && rule.direction === "egress" && cidrs.length > 0) {
    const shown = cidrs.map((c) => (typeof c === "string" ? c : "a CIDR unknown during preview"));
    report(`${toward} ${shown.join(", ")} from a project security group`, PROJECT_EGRESS);
    return;
  }
  if (cidrs.includes(UNKNOWN))
    report(
      "has a CIDR that can't be known during preview",
      "write the CIDR as a literal or from the platform's vpcCidr",
    );
  const cidrTexts = cidrs.filter((c): c is string => typeof c === "string");
  if (cidrTexts.length > 0 && !vpcs) {
    const m = missingFact("vpcCidr");
    report(`uses ${cidrTexts.join(", ")} and ${m.what}`, m.how);
  }
  for (const c of vpcs ? cidrTexts : []) {
    const range = parseRange(c);
    if (!range) report(`has "${c}", which is not a CIDR`, "write an IPv4 or IPv6 CIDR");
    else if (!withinAny(range, vpcs as Range[]))
      report(
        `${toward} ${c}, outside the VPC (${(vpcs as Range[]).map((v) => v.text).join(", ")})`,
        "keep CIDRs inside the platform VPC CIDR; reach AWS services through the VPC endpoints",
      );
  }

  // Prefix lists: the platform's gateway-endpoint lists, or one of a VPC endpoint of this stack.
  const allowedLists = [facts.s3PrefixListId, facts.dynamodbPrefixListId].filter((v): v is string => !!v);
  const stackEndpoints = rule.peers.some((p) => p.type === T.vpcEndpoint);
  for (const p of prefixes) {
    if (p === UNKNOWN) {
      if (!stackEndpoints)
        report(
          "has a prefix list that can't be known during preview",
          "use the platform's s3PrefixListId/dynamodbPrefixListId",
        );
    } else if (allowedLists.length === 0) {
      const m = missingFact("s3PrefixListId");
      report(`uses prefix list ${String(p)} and ${m.what}`, m.how);
    } else if (!allowedLists.includes(String(p)))
      report(
        `${toward} prefix list ${String(p)}, not a platform gateway endpoint's`,
        `use only ${allowedLists.join(", ")}`,
      );
  }

  // Groups: a project group reaches only itself and the platform's endpoint group.
  if (!projectGroup) return;
  for (const p of foreignDepGroups) report(`${toward} security group "${nameOf(p)}"`, ENDPOINTS_ONLY);
  if (unknownGroups > 0 && depGroups.length === 0)
    report(
      "references a security group that can't be known during preview and not a group of this stack",
      ENDPOINTS_ONLY,
    );
  const literal = groups.filter((g): g is string => typeof g === "string");
  if (literal.length === 0) return;
  const endpointSg = facts.endpointSecurityGroupId;
  if (!endpointSg) {
    const m = missingFact("endpointSecurityGroupId");
    report(`references ${literal.join(", ")} and ${m.what}`, m.how);
  } else
    for (const g of literal.filter((x) => x !== endpointSg))
      report(
        `${toward} security group ${g}, not the platform's endpoint group`,
        `use only ${endpointSg} (endpointSecurityGroupId)`,
      );
}

const PROJECT_EGRESS =
  "a project group sends only to itself (self: true), the platform's s3PrefixListId/dynamodbPrefixListId and its endpointSecurityGroupId, never to CIDRs";
const SELF_ONLY = "a project group accepts ingress only from itself (self: true)";
const ENDPOINTS_ONLY =
  "a project group reaches only itself (self: true) and the platform's endpointSecurityGroupId";
