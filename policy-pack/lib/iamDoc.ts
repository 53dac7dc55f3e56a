/** IAM policy documents as policies see them: a JSON string (or object) normalized to statements with
 * array-valued Action/Resource, so rules are small pure functions over statements. */
import { pinnedValues, requiresKey } from "./conditionPins";

export interface NormalizedStatement {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly actions: string[];
  readonly notActions: string[];
  readonly resources: string[];
  readonly notResources: string[];
  readonly principals: Record<string, string[]> | "*" | undefined;
  /** NotPrincipal: in an Allow it grants to everyone but the listed principals. */
  readonly notPrincipals?: Record<string, string[]> | "*";
  readonly conditions: Record<string, Record<string, string[]>>;
}

export class PolicyDocumentError extends Error {}

const asArray = (v: unknown): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

function principals(v: unknown): NormalizedStatement["principals"] {
  if (v === undefined) return undefined;
  if (v === "*") return "*";
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, val]) => [k, asArray(val)]),
    );
  }
  throw new PolicyDocumentError(`Principal ${JSON.stringify(v)} is malformed`);
}

/** Several policies read the same document; parsing is memoized by document text (bounded). */
const parsedDocuments = new Map<string, NormalizedStatement[]>();
const MAX_CACHED_DOCUMENTS = 2000;

export function parsePolicyDocument(doc: unknown): NormalizedStatement[] {
  if (typeof doc === "string") {
    const hit = parsedDocuments.get(doc);
    if (hit) return hit;
    const parsed = parseUncached(doc);
    if (parsedDocuments.size >= MAX_CACHED_DOCUMENTS) parsedDocuments.clear();
    parsedDocuments.set(doc, parsed);
    return parsed;
  }
  return parseUncached(doc);
}

function parseUncached(doc: unknown): NormalizedStatement[] {
  let parsed: unknown = doc;
  if (typeof doc === "string") {
    try {
      parsed = JSON.parse(doc);
    } catch {
      throw new PolicyDocumentError("is not valid JSON");
    }
  }
  if (parsed === null || typeof parsed !== "object")
    throw new PolicyDocumentError("is not a policy document object");
  const raw = (parsed as { Statement?: unknown }).Statement;
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return statements.map((s) => {
    if (s === null || typeof s !== "object")
      throw new PolicyDocumentError("has a statement that is not an object");
    const st = s as Record<string, unknown>;
    const effect = st.Effect === "Deny" ? "Deny" : st.Effect === "Allow" ? "Allow" : undefined;
    if (!effect) throw new PolicyDocumentError(`has a statement with Effect ${JSON.stringify(st.Effect)}`);
    const conditions: Record<string, Record<string, string[]>> = {};
    for (const [op, block] of Object.entries((st.Condition as Record<string, unknown>) ?? {})) {
      conditions[op] = Object.fromEntries(
        Object.entries((block as Record<string, unknown>) ?? {}).map(([k, v]) => [k, asArray(v)]),
      );
    }
    return {
      sid: typeof st.Sid === "string" ? st.Sid : undefined,
      effect,
      actions: asArray(st.Action),
      notActions: asArray(st.NotAction),
      resources: asArray(st.Resource),
      notResources: asArray(st.NotResource),
      principals: principals(st.Principal),
      notPrincipals: principals(st.NotPrincipal),
      conditions,
    };
  });
}

/** Condition value of a key under any operator whose name matches (case-insensitive key match). */
export function conditionValues(
  st: NormalizedStatement,
  opPattern: RegExp,
  key: string,
): string[] | undefined {
  for (const [op, block] of Object.entries(st.conditions)) {
    if (!opPattern.test(op)) continue;
    for (const [k, v] of Object.entries(block)) if (k.toLowerCase() === key.toLowerCase()) return v;
  }
  return undefined;
}

const actionPatterns = new Map<string, RegExp>();

/** Does an IAM action pattern (with * and ?) cover the given action? */
export function actionMatches(pattern: string, action: string): boolean {
  let re = actionPatterns.get(pattern);
  if (!re) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".");
    re = new RegExp(`^${body}$`, "i");
    actionPatterns.set(pattern, re);
  }
  return re.test(action);
}

