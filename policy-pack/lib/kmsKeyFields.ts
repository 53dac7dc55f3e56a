/**
 * Inputs whose name says they hold a KMS key, found by name rather than from a table of known
 * properties, so a key field of a resource or property the pack has never seen (a connection's
 * authenticationConfiguration.kmsKeyArn, a catalog setting's sseAwsKmsKeyId, a future
 * `…KmsKeyIdentifier`) is judged like the known ones. Names follow the AWS provider's spellings:
 * kmsKeyArn, kmsKeyId, kmsMasterKeyId, awsKmsKeyId, sseAwsKmsKeyId, kmsKey, encryptionKeyArn …
 */
import { Props } from "./define";
import { peek, UNKNOWN } from "./values";

/** A property name that names a KMS key (case-insensitive). */
export const KMS_KEY_NAME = /kms.*key|key.*kms|^encryptionkey(arn|id)?$/i;

export interface KeyInput {
  /** Dotted path without list indices (`authenticationConfiguration.kmsKeyArn`). */
  readonly where: string;
  /** The top-level input it sits under (for property dependencies). */
  readonly root: string;
  readonly value: unknown;
}

/** Every value (known or UNKNOWN) under a key-named input of `props`. */
export function kmsKeyInputs(props: Props): KeyInput[] {
  const out: KeyInput[] = [];
  const walk = (v: unknown, where: string[], depth: number): void => {
    if (depth > 16 || v === null || typeof v !== "object") return;
    const isArray = Array.isArray(v);
    for (const k of Object.keys(v)) {
      const child = peek(() => (v as Record<string, unknown>)[k]);
      const path = isArray ? where : [...where, k];
      if (!isArray && KMS_KEY_NAME.test(k) && (child === UNKNOWN || typeof child === "string"))
        out.push({ where: path.join("."), root: path[0], value: child });
      else if (child !== UNKNOWN) walk(child, path, depth + 1);
    }
  };
  walk(props, [], 0);
  return out;
}
