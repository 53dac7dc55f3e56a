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
  // Abbreviations and the word in other languages (German, French, Spanish, Portuguese, Dutch,
  // Italian, Polish, Finnish, Swedish, Danish, Norwegian, Czech, Hungarian), as split into key words
  // (accents dropped: `contraseña` → contrase).
  "pw",
  "pword",
  "passw",
  "passwort",
  "kennwort",
  "motdepasse",
  "contrasena",
  "contrase",
  "senha",
  "wachtwoord",
  "parola",
  "haslo",
  "salasana",
  "losenord",
  "adgangskode",
  "passord",
  "heslo",
  "jelszo",
] as const;
