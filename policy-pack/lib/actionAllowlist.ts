/** Judging one Allow statement of a project identity policy against the action allowlist
 * (components/project/iamAllowlist.ts) and the project's resource scoping. */
import { AllowedProjectActions, PROJECT_IDENTITY_ACTIONS } from "../../components/project/iamAllowlist";
import { PLATFORM_KEY_SERVICES } from "../../components/project/iamActions";
import { boundedIfPresent, pinnedTo } from "./conditionPins";
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

/** The resource type of an ARN (`network-interface` of `…:network-interface/eni-1`), if literal. */
function resourceTypeOf(resource: string): string | undefined {
  const rest = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:(.*)$/s.exec(resource)?.[1];
  const type = rest === undefined ? undefined : /^([^/:]+)[/:]/.exec(rest)?.[1];
  return type === undefined || /[*?$]/.test(type) ? undefined : type;
}

/** Does one of the entry's condition pins apply to this action and resource and hold? */
function pinnedByCondition(
  st: NormalizedStatement,
  e: AllowedProjectActions,
  action: string,
  resource: string,
  owner: string,
  shared: SharedScope,
): boolean {
  const names = (x: string) => projectIdOfName(`${x}-`) === owner || x.includes(`project-${owner}-`);
  const type = resourceTypeOf(resource);
  return (e.conditionPins ?? []).some((pin) => {
    if (pin.actions && !pin.actions.some((a) => a.toLowerCase() === action.toLowerCase())) return false;
    if (pin.resourceTypes && (type === undefined || !pin.resourceTypes.includes(type))) return false;
    const keysHold = pin.keys.every(({ key, own }) =>
      pinnedTo(st, key, (v) =>
        own
          ? names(v)
          : key.toLowerCase() !== "ec2:vpc" || !shared.vpcId || v.endsWith(`:vpc/${shared.vpcId}`),
      ),
    );
    return keysHold && (pin.ownIfPresent ?? []).every((k) => boundedIfPresent(st, k, names));
  });
}

const PIN_HINT =
  "no condition pins it to this project's resources (StringEquals on aws:ResourceTag/Project or the key alias naming this project; ForAllValues only with Null false, as it is true when the key is absent; aws:RequestTag pins only a resource the action creates)";

/** A statement of an entry with required values must bound the key to some of them, exactly. */
function requiredValueProblem(
  st: NormalizedStatement,
  e: AllowedProjectActions,
  action: string,
  owner: string,
): string[] {
  const req = e.requiredValues;
  if (!req) return [];
  const allowed = req.allowed(`project-${owner}`);
  if (pinnedTo(st, req.key, (v) => allowed.includes(v))) return [];
  return [
    `grants ${action} without a condition that limits ${req.key} to ${allowed.join(", ")} (StringEquals, exact values; a wildcard, …IfExists or ForAllValues without Null widens it)`,
  ];
}

/** Direct use of the shared platform key: only through the services the design names. */
function platformKeyProblem(
  st: NormalizedStatement,
  action: string,
  resource: string,
  shared: SharedScope,
): string[] {
  if (!shared.platformKeyArn || resource !== shared.platformKeyArn) return [];
  const region = /^arn:[^:]*:kms:([^:]*):/.exec(resource)?.[1] ?? "";
  const allowed = PLATFORM_KEY_SERVICES.map((svc) => `${svc}.${region}.amazonaws.com`);
  if (pinnedTo(st, "kms:ViaService", (v) => allowed.includes(v))) return [];
  return [
    `grants ${action} on the platform key without kms:ViaService limited to ${allowed.join(", ")}: the platform key encrypts every project's lake data, so it is used only through those services`,
  ];
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
    out.push(...requiredValueProblem(st, e, action, owner));
    if (e.resourceLess) continue;
    for (const r of st.resources) {
      out.push(...platformKeyProblem(st, action, r, shared));
      if (patternInProject(r, owner, shared)) continue;
      if (pinnedByCondition(st, e, action, r, owner, shared)) continue;
      const { literal, wildcard } = literalPrefix(r);
      out.push(
        wildcard
          ? `grants ${action} on ${r}, which can match resources outside this project (its literal part "${literal}" does not contain the project's own resource prefix${shared.env ? ` in ${shared.env}` : ""})`
          : `grants ${action} on ${r}, which is neither this project's resource${shared.env ? ` in ${shared.env}` : ""} nor a shared platform resource a project uses`,
      );
      if ((e.conditionPins ?? []).length > 0) out.push(`${out.pop() as string}; ${PIN_HINT}`);
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
