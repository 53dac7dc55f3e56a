import { defineResourcePolicy } from "../lib/define";
import {
  conditionValues,
  NormalizedStatement,
  parsePolicyDocument,
  PolicyDocumentError,
  statementLabel,
} from "../lib/iamDoc";
import { FactsConfig, factSettings, missingFact, platformFacts } from "../lib/platformFacts";
import { isProjectIdentity, principalArnPinnedToProject } from "../lib/projectPrincipals";
import { stackIdentity } from "../lib/stackIdentity";
import { has, peek, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

/**
 * A key stays an AWS KMS key the account can always manage:
 * - no custom key store (`customKeyStoreId`, `xksKeyId`): an external key store keeps the key material
 *   outside AWS, where the platform can neither audit nor guarantee it
 *   (https://docs.aws.amazon.com/kms/latest/developerguide/keystore-external.html);
 * - no `bypassPolicyLockoutSafetyCheck`, and a key policy (when one is given) keeps the statement that
 *   lets the account's root principal do `kms:*` on `*`: without it IAM policies cannot grant access
 *   and the key can become unmanageable (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html,
 *   https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html BypassPolicyLockoutSafetyCheck).
 * A key without a policy gets the default key policy, which has that statement.
 */
function isAccountRootAdmin(st: NormalizedStatement, account: string, partition: string): boolean {
  if (st.effect !== "Allow" || st.principals === undefined || st.principals === "*") return false;
  if (Object.keys(st.conditions).length > 0) return false;
  const aws = st.principals.AWS ?? [];
  const root = aws.some((p) => p === account || p === `arn:${partition}:iam::${account}:root`);
  return root && st.actions.some((a) => a === "kms:*" || a === "*") && st.resources.includes("*");
}

/** A Deny that only refuses requests without TLS (`Bool`/`BoolIfExists` aws:SecureTransport false):
 * an administrator's ordinary request never matches it. */
function onlyWithoutTls(st: NormalizedStatement): boolean {
  const v = conditionValues(st, /^Bool(IfExists)?$/i, "aws:SecureTransport");
  return v !== undefined && v.length > 0 && v.every((x) => x.toLowerCase() === "false");
}

/**
 * Can a Deny statement refuse the account's administrators (the account root and the identities IAM
 * policies of the account allow)? Default-deny: yes, unless it only refuses requests without TLS, or
 * it applies only to AWS services or to this project's own roles (its Principal names only those,
 * or an exact aws:PrincipalArn condition does). An explicit Deny overrides every Allow, the
 * account-root statement included (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html),
 * so a Deny to "*" except some roles locks everyone else, the platform's administrators too, out.
 */
function denyReachesAdministrators(
  st: NormalizedStatement,
  place: { accountId: string; partition: string; projectId?: string },
): boolean {
  if (onlyWithoutTls(st)) return false;
  const projectPlace = place.projectId ? { ...place, projectId: place.projectId, region: "" } : undefined;
  if (projectPlace && principalArnPinnedToProject(st, projectPlace)) return false;
  if (st.notPrincipals !== undefined || st.principals === undefined || st.principals === "*") return true;
  return Object.entries(st.principals).some(
    ([kind, values]) =>
      kind !== "Service" &&
      values.some((v) => !(kind === "AWS" && projectPlace && isProjectIdentity(v, projectPlace))),
  );
}

const ROOT_FIX = (account: string, partition: string) =>
  `keep the statement {"Effect":"Allow","Principal":{"AWS":"arn:${partition}:iam::${account}:root"},"Action":"kms:*","Resource":"*"} (the default key policy's), or leave policy unset`;

export const kmsKeyStoreAndAdmin = defineResourcePolicy<FactsConfig>({
  name: "kms-key-store-and-admin",
  description:
    "A KMS key lives in AWS KMS (no custom or external key store) and stays manageable by its account: no bypassPolicyLockoutSafetyCheck, a given key policy keeps the account-root kms:* statement, and no Deny of the key policy overrides it for the account's administrators (a Deny may refuse only requests without TLS, or only AWS services or the project's own roles).",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Remove customKeyStoreId, xksKeyId and bypassPolicyLockoutSafetyCheck; keep the account-root statement in the key policy (components/managedKey.ts builds compliant keys).",
  ...factSettings("accountId", "partition"),
  types: [T.kmsKey],
  validate(ctx) {
    for (const k of ["customKeyStoreId", "xksKeyId"]) {
      const v = peek(() => ctx.props[k]);
      if (v !== undefined && v !== null && v !== "")
        ctx.report(`sets ${k}: its key material would live in a custom key store`, `remove ${k}`);
    }
    const bypass = peek(() => ctx.props.bypassPolicyLockoutSafetyCheck);
    if (bypass === true || bypass === "true" || bypass === UNKNOWN)
      ctx.report(
        "sets bypassPolicyLockoutSafetyCheck, which lets a policy lock the account out of the key",
        "remove bypassPolicyLockoutSafetyCheck",
      );
    if (!has(ctx.props, "policy")) return;
    const facts = platformFacts(ctx.config as Record<string, unknown>);
    if (!facts.accountId) {
      const m = missingFact("accountId");
      ctx.report(m.what, m.how);
      return;
    }
    const partition = facts.partition ?? "aws";
    let statements: NormalizedStatement[];
    try {
      statements = parsePolicyDocument(ctx.props.policy);
    } catch (e) {
      if (!(e instanceof PolicyDocumentError)) throw e;
      ctx.report(`has a key policy that ${e.message}`, ROOT_FIX(facts.accountId, partition));
      return;
    }
    if (!statements.some((st) => isAccountRootAdmin(st, facts.accountId as string, partition)))
      ctx.report(
        `has a key policy without the account-root statement, so account ${facts.accountId} cannot manage the key through IAM`,
        ROOT_FIX(facts.accountId, partition),
      );
    const id = stackIdentity();
    const place = {
      accountId: facts.accountId,
      partition,
      projectId: id.kind === "project" ? id.projectId : undefined,
    };
    statements.forEach((st, i) => {
      if (st.effect === "Deny" && denyReachesAdministrators(st, place))
        ctx.report(
          `has a key policy whose ${statementLabel(st, i)} denies ${st.notActions.length > 0 ? `every action except ${st.notActions.join(", ")}` : st.actions.join(", ")} to principals of account ${facts.accountId} beyond this project's own roles: an explicit Deny overrides the account-root statement, so the account's administrators could be locked out of the key`,
          "remove the Deny, or limit it to requests without TLS (Bool aws:SecureTransport false) or to this project's own roles (Principal, or an exact aws:PrincipalArn condition naming them)",
        );
    });
  },
});
