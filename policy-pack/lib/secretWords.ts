/** Words that name a password or key in a key name or in text (`password`, `pwd`, `token`, …): the
 * secret scan (secretScan.ts) and the free-text credential scan (freeTextSecrets.ts) share them. */
export const PASSWORD_WORDS = [
  "password",
  "passwd",
  "pwd",
  "pass",
  "passphrase",
  "secret",
  "token",
  "apikey",
] as const;
