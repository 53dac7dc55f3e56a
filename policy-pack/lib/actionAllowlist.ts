/** Judging one Allow statement of a project identity policy against the action allowlist
 * (components/project/iamAllowlist.ts) and the project's resource scoping. */
import { AllowedProjectActions, PROJECT_IDENTITY_ACTIONS } from "../../components/project/iamAllowlist";
import { actionMatches, NormalizedStatement } from "./iamDoc";
import { literalPrefix, patternInProject, SharedScope } from "./literalScope";
import { projectIdOfName } from "./project";

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

/** Is an action (or its exact wildcard spelling) on the project action allowlist? */
export function isAllowedProjectAction(action: string): boolean {
  return entryOf(action) !== undefined;
}
