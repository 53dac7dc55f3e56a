import { defineResourcePolicy } from "../lib/define";
import { conditionValues, parsePolicyDocument, PolicyDocumentError } from "../lib/iamDoc";
import { factSettings, platformFacts } from "../lib/platformFacts";
import { projectNamesOf } from "../lib/project";
import { projectOfResource } from "../lib/stackProject";
import { NormalizedStatement } from "../lib/iamDoc";
import { str } from "../lib/values";
import { T } from "../lib/types";

type Ctx = {
  props: Record<string, unknown>;
  config: Record<string, unknown>;
  report(what: string, how: string): void;
};

/** A service trust must pin aws:SourceAccount to exactly the platform account: every listed value
 * (a list naming a foreign account lets that account's service requests assume the role). */
function checkSourceAccount(ctx: Ctx, s: NormalizedStatement, service: string): void {
  const values = conditionValues(s, /^StringEquals$/i, "aws:SourceAccount");
  if (!values || values.length === 0) {
    ctx.report(
      `trusts ${service} without an aws:SourceAccount condition (confused deputy)`,
      'add Condition StringEquals {"aws:SourceAccount": "<account id>"}',
    );
    return;
  }
  const { accountId } = platformFacts(ctx.config);
  const foreign = values.filter((v) => v !== accountId);
  if (accountId && foreign.length > 0)
    ctx.report(
      `pins aws:SourceAccount to ${foreign.join(", ")}, not the platform account ${accountId}`,
      `pin aws:SourceAccount to ${accountId} only`,
    );
}

function allowsOf(ctx: Ctx): NormalizedStatement[] | undefined {
  try {
    return parsePolicyDocument(ctx.props.assumeRolePolicy).filter((s) => s.effect === "Allow");
  } catch (e) {
    if (e instanceof PolicyDocumentError) {
      ctx.report(`assumeRolePolicy ${e.message}`, "write a valid trust policy");
      return undefined;
    }
    throw e;
  }
}

/** The dev-session role is assumed by people of the project: account principals matching ARN
 * patterns and carrying the principal tag Project=project-{uuid}; the events role by EventBridge. */
const SPECIAL_TRUST: Record<"dev" | "events" | "none", ((ctx: Ctx, owner: string) => void) | undefined> = {
  none: undefined,
  dev(ctx, owner) {
    const allows = allowsOf(ctx);
    if (!allows) return;
    if (allows.length === 0) ctx.report("has no trust statement", "trust the project's people (humanTrust)");
    for (const s of allows) {
      const p = s.principals;
      const aws = p && p !== "*" ? (p.AWS ?? []) : [];
      if (
        p === "*" ||
        aws.length === 0 ||
        aws.some((a) => !/^arn:[^:]+:iam::\d{12}:root$/.test(a)) ||
        Object.keys(p ?? {}).some((k) => k !== "AWS")
      )
        ctx.report(
          `trusts ${JSON.stringify(p)}`,
          "trust only the account root, narrowed by aws:PrincipalArn and the Project principal tag",
        );
      const patterns = conditionValues(s, /^ArnLike$/i, "aws:PrincipalArn") ?? [];
      if (patterns.length === 0 || patterns.some((a) => /^arn:[^:]+:iam::\d{12}:\*?$|^\*$/.test(a)))
        ctx.report(
          "trusts every principal of the account",
          "add ArnLike aws:PrincipalArn with the people's role patterns",
        );
      const tag = conditionValues(s, /^StringEquals$/i, "aws:PrincipalTag/Project");
      if (!tag || tag.length !== 1 || tag[0] !== `project-${owner}`)
        ctx.report(
          "does not require the principal tag Project of this project",
          `add StringEquals {"aws:PrincipalTag/Project": "project-${owner}"}`,
        );
    }
  },
  events(ctx) {
    const allows = allowsOf(ctx);
    if (!allows) return;
    for (const s of allows) {
      const p = s.principals;
      const services = p && p !== "*" ? (p.Service ?? []) : [];
      if (
        p === "*" ||
        services.length !== 1 ||
        services[0] !== "events.amazonaws.com" ||
        Object.keys(p ?? {}).some((k) => k !== "Service")
      )
        ctx.report(`trusts ${JSON.stringify(p)}`, "trust only events.amazonaws.com");
      checkSourceAccount(ctx, s, "EventBridge");
    }
  },
};

export const iamProjectRoleTrust = defineResourcePolicy({
  name: "iam-project-role-trust",
  description:
    "Project runtime roles (by name or Project tag) trust only glue.amazonaws.com (the events role only events.amazonaws.com), pinned with aws:SourceAccount; the dev-session role trusts only the project's people (ARN pattern + Project principal tag).",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    'assumeRolePolicy: one Allow sts:AssumeRole for Service glue.amazonaws.com with Condition StringEquals {"aws:SourceAccount": "<account>"}.',
  types: [T.role],
  ...factSettings("accountId"),
  validate(ctx) {
    // A project role by its name, or by its Project tag when it is named otherwise (every resource of a
    // project stack carries Project=project-{uuid}, required-tags).
    const owner = projectOfResource(ctx.props);
    if (!owner) return;
    const names = projectNamesOf(owner);
    const special =
      SPECIAL_TRUST[
        str(ctx.props.name) === names.devRole()
          ? "dev"
          : str(ctx.props.name) === names.eventsRole()
            ? "events"
            : "none"
      ];
    if (special) return special(ctx, owner);
    let statements;
    try {
      statements = parsePolicyDocument(ctx.props.assumeRolePolicy);
    } catch (e) {
      if (e instanceof PolicyDocumentError)
        return ctx.report(`assumeRolePolicy ${e.message}`, "write a valid trust policy");
      throw e;
    }
    const allows = statements.filter((s) => s.effect === "Allow");
    if (allows.length === 0) ctx.report("has no trust statement", "trust glue.amazonaws.com");
    for (const s of allows) {
      const p = s.principals;
      const services = p && p !== "*" ? (p.Service ?? []) : [];
      const others =
        p === "*"
          ? ["*"]
          : Object.entries(p ?? {})
              .filter(([k]) => k !== "Service")
              .flatMap(([k, v]) => v.map((x) => `${k}:${x}`));
      if (
        others.length > 0 ||
        services.some((svc) => svc !== "glue.amazonaws.com") ||
        services.length === 0
      ) {
        ctx.report(
          `trusts ${p === "*" ? "everyone" : JSON.stringify(p)}`,
          "trust only the service principal glue.amazonaws.com",
        );
      }
      checkSourceAccount(ctx, s, "Glue");
    }
  },
});
