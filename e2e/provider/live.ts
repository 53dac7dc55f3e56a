/**
 * What the `aws` provider double treats as "the cloud" beyond what it created: out-of-band changes
 * for drift runs and a broken-credentials switch. Both come from the environment the engine passes
 * to provider plugins, so a test sets them on the `pulumi` (or Automation API) process it starts.
 *
 * - GLUE_E2E_AWS_LIVE: path of a JSON file `{ "<urn or id>": { "set": { prop: value }, "deleted": true } }`.
 *   Read (what `pulumi refresh` calls) reports the resource with those properties changed, or gone.
 * - GLUE_E2E_AWS_CREDENTIALS=invalid: Configure fails the way the real provider does when STS rejects
 *   the credentials, so a drift run must report a failure, not drift.
 */
import * as fs from "fs";

export const LIVE_FILE_ENV = "GLUE_E2E_AWS_LIVE";
export const CREDENTIALS_ENV = "GLUE_E2E_AWS_CREDENTIALS";

export interface LiveChange {
  /** Top-level properties whose live value differs from the recorded state. */
  readonly set?: Record<string, unknown>;
  /** The resource no longer exists. */
  readonly deleted?: boolean;
}

export type LiveChanges = Record<string, LiveChange>;

/** Reads the out-of-band changes file on every call, so a test can change it between runs. */
export function readLiveChanges(env: NodeJS.ProcessEnv = process.env): LiveChanges {
  const file = env[LIVE_FILE_ENV];
  if (!file || !fs.existsSync(file)) return {};
  const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Error(`${file}: expected an object keyed by resource URN or id`);
  }
  return parsed as LiveChanges;
}

export function liveChangeFor(changes: LiveChanges, urn: string, id: string): LiveChange | undefined {
  return changes[urn] ?? (id ? changes[id] : undefined);
}

/** Writes one out-of-band change (used by the tests and by hand: see e2e/README.md). */
export function writeLiveChange(file: string, key: string, change: LiveChange): void {
  const current: LiveChanges = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, "utf8")) as LiveChanges)
    : {};
  current[key] = change;
  fs.writeFileSync(file, JSON.stringify(current, null, 2));
}

/**
 * The error the real provider returns when the credentials do not validate (its STS
 * GetCallerIdentity check at configure time: https://www.pulumi.com/registry/packages/aws/installation-configuration/
 * `skipCredentialsValidation`). The wording is an approximation; tests match on failure, not text.
 */
export function credentialsError(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env[CREDENTIALS_ENV] !== "invalid") return undefined;
  return (
    "unable to validate AWS credentials.\nDetails: validating provider credentials: retrieving caller identity " +
    "from STS: operation error STS: GetCallerIdentity, https response error StatusCode: 403, " +
    "api error InvalidClientTokenId: The security token included in the request is invalid."
  );
}
