/**
 * Secret scan over a whole resource: every string of every nested object/array, JSON-looking strings
 * parsed and walked (so `{"password":"…"}` is judged by its key), secret-named keys with a literal
 * value, hex tokens, user/password pairs split across sibling values. Value formats come from
 * `secrets.ts`. A value that references a secret (a Secrets Manager ARN, a `project-{uuid}/…` secret
 * name, a CloudFormation-style `{{resolve:…}}` dynamic reference) is not a secret. A value unknown at
 * preview is a computed output, not a literal: it is skipped here (rules on unknowns judge it).
 */
import { freeTextCredential } from "./freeTextSecrets";
import { secretIn, shannonEntropy } from "./secrets";
import { PASSWORD_WORDS } from "./secretWords";
import { peek, proxyTarget, UNKNOWN } from "./values";

export interface SecretFinding {
  /** Where: `.field.sub[2].key`, with `(json)` where a string was parsed. */
  readonly path: string;
  readonly what: string;
}

/** The key by which Pulumi marks a serialized asset or archive; its value is a fixed signature
 * (`specialSigKey` in @pulumi/pulumi runtime/rpc), the asset's text or path sits beside it. */
const ASSET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";

/** Words of a key name that make its value a credential. */
const SECRET_WORDS = new Set<string>([
  ...PASSWORD_WORDS,
  "credential",
  "credentials",
  "login",
  "privatekey",
  "auth",
  "signature",
  "keymaterial",
  "totp",
  "otp",
  "mfaseed",
]);
/** Last words that make a secret-named key describe a secret instead of holding it. */
const METADATA_WORDS = new Set([
  "id",
  "ids",
  "name",
  "names",
  "arn",
  "arns",
  "ref",
  "path",
  "prefix",
  "type",
  "length",
  "ttl",
  "expiry",
  "enabled",
  "mode",
  "location",
  "version",
]);
/** Keys whose values are content hashes or checksums, not secrets. */
const HASH_WORDS = new Set(["etag", "hash", "md5", "sha", "sha256", "checksum", "digest"]);
/** Keys naming a user: their siblings with the same stem are judged as possible passwords. */
const USER_WORDS = new Set([
  "user",
  "username",
  "usr",
  "uid",
  "userid",
  "benutzer",
  "benutzername",
  "usuario",
  "utilisateur",
  "utente",
  "gebruiker",
]);

/** Words of a key: `--DB_PASSWORD` → db,password; `apiKey` → api,key (joined pairs too: apikey). */
export function keyWords(key: string): string[] {
  const words = plainWords(key);
  const pairs = words.slice(1).map((w, i) => words[i] + w);
  return [...words, ...pairs];
}

/** Words by key: the same keys (tags, fields) recur on every resource. Callers never change the
 * arrays; bounded like `secretIn`'s verdicts. */
const wordsOf = new Map<string, string[]>();

function plainWords(key: string): string[] {
  let words = wordsOf.get(key);
  if (words === undefined) {
    words = splitWords(key);
    if (wordsOf.size >= 100_000) wordsOf.clear();
    wordsOf.set(key, words);
  }
  return words;
}

function splitWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

function lastWord(key: string): string {
  const words = plainWords(key);
  return words[words.length - 1] ?? "";
}

