import { PolicyResource } from "@pulumi/policy";
import { AllowedProjectActions, PROJECT_IDENTITY_ACTIONS } from "../../components/project/iamAllowlist";
import { defineStackPolicy } from "../lib/define";
import { actionMatches, NormalizedStatement, statementLabel } from "../lib/iamDoc";
import { literalPrefix, patternInProject, SharedScope } from "../lib/literalScope";
import { factConfig, platformFacts } from "../lib/platformFacts";
import { projectIdOfName } from "../lib/project";
import { projectOfResource, stackProjectOf } from "../lib/stackProject";
import { identityDocuments, IDENTITY_POLICY_TYPES, policyOwnerName } from "./iamHelpers";

const FACTS = factConfig("accountId", "env", "platformKeyArn", "privateSubnetIds", "vpcId");

const ASK =
  "project identities get only the actions listed in components/project/iamAllowlist.ts (what the platform's own project roles use); ask the platform team to add an action there with its resource scoping";

/** The allowlist entry that covers a statement's action: exact actions, or the exact wildcard spelling. */
function entryOf(action: string): AllowedProjectActions | undefined {
  const wild = /[*?]/.test(action);
  return PROJECT_IDENTITY_ACTIONS.find((e) =>
    e.actions.some((a) => (wild ? a.toLowerCase() === action.toLowerCase() : actionMatches(a, action))),
  );
}

/** Exact (non-IfExists, non-Null) condition values of a key, if the statement has it. */
function conditionOn(st: NormalizedStatement, key: string): string[] | undefined {
  for (const [op, block] of Object.entries(st.conditions)) {
    if (/IfExists$|^Null$|^ForAnyValue:StringNot|^StringNot|^ArnNot/i.test(op)) continue;
    for (const [k, v] of Object.entries(block)) if (k.toLowerCase() === key.toLowerCase()) return v;
  }
  return undefined;
}

function pinnedByCondition(st: NormalizedStatement, e: AllowedProjectActions, owner: string): boolean {
  return (e.conditionKeys ?? []).some(({ key, own }) => {
    const v = conditionOn(st, key);
    if (!v || v.length === 0 || v.some((x) => /[*?]|\$\{/.test(x))) return false;
    return !own || v.every((x) => projectIdOfName(`${x}-`) === owner || x.includes(`project-${owner}-`));
  });
}

/** Problems of one Allow statement of a project identity policy. */
export function statementProblems(
  st: NormalizedStatement,
  owner: string,
  shared: SharedScope & { accountId?: string } = {},
): string[] {
  const { accountId } = shared;
  if (st.notActions.length > 0)
    return [`uses NotAction (${st.notActions.join(", ")}), which grants every other action of every service`];
  const out: string[] = [];
  for (const action of st.actions) {
    const e = entryOf(action);
    if (!e) {
      out.push(`grants ${action}, which is not an action project identities may have`);
      continue;
    }
    if (e.resourceLess) continue;
    for (const r of st.resources) {
      if (patternInProject(r, owner, shared)) continue;
      if (pinnedByCondition(st, e, owner)) continue;
      const { literal, wildcard } = literalPrefix(r);
      out.push(
        wildcard
          ? `grants ${action} on ${r}, which can match resources outside this project (its literal part "${literal}" does not contain the project's own resource prefix${shared.env ? ` in ${shared.env}` : ""})`
          : `grants ${action} on ${r}, which is neither this project's resource${shared.env ? ` in ${shared.env}` : ""} nor a shared platform resource a project uses`,
      );
    }
    if (st.notResources.length > 0) out.push(`grants ${action} with NotResource, i.e. on everything else`);
  }
  if (accountId)
    for (const r of st.resources) {
      const acct = /^arn:[^:]*:[^:]*:[^:]*:([^:]*):/.exec(literalPrefix(r).literal)?.[1];
      const whole = /^arn:[^:]*:[^:]*:[^:]*:([^:]*):/.exec(r)?.[1];
      if (whole !== undefined && whole !== "" && acct !== accountId)
        out.push(`names ${r} in account ${whole}, not the platform account ${accountId}`);
    }
  return out;
}

/** Default-deny on actions: project identity policies grant only allowlisted actions, each on the
 * project's own resources (judged by the literal prefix of each resource pattern). */
export const iamProjectActionAllowlist = defineStackPolicy({
  name: "iam-project-action-allowlist",
  description:
    "Identity policies of a project stack grant only the actions the platform's project roles use (components/project/iamAllowlist.ts), never NotAction, and each resource pattern's literal part (up to its first wildcard or policy variable) contains the project's own resource prefix, in the platform account.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: ASK,
  config: FACTS.config,
  configSchema: { properties: FACTS.schema },
  validate(ctx) {
    const facts = platformFacts(ctx.config);
    const stackOwner = stackProjectOf(ctx.resources);
    for (const r of ctx.resources) {
      if (!(IDENTITY_POLICY_TYPES as readonly string[]).includes(r.type)) continue;
      const owner = stackOwner ?? projectIdOfName(policyOwnerName(r.props)) ?? projectOfResource(r.props);
      if (!owner) continue;
      const rctx = {
        type: r.type,
        props: r.props,
        report: (what: string, how: string) => ctx.report(r as PolicyResource, what, how),
      };
      for (const { where, statements } of identityDocuments(rctx))
        for (const [i, s] of statements.entries()) {
          if (s.effect !== "Allow") continue;
          for (const p of statementProblems(s, owner, facts))
            ctx.report(r, `${where} ${statementLabel(s, i)} ${p}`, ASK);
        }
    }
  },
});
