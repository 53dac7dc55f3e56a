import { requiresKey } from "../lib/conditionPins";
import { defineResourcePolicy } from "../lib/define";
import {
  accountOfPrincipal,
  NormalizedStatement,
  parsePolicyDocument,
  PolicyDocumentError,
  statementLabel,
} from "../lib/iamDoc";
import { factConfig, missingFact, platformFacts } from "../lib/platformFacts";
import { projectNamesOf } from "../lib/project";
import { projectOfResource } from "../lib/stackProject";
import { str } from "../lib/values";
import { T } from "../lib/types";

const FACTS = factConfig("accountId", "devPrincipalArnPatterns");

/** Operators that compare exactly (no `…IfExists`, no negation, no `ForAnyValue:`): only these narrow
 * who may assume (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html). */
const NARROWING =
  /^(ArnEquals|ArnLike|StringEquals|StringLike|ForAllValues:(ArnEquals|ArnLike|StringEquals|StringLike))$/i;

/** Exactly-compared values of a condition key, per operator block (all blocks apply: AND). */
function narrowingBlocks(st: NormalizedStatement, key: string): string[][] {
  const out: string[][] = [];
  for (const [op, block] of Object.entries(st.conditions)) {
    if (!NARROWING.test(op)) continue;
    // ForAllValues is true when the key is absent: it narrows only with Null false (lib/conditionPins.ts).
    if (/^ForAllValues:/i.test(op) && !requiresKey(st, key)) continue;
    for (const [k, v] of Object.entries(block)) if (k.toLowerCase() === key.toLowerCase()) out.push(v);
  }
  return out;
}

/** Problems with a trust statement's actions: sts:AssumeRole only. sts:TagSession would let the caller
 * set session tags that become principal tags (aws:PrincipalTag/Project, ABAC), and
 * sts:SetSourceIdentity lets the caller pick the identity CloudTrail records unless the statement pins
 * sts:SourceIdentity (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html). */
function actionProblems(st: NormalizedStatement): string[] {
  if (st.notActions.length > 0) return [`allows every action except ${st.notActions.join(", ")} (NotAction)`];
  const out: string[] = [];
  for (const a of st.actions) {
    if (/^sts:AssumeRole$/i.test(a)) continue;
    if (/^sts:SetSourceIdentity$/i.test(a)) {
      const pinned = narrowingBlocks(st, "sts:SourceIdentity").some(
        (v) => v.length > 0 && v.every((x) => !/[*?]|\$\{/.test(x)),
      );
      if (pinned) continue;
      out.push("allows sts:SetSourceIdentity without an exact sts:SourceIdentity condition");
      continue;
    }
    out.push(
      /^sts:TagSession$/i.test(a)
        ? "allows sts:TagSession: the caller's session tags would become principal tags (Project) the platform's tag-based access trusts"
        : `allows ${a}; a project role's trust allows only sts:AssumeRole`,
    );
  }
  return out;
}

/**
 * Project roles' trust policies allow only sts:AssumeRole (no session tags, no unpinned source
 * identity, no wildcard or NotAction), and the dev-session role is assumable only by exact principal
 * ARNs of the platform account or by the people's role patterns the platform config names
 * (devPrincipalArnPatterns): a pattern of its own such as `role/*` would admit any role of the account
 * that carries, or can be given, the Project tag.
 */
export const iamProjectRoleTrustExact = defineResourcePolicy({
  name: "iam-project-role-trust-exact",
  description:
    "Project roles' trust policies allow only sts:AssumeRole (never sts:TagSession, sts:SetSourceIdentity without an exact sts:SourceIdentity pin, wildcards or NotAction); the dev-session role's aws:PrincipalArn condition names only exact principal ARNs of the platform account or the people's role patterns of the platform config (devPrincipalArnPatterns).",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    'Use Action "sts:AssumeRole" only; for the dev role use ArnLike {"aws:PrincipalArn": <the platform\'s devPrincipalArnPatterns>} as components/iam.ts humanTrust writes it.',
  types: [T.role],
  config: FACTS.config,
  configSchema: { properties: FACTS.schema },
  validate(ctx) {
    const owner = projectOfResource(ctx.props);
    if (!owner) return;
    let statements: NormalizedStatement[];
    try {
      statements = parsePolicyDocument(ctx.props.assumeRolePolicy);
    } catch (e) {
      if (e instanceof PolicyDocumentError) return; // reported by iam-project-role-trust
      throw e;
    }
    const dev = str(ctx.props.name) === projectNamesOf(owner).devRole();
    const facts = platformFacts(ctx.config);
    statements.forEach((s, i) => {
      if (s.effect !== "Allow") return;
      const where = `assumeRolePolicy ${statementLabel(s, i)}`;
      for (const p of actionProblems(s))
        ctx.report(`${where} ${p}`, 'allow only "sts:AssumeRole" in a project role\'s trust');
      if (!dev) return;
      const allowed = facts.devPrincipalArnPatterns ?? [];
      if (allowed.length === 0) {
        const m = missingFact("devPrincipalArnPatterns");
        ctx.report(`${where}: ${m.what}`, m.how);
        return;
      }
      const acceptable = (v: string): boolean =>
        allowed.includes(v) ||
        (!/[*?]|\$\{/.test(v) && facts.accountId !== undefined && accountOfPrincipal(v) === facts.accountId);
      const blocks = narrowingBlocks(s, "aws:PrincipalArn");
      if (!blocks.some((v) => v.length > 0 && v.every(acceptable)))
        ctx.report(
          `${where} admits principals by aws:PrincipalArn ${blocks.length ? blocks.flat().join(", ") : "(none)"}, not only exact ARNs of the platform account or the platform's people patterns ${allowed.join(", ")}`,
          `use ArnLike {"aws:PrincipalArn": ${JSON.stringify(allowed)}}`,
        );
    });
  },
});