/** Whether a key name says its value is a credential. */
export function secretKey(key: string): boolean {
  if (METADATA_WORDS.has(lastWord(key))) return false;
  return keyWords(key).some((w) => SECRET_WORDS.has(w));
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const REFERENCE = new RegExp(
  `^(arn:aws[a-z-]*:secretsmanager:|\\{\\{resolve:|project-${UUID}/[A-Za-z0-9/_+=.@-]+$)`,
  "i",
);

/** Whether a value names a secret kept elsewhere instead of holding it. */
export function isSecretReference(value: string): boolean {
  return REFERENCE.test(value.trim());
}

/** Hex tokens of 32+ characters (API keys, HMAC signatures), judged against the hex alphabet: a
 * random hex string carries close to 4 bits a character; repeated or sequential filler does not.
 * A hex path segment of an S3 URI or object key is a content hash (content-addressed upload). */
function hexToken(value: string, inKeyField: boolean): string | undefined {
  const pathLike = inKeyField || /^s3a?:\/\//i.test(value);
  for (const m of value.matchAll(/(?<![0-9a-z])[0-9a-f]{32,}(?![0-9a-z])/gi)) {
    const token = m[0];
    const at = m.index ?? 0;
    if (pathLike && (at === 0 || value[at - 1] === "/")) continue;
    if (/^[0-9]+$/.test(token)) continue;
    if (shannonEntropy(token.toLowerCase()) >= 3.0) return token;
  }
  return undefined;
}

/** Credentials as `user:password@host` without a scheme (with one, `secrets.ts` finds them). */
const USERINFO = /(?:^|[\s,;=("'])(?!mailto:)[A-Za-z0-9._%+-]+:[^\s/@:]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/;

/** Looks like a human-chosen password: 8+ characters without spaces or path/URL punctuation, with at
 * least three of upper case, lower case, digits, symbols. */
export function passwordLike(value: string): boolean {
  if (!/^[^\s/.:]{8,128}$/.test(value)) return false;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9_-]/].filter((re) => re.test(value)).length;
  return classes >= 3;
}

function stem(key: string): string {
  return plainWords(key)[0] ?? "";
}

function parseJson(value: string): unknown {
  const t = value.trim();
  if (!/^[[{]/.test(t)) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/** Findings per string and what its key says (a hash field, a key/source field): the same values
 * (names, ARNs, tags) recur on many resources. Paths are kept relative to the string's own path.
 * Bounded like `secretIn`'s verdicts. */
const stringFindings = new Map<string, readonly SecretFinding[]>();

function scanString(value: string, path: string, key: string, out: SecretFinding[]): void {
  const hashField = keyWords(key).some((w) => HASH_WORDS.has(w));
  const keyField = lastWord(key) === "key" || lastWord(key) === "source";
  const memoKey = `${hashField ? "h" : "-"}${keyField ? "k" : "-"}${value}`;
  let found = stringFindings.get(memoKey);
  if (found === undefined) {
    const fresh: SecretFinding[] = [];
    scanStringUncached(value, hashField, keyField, fresh);
    found = fresh;
    if (stringFindings.size >= 100_000) stringFindings.clear();
    stringFindings.set(memoKey, found);
  }
  for (const f of found) out.push({ path: path + f.path, what: f.what });
}

/** The findings of one string, with paths relative to it (`""` is the string itself). */
function scanStringUncached(
  value: string,
  hashField: boolean,
  keyField: boolean,
  out: SecretFinding[],
): void {
  const parsed = parseJson(value);
  if (parsed !== undefined && typeof parsed === "object" && parsed !== null) {
    walk(parsed, "(json)", out);
    return;
  }
  if (isSecretReference(value)) return;
  const kind = secretIn(value);
  if (kind) {
    out.push({ path: "", what: `holds ${kind}` });
    return;
  }
  if (USERINFO.test(value)) {
    out.push({ path: "", what: "holds credentials (user:password@host)" });
    return;
  }
  const written = freeTextCredential(value);
  if (written) {
    out.push({ path: "", what: `holds ${written}` });
    return;
  }
  if (hashField) return;
  const hex = hexToken(value, keyField);
  if (hex) out.push({ path: "", what: `holds a hex token (${hex.slice(0, 4)}…, ${hex.length} characters)` });
}

/** A value that could be a credential: not empty and not a flag (`skipCredentialsValidation: "true"`). */
function literal(v: string): boolean {
  return !/^\s*(true|false)?\s*$/i.test(v);
}

function scanObject(o: Record<string, unknown>, path: string, out: SecretFinding[]): void {
  const entries = Object.keys(o)
    .filter((k) => k !== ASSET_SIGNATURE_KEY)
    .map((k): [string, unknown] => [k, peek(() => o[k])])
    .filter(([, v]) => v !== UNKNOWN);
  for (const [k, v] of entries) {
    const at = `${path}.${k}`;
    // A map key is a string the resource stores like any value (a tag key, a run property name).
    const inKey = secretIn(k);
    if (inKey && !isSecretReference(k)) out.push({ path: at, what: `has a key that holds ${inKey}` });
    if (
      typeof v === "string" &&
      literal(v) &&
      secretKey(k) &&
      !isSecretReference(v) &&
      parseJson(v) === undefined
    )
      out.push({ path: at, what: "is named like a secret and holds a literal value" });
    else walk(v, at, out, k);
  }
  // A password split across sibling values: beside a user-name key, values of keys with the same
  // stem that look like chosen passwords; and adjacent values joined, judged by the formats.
  const users = entries.filter(
    ([k, v]) => typeof v === "string" && keyWords(k).some((w) => USER_WORDS.has(w)),
  );
  for (const [uk] of users)
    for (const [k, v] of entries)
      if (
        k !== uk &&
        stem(k) === stem(uk) &&
        typeof v === "string" &&
        passwordLike(v) &&
        !isSecretReference(v)
      )
        out.push({ path: `${path}.${k}`, what: `looks like a password beside the user name "${uk}"` });
  const strings = entries.filter((e): e is [string, string] => typeof e[1] === "string");
  numberedParts(strings, path, out);
  for (let i = 1; i < strings.length; i++) {
    const [ka, a] = strings[i - 1];
    const [kb, b] = strings[i];
    if (secretIn(a) || secretIn(b)) continue;
    const kind = secretIn(a + b);
    if (kind && !kind.includes("high entropy"))
      out.push({ path: `${path}.${ka}+${kb}`, what: `joined hold ${kind}` });
  }
}

/** A key ending in a number (`--PART_0`, `sig1`, `key-2`): its stem and the number. */
const NUMBERED_KEY = /^(.*?)[_.-]?(\d{1,3})$/;

/** One value written as numbered sibling keys (`--SIG_0`, `--SIG_1`, …), each piece too short to be
 * judged alone: the pieces joined in number order are judged as one value, high entropy included. */
function numberedParts(strings: [string, string][], path: string, out: SecretFinding[]): void {
  const groups = new Map<string, { n: number; v: string }[]>();
  for (const [k, v] of strings) {
    const m = NUMBERED_KEY.exec(k);
    if (!m || m[1] === "") continue;
    const group = groups.get(m[1]) ?? [];
    group.push({ n: Number(m[2]), v });
    groups.set(m[1], group);
  }
  for (const [stemKey, parts] of groups) {
    if (parts.length < 2 || parts.some((p) => secretIn(p.v))) continue;
    const joined = parts
      .sort((a, b) => a.n - b.n)
      .map((p) => p.v)
      .join("");
    const kind = secretIn(joined);
    if (kind)
      out.push({
        path: `${path}.${stemKey}*`,
        what: `split across ${parts.length} numbered values holds ${kind}`,
      });
  }
}

function walk(proxied: unknown, path: string, out: SecretFinding[], key = ""): void {
  const v = proxyTarget(proxied);
  if (typeof v === "string") scanString(v, path, key, out);
  else if (Array.isArray(v))
    for (let i = 0; i < v.length; i++) {
      const x = peek(() => v[i]);
      if (x !== UNKNOWN) walk(x, `${path}[${i}]`, out, key);
    }
  else if (v !== null && typeof v === "object") scanObject(v as Record<string, unknown>, path, out);
}

/** Findings per whole value, keyed by its JSON text: the same fields (tags, tagsAll, arguments)
 * recur on many resources. A value with a part unknown at preview has no JSON text (the analyzer's
 * proxy throws on reading it) and is walked every time. Bounded like `secretIn`'s verdicts. */
const valueFindings = new Map<string, readonly SecretFinding[]>();

function jsonKey(value: unknown): string | undefined {
  try {
    const text = JSON.stringify(value);
    return text !== undefined && text.length <= 100_000 ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Every secret found in a value (a resource's inputs, one field, or one string). */
export function findSecrets(proxied: unknown, path = ""): SecretFinding[] {
  const value = proxyTarget(proxied);
  const key = jsonKey(value);
  let found = key === undefined ? undefined : valueFindings.get(key);
  if (found === undefined) {
    const fresh: SecretFinding[] = [];
    walk(value, "", fresh);
    found = fresh;
    if (key !== undefined) {
      if (valueFindings.size >= 100_000) valueFindings.clear();
      valueFindings.set(key, found);
    }
  }
  return found.map((f) => ({ path: path + f.path, what: f.what }));
}
