/**
 * Secret detection in plain values (job arguments, connection properties, trigger arguments): a table
 * of documented credential formats plus a Shannon-entropy test for random-looking tokens that leaves
 * ARNs, S3 paths, UUIDs and dotted class names alone. Sources of the formats:
 * AWS access key ids https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids,
 * GitHub https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/,
 * Slack https://api.slack.com/authentication/token-types, JWT https://datatracker.ietf.org/doc/html/rfc7519,
 * PEM https://datatracker.ietf.org/doc/html/rfc7468, URL userinfo https://datatracker.ietf.org/doc/html/rfc3986#section-3.2.1.
 */

const FORMATS: [string, RegExp][] = [
  ["an AWS access key id", /\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/],
  ["a private key (PEM)", /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/],
  ["credentials in a URL (scheme://user:password@host)", /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i],
  // `curl -u user:password`, `--user=user:password`, `wget --password=…` on a command line
  // (https://curl.se/docs/manpage.html#-u); a user name alone (`-u user`) carries no password.
  [
    "credentials on a command line (-u user:password)",
    /(?:^|[\s"'])(?:-u|--user|--proxy-user)(?:\s+|=)["']?[^\s:"'@/]+:[^\s"']+|--(?:http-|ftp-)?password(?:\s+|=)\S+/,
  ],
  // A credential named in prose followed by its value ("heroku token 5e0c9c72-…", "api key: …"): the
  // value is token-shaped (16+ characters with a digit); references (ARNs, `project-…` names) are not.
  [
    "a credential named in text followed by its value",
    /\b(?:token|password|passwd|secret|api[ _-]?key|access[ _-]?key|credentials?)\s+(?:is\s+|=\s*|:\s*)?(?!arn:|project-|\{\{resolve:)(?=[A-Za-z0-9_+/=-]*[0-9])[A-Za-z0-9_+/=-]{16,}/i,
  ],
  ["a JSON Web Token", /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/],
  ["a bearer token", /\bBearer\s+[A-Za-z0-9._~+/-]{12,}=*/i],
  ["HTTP basic credentials", /\bBasic\s+[A-Za-z0-9+/]{12,}={0,2}(\s|$)/],
  ["a GitHub token", /\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})\b/],
  [
    "a Slack token or webhook",
    /\bxox[abposre]-[A-Za-z0-9-]{10,}|hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]+/,
  ],
  ["a Stripe key", /\b[rs]k_(live|test)_[A-Za-z0-9]{16,}\b/],
  ["a Google API key", /\bAIza[0-9A-Za-z_-]{35}\b/],
  ["an npm token", /\bnpm_[A-Za-z0-9]{36}\b/],
  [
    "a password or key assignment",
    // not an ARN field such as `…:secret:name`
    // (quoted keys too: `"pwd": "…"` in script text or a JSON fragment)
    /(?<![:\w-])(password|passwd|pwd|passphrase|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret|private[_-]?key|credentials?)["']?\s*[=:]\s*["']?[^\s&;,"']+/i,
  ],
];

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Minimum length and entropy of a random-looking token (detect-secrets uses 4.5 for base64 strings of
 * any length; shorter tokens cannot reach it, so the bar scales with log2 of the length). */
const MIN_TOKEN = 20;
const PASCAL_WORDS = /^(?:[A-Z][a-z]{2,}|[A-Z]{1,3}[0-9]{0,2}|[0-9]{1,4})+$/;

function highEntropyToken(value: string): string | undefined {
  // Split where ARNs, URLs and key=value pairs split, so their parts are judged alone; "/" stays (AWS
  // secret keys contain it) and S3/file paths are left alone by their "." (extensions, domains) or
  // by lacking one of the three character classes in one token.
  // In URLs, S3 paths ("scheme://…") and ARNs every path segment is judged alone; UUIDs are ids.
  value = value.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "");
  const separators =
    value.includes("://") || value.startsWith("arn:")
      ? /[\s"',;=:@?&()[\]{}<>|\\/]+/
      : /[\s"',;=:@?&()[\]{}<>|\\]+/;
  for (const token of value.split(separators)) {
    if (token.length < MIN_TOKEN || UUID.test(token) || token.includes(".")) continue;
    if (!/[A-Z]/.test(token) || !/[a-z]/.test(token) || !/[0-9]/.test(token)) continue;
    // PascalCase words (statement ids such as "UseLakeKeyOnlyThroughS3AndGlue") are not random.
    if (PASCAL_WORDS.test(token)) continue;
    const bar = Math.min(4.5, Math.log2(token.length) - 0.7);
    if (shannonEntropy(token) >= bar) return token;
  }
  return singleCaseToken(value, separators);
}

/**
 * Random tokens of one letter case and digits: base32 (RFC 4648 §6, TOTP seeds: A–Z and 2–7) and
 * lower-case alphanumeric API tokens. Such an alphabet has 32–36 symbols, so a random token's entropy
 * sits near log2(min(length, alphabet)); the bar is 1.1 bits below that. Words, ids and hashes are
 * left alone: the token must be one run of letters and digits only (resource ids carry `-`, names `-`
 * or `_`), hold four letters and some digits (two for base32, four and 15 % for lower case), and not be hexadecimal (hex tokens have their own rule).
 */
function singleCaseToken(value: string, separators: RegExp): string | undefined {
  for (const token of value.split(separators)) {
    if (token.length < MIN_TOKEN || !/^(?:[A-Z0-9]+|[a-z0-9]+)$/.test(token)) continue;
    if (/^[0-9a-f]+$/i.test(token)) continue;
    const digits = token.replace(/[^0-9]/g, "").length;
    // Base32 spends 6 of its 32 symbols on digits; lower-case tokens (36 symbols) carry about 28 %.
    const upper = /[A-Z]/.test(token);
    if (digits < (upper ? 2 : Math.max(4, token.length * 0.15)) || token.length - digits < 4) continue;
    const bar = Math.log2(Math.min(token.length, 36)) - 1.1;
    if (shannonEntropy(token) >= bar) return token;
  }
  return undefined;
}

/** A substring a format cannot match without: the regular expression runs only on values with it. */
const REQUIRED: ReadonlyMap<RegExp, string> = new Map([[FORMATS[2][1], "://"]]);

function secretInUncached(value: string): string | undefined {
  for (const [what, re] of FORMATS) {
    const needle = REQUIRED.get(re);
    if (needle !== undefined && !value.includes(needle)) continue;
    if (re.test(value)) return what;
  }
  const token = highEntropyToken(value);
  return token ? `a random-looking token (${token.slice(0, 4)}…, high entropy)` : undefined;
}

/** Verdicts by value: a check judges the same strings (names, ARNs, tags) on many resources and
 * policies. A pure function of the string; bounded so a long-lived process does not grow with it. */
const verdicts = new Map<string, string | undefined>();
const MAX_VERDICTS = 100_000;

/** What kind of secret a value holds, or undefined. */
export function secretIn(value: string): string | undefined {
  if (verdicts.has(value)) return verdicts.get(value);
  const verdict = secretInUncached(value);
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  verdicts.set(value, verdict);
  return verdict;
}

/** How to keep a secret out of a value: Secrets Manager under the project's own prefix, which the
 * project's job role may read (docs/aws-facts.md, "Secrets"). */
export const SECRET_FIX =
  "keep it in AWS Secrets Manager as `project-{uuid}/<name>` (the project's job role may call secretsmanager:GetSecretValue on it at run time) or in a Glue connection's SECRET_ID, and pass only the secret's name or ARN";
