import { defineStackPolicy } from "../lib/define";
import {
  accountOfPrincipal,
  isEveryone,
  NormalizedStatement,
  parsePolicyDocument,
  pinningConditions,
  PolicyDocumentError,
  statementLabel,
} from "../lib/iamDoc";
import { MAKE_DOCUMENT_JUDGEABLE, policyDocument } from "../lib/ownOutputs";
import { FactsConfig, missingFact, platformFacts, factConfig } from "../lib/platformFacts";
import { projectIdOfName } from "../lib/project";
import { stackProjectOf } from "../lib/stackProject";
import { has, peek } from "../lib/values";
import { RESOURCE_POLICY_FIELDS } from "../lib/resourcePolicyFields";
import { T } from "../lib/types";

const KMS_GRANT = T.kmsGrant;

/**
 * Resource policies never grant outside the account (or, in a project stack, to another project's
 * principals) nor to everyone: every principal spelling ("*", {"AWS":"*"}, {"AWS":["*"]}), NotPrincipal
 * in an Allow, federated and canonical-user principals. A condition makes "*" acceptable only when it
 * pins the caller's account, organization or ARN with an exact operator. A document unknown at
 * preview is accepted only when built from this project stack's own resources (lib/ownOutputs.ts); it
 * is judged with known values at `pulumi up`.
 */
export const iamResourcePolicyScope = defineStackPolicy<FactsConfig>({
  name: "iam-resource-policy-scope",
  description:
    "Resource policies (bucket, key, Glue catalog, topic, queue, secret, role trust, KMS grants, …) grant only to the platform account's principals or AWS services, never to everyone unless a condition pins the account, organization or principal; a project stack's policies are narrower still (resource-policy-principals-in-project, resource-policy-no-everyone-grants).",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    'Name principals of this account (or an AWS service); for Principal "*" add StringEquals {"aws:PrincipalAccount": "<account>"} (or aws:SourceAccount / aws:PrincipalOrgID / aws:PrincipalArn); in a project stack name only the project\'s own roles, and pin services with aws:SourceArn of the project\'s own resources.',
  config: {},
  configSchema: { properties: factConfig("accountId", "organizationId").schema },
  validate(ctx) {
    const facts = platformFacts(ctx.config);
    const project = stackProjectOf(ctx.resources);
    for (const r of ctx.resources) {
      if (r.type === KMS_GRANT) {
        // A grant is a resource-level permission on a key, to one grantee principal.
        const keyId = peek(() => r.props.keyId);
        const keyOwner =
          project ??
          (typeof keyId === "string" ? projectIdOfName(/alias\/(.+)$/.exec(keyId)?.[1]) : undefined);
        for (const f of ["granteePrincipal", "retiringPrincipal"]) {
          const v = peek(() => r.props[f]);
          if (v === undefined) continue;
          const acct = typeof v === "string" ? accountOfPrincipal(v) : undefined;
          const other = typeof v === "string" ? projectIdOfName(v.split("/").pop()) : undefined;
          if (typeof v === "string" && v.endsWith(".amazonaws.com")) continue;
          if (!acct)
            ctx.report(r, `${f} is not an IAM ARN of this account`, "grant to this project's roles only");
          else if (facts.accountId && acct !== facts.accountId)
            ctx.report(r, `${f} is in account ${acct}`, `grant only to principals of ${facts.accountId}`);
          else if (!facts.accountId) {
            const m = missingFact("accountId");
            ctx.report(r, `${f} ${m.what}`, m.how);
          }
          if (keyOwner && other && other !== keyOwner)
            ctx.report(
              r,
              `${f} ${String(v)} is a principal of another project`,
              "grant only to this project's roles",
            );
        }
        continue;
      }
      const field = RESOURCE_POLICY_FIELDS[r.type];
      if (!field || !has(r.props, field)) continue;
      const doc = policyDocument(r, field, ctx.resources);
      if (doc.kind === "absent" || doc.kind === "deferred") continue;
      if (doc.kind === "refused") {
        ctx.report(r, doc.why, MAKE_DOCUMENT_JUDGEABLE);
        continue;
      }
      let statements: NormalizedStatement[];
      try {
        statements = parsePolicyDocument(doc.value);
      } catch (e) {
        if (!(e instanceof PolicyDocumentError)) throw e;
        ctx.report(r, `${field} ${e.message}`, "write a valid policy document");
        continue;
      }
      statements.forEach((s, i) => {
        if (s.effect !== "Allow") return;
        const where = `${field} ${statementLabel(s, i)}`;
        const report = (what: string, how: string) => ctx.report(r, `${where} ${what}`, how);
        const needAccount = (what: string): string | undefined => {
          if (facts.accountId) return facts.accountId;
          const m = missingFact("accountId");
          report(`${what} and ${m.what}`, m.how);
          return undefined;
        };
        if (s.notPrincipals !== undefined)
          report("allows everyone except its NotPrincipal", "name the principals with Principal instead");
        if (isEveryone(s.principals)) {
          const pins = pinningConditions(s);
          if (pins.length === 0) {
            report(
              'allows everyone (Principal "*") without a condition that pins the account, organization or principal',
              'add StringEquals {"aws:PrincipalAccount": "<account>"} or name the principals',
            );
            return;
          }
          // An organization id pins only when it is the platform's organization (the organizationId
          // fact); without the fact it pins nothing (fail closed). Conditions are ANDed, so an
          // account or principal pin next to it is judged on its own below.
          const orgPins = pins.filter((p) => /orgid$/i.test(p.key));
          if (orgPins.length === pins.length) {
            for (const p of orgPins) {
              const foreign = p.values.filter((v) => v !== facts.organizationId);
              if (!facts.organizationId)
                report(
                  `allows everyone (Principal "*") pinned only by ${p.key}, but ${missingFact("organizationId").what}`,
                  `${missingFact("organizationId").how}, or add StringEquals {"aws:PrincipalAccount": "<account>"}`,
                );
              else if (foreign.length > 0)
                report(
                  `pins ${p.key} to ${foreign.join(", ")}, not the platform's organization ${facts.organizationId}`,
                  `pin it to ${facts.organizationId}`,
                );
            }
            return;
          }
          const account = pins.some((p) => !/orgid$/i.test(p.key))
            ? needAccount("pins the caller")
            : undefined;
          for (const p of pins) {
            if (/orgid$/i.test(p.key)) continue;
            const foreign = p.values.filter((v) => (accountOfPrincipal(v) ?? arnAccount(v) ?? v) !== account);
            if (account && foreign.length > 0)
              report(
                `pins ${p.key} to ${foreign.join(", ")}, outside the platform account`,
                `pin it to ${account}`,
              );
          }
          return;
        }
        const principals = s.principals === undefined || s.principals === "*" ? {} : s.principals;
        for (const [kind, values] of Object.entries(principals)) {
          if (kind === "Service") {
            if (!servicePinned(s, facts.accountId))
              report(
                `grants to the service ${values.join(", ")} without aws:SourceAccount or aws:SourceArn pinned to ${facts.accountId ?? "the platform account"} (confused deputy)`,
                'add StringEquals {"aws:SourceAccount": "<platform account>"} or ArnEquals {"aws:SourceArn": "<own resource ARN>"}',
              );
            continue;
          }
          if (kind !== "AWS") {
            report(
              `grants to ${kind} principals ${values.join(", ")}`,
              "grant to principals of this account only",
            );
            continue;
          }
          for (const v of values) {
            const acct = accountOfPrincipal(v);
            if (!acct) {
              report(
                `names principal "${v}", which is not an account or IAM ARN`,
                "use an IAM ARN of this account",
              );
              continue;
            }
            const own = needAccount(`names ${v}`);
            if (own && acct !== own)
              report(`grants to account ${acct}`, `grant only to principals of ${own}`);
            const other = projectIdOfName(v.split("/").pop());
            if (project && other && other !== project)
              report(`grants to ${v}, a principal of another project`, "grant only to this project's roles");
          }
        }
      });
    }
  },
});