/** Actions that read or write data; they must never be granted on a wildcard resource. */
export const DATA_ACTION_PREFIXES = [
  "s3:",
  "glue:",
  "dynamodb:",
  "sqs:",
  "sns:",
  "kms:",
  "secretsmanager:",
  "athena:",
  "lakeformation:",
];
export const DATA_ACTION_SAMPLES = [
  "s3:GetObject",
  "s3:PutObject",
  "s3:DeleteObject",
  "s3:ListBucket",
  "glue:GetTable",
  "glue:CreateTable",
  "glue:GetDatabase",
  "glue:StartJobRun",
  "dynamodb:PutItem",
  "dynamodb:GetItem",
  "sqs:SendMessage",
  "sqs:ReceiveMessage",
  "sns:Publish",
  "kms:Decrypt",
  "kms:GenerateDataKey",
  "secretsmanager:GetSecretValue",
];

/** Actions of a statement that touch data (explicit data actions, or wildcards that cover one). */
export function dataActionsOf(st: NormalizedStatement): string[] {
  if (st.notActions.length > 0) return ["NotAction:" + st.notActions.join(",")];
  return st.actions.filter(
    (a) =>
      DATA_ACTION_PREFIXES.some((p) => a.toLowerCase().startsWith(p)) ||
      DATA_ACTION_SAMPLES.some((s) => actionMatches(a, s)),
  );
}

/** Read-only catalog listing and session listing have no resource-level permissions. */
const RESOURCE_LESS = new Set(["glue:listsessions", "glue:getdatabases", "sts:getcalleridentity"]);

/** A resource that is a wildcard over everything of its service ("*", "arn:aws:s3:::*", "…:key/*" without alias pin). */
export function isWildcardResource(resource: string, st: NormalizedStatement): boolean {
  if (
    resource === "*" ||
    /^arn:[^:]*:[^:]*:[^:]*:[^:]*:\*$/.test(resource) ||
    /^arn:[^:]*:s3:::\*/.test(resource)
  )
    return true;
  if (/^arn:[^:]*:kms:[^:]*:[^:]*:key\/\*$/.test(resource)) {
    return pinnedValues(st, "kms:ResourceAliases") === undefined;
  }
  return false;
}

export function isResourceLessAction(action: string): boolean {
  return RESOURCE_LESS.has(action.toLowerCase());
}

/** How a message names a statement: by its Sid, else by its 1-based position in the document. */
export function statementLabel(s: NormalizedStatement, index: number): string {
  return s.sid ? `statement "${s.sid}"` : `statement #${index + 1}`;
}

/** Does a principal grant to everyone, in any spelling: "*", {"AWS":"*"}, {"AWS":["*"]}, any key "*"? */
export function isEveryone(p: NormalizedStatement["principals"]): boolean {
  if (p === "*") return true;
  return p !== undefined && Object.values(p).some((v) => v.includes("*"));
}

/** Condition keys that, compared exactly, pin who may call: account, organization or principal
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html). */
const PINNING_KEYS = [
  "aws:principalaccount",
  "aws:principalorgid",
  "aws:principalarn",
  "aws:sourceaccount",
  "aws:sourceowner",
  "aws:sourcearn",
  "kms:calleraccount",
];
/** Exact operators only: a `Like` with wildcards, `…IfExists` or `ForAnyValue:` do not pin, nor do
 * values with policy variables (`${aws:PrincipalOrgID}` compares the caller with itself), nor
 * `ForAllValues:` without `Null` false (true when the key is absent: lib/conditionPins.ts). */
const EXACT_OPERATOR = /^(ForAllValues:)?(StringEquals|StringEqualsIgnoreCase|ArnEquals)$/i;

/** Values that pin the caller, per key, from exact operators (wildcard values excluded). */
export function pinningConditions(st: NormalizedStatement): { key: string; values: string[] }[] {
  const out: { key: string; values: string[] }[] = [];
  for (const [op, block] of Object.entries(st.conditions)) {
    if (!EXACT_OPERATOR.test(op)) continue;
    const forAll = /^ForAllValues:/i.test(op);
    for (const [k, v] of Object.entries(block))
      if (
        PINNING_KEYS.includes(k.toLowerCase()) &&
        (!forAll || requiresKey(st, k)) &&
        v.length > 0 &&
        v.every((x) => !/[*?]|\$\{/.test(x))
      )
        out.push({ key: k, values: v });
  }
  return out;
}

/** The account of an AWS principal: a 12-digit id or an IAM/STS ARN. */
export function accountOfPrincipal(p: string): string | undefined {
  if (/^\d{12}$/.test(p)) return p;
  return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(p)?.[1];
}
