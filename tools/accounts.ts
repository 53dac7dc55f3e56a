/**
 * One AWS account per environment, enforced on the stack configs (docs/aws-facts.md "Accounts"):
 * every stack pins `aws:allowedAccountIds` to exactly one account (the AWS provider then refuses to
 * run, even at preview, against any other account); the platform stack of an env names the env's
 * account; every project stack of that env pins the same one; no two envs share an account (their
 * physical names and the per-account catalog-encryption singleton would collide).
 */
import { discoverStacks, StackTarget } from "./runner/discover";
import { STACK_CONFIG_KEYS } from "../components/stackConfigKeys";

export const ALLOWED_ACCOUNTS_KEY = STACK_CONFIG_KEYS.allowedAccountIds;

export interface AccountProblem {
  readonly file: string;
  readonly problem: string;
}

/** The pinned accounts of a stack config value (the CLI hands lists to programs as JSON). */
export function pinnedAccounts(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.map(String) : [String(v)];
  } catch {
    return [raw];
  }
}

/** The account of each env's platform stack; undefined where the platform does not pin one. */
export function environmentAccounts(targets: StackTarget[]): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const t of targets.filter((x) => x.kind === "platform")) {
    const pinned = pinnedAccounts(t.config.config[ALLOWED_ACCOUNTS_KEY]);
    out.set(t.env, pinned?.length === 1 ? pinned[0] : undefined);
  }
  return out;
}

export function checkEnvironmentAccounts(targets: StackTarget[] = discoverStacks()): AccountProblem[] {
  const out: AccountProblem[] = [];
  const rel = (t: StackTarget) => t.config.file.replace(/^.*?((projects\/)?Pulumi\.[^/]+\.yaml)$/, "$1");
  const accounts = environmentAccounts(targets);
  for (const t of targets) {
    const pinned = pinnedAccounts(t.config.config[ALLOWED_ACCOUNTS_KEY]);
    const expected = accounts.get(t.env);
    const example = expected ?? "<12-digit account of this environment>";
    if (pinned === undefined || pinned.length !== 1 || !/^\d{12}$/.test(pinned[0])) {
      out.push({
        file: rel(t),
        problem:
          `${ALLOWED_ACCOUNTS_KEY} must pin exactly one 12-digit account (is ${JSON.stringify(pinned ?? null)}). ` +
          `Fix: add '${ALLOWED_ACCOUNTS_KEY}: ["${example}"]' so this ${t.env} stack can only run in the ${t.env} account`,
      });
    } else if (t.kind === "project" && expected !== undefined && pinned[0] !== expected) {
      out.push({
        file: rel(t),
        problem: `pins account ${pinned[0]} but the ${t.env} platform (Pulumi.${t.env}.yaml) lives in ${expected}. Fix: pin ["${expected}"]`,
      });
    }
  }
  const byAccount = new Map<string, string[]>();
  for (const [env, account] of accounts)
    if (account !== undefined) byAccount.set(account, [...(byAccount.get(account) ?? []), env]);
  for (const [account, envs] of byAccount)
    if (envs.length > 1)
      out.push({
        file: envs.map((e) => `Pulumi.${e}.yaml`).join(", "),
        problem: `environments ${envs.join(" and ")} share account ${account}; every environment needs its own account (their physical names and the Data Catalog encryption settings collide). Fix: deploy each environment to its own account and pin it`,
      });
  return out;
}