/** Account field of any ARN (`arn:partition:service:region:account:…`). */
function arnAccount(v: string): string | undefined {
  const account = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(v)?.[1];
  return account;
}

/** Condition keys that tie a service principal's request to a source in the platform account
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html), or a KMS request to a log
 * group or topic of the account (encryption context, https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html). */
const SOURCE_ARN_KEYS = [
  "aws:sourcearn",
  "kms:encryptioncontext:aws:logs:arn",
  "kms:encryptioncontext:aws:sns:topicarn",
];

/** Is a statement granting to a service pinned to the platform account (by SourceAccount, or by
 * source ARNs whose account field is the platform account)? Without the account fact, any pin. */
function servicePinned(st: NormalizedStatement, account: string | undefined): boolean {
  for (const [op, block] of Object.entries(st.conditions)) {
    if (/IfExists$|Not|^Null$|^ForAnyValue:/i.test(op)) continue;
    for (const [k, v] of Object.entries(block)) {
      const key = k.toLowerCase();
      if (v.length === 0 || v.some((x) => x.includes("${"))) continue;
      if (key === "aws:sourceaccount" && v.every((x) => (account ? x === account : /^\d{12}$/.test(x))))
        return true;
      if (
        SOURCE_ARN_KEYS.includes(key) &&
        v.every((x) => (account ? arnAccount(x) === account : !!arnAccount(x)))
      )
        return true;
    }
  }
  return false;
}
