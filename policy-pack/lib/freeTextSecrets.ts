/**
 * Credentials written as text: `pass: Winter2024!`, `pwd=…`, `login x / y`, "user … pass …", and the
 * lines of YAML, INI or .env documents kept inside a string (`user: etl\npass: …`). The text is split
 * into tokens (markdown emphasis, quotes and brackets around a token dropped; `key=value` and
 * `key:value` split), then judged as key/value pairs: a password-like word followed by a value that
 * looks like a chosen password, or a user/login word followed by `name / password` or `name:password`.
 * Values must look like passwords (`passwordLike`), so prose such as "token rotation: daily" is not one.
 */
import { isSecretReference, keyWords, passwordLike } from "./secretScan";
import { PASSWORD_WORDS } from "./secretWords";

/** Key words whose next value is a password. */
const PASSWORD_KEYS = new Set<string>(PASSWORD_WORDS);
/** Key words whose next values are `user / password` or `user:password`. */
const LOGIN_WORDS = new Set([
  "login",
  "user",
  "username",
  "usr",
  "account",
  "acct",
  "benutzer",
  "usuario",
  "utilisateur",
]);
/** Last words that make a key describe a credential instead of holding it (`token_ttl`, `secret_arn`). */
const DESCRIBING = /(^|[_.-])(id|ids|name|arn|ref|path|type|ttl|length|expiry|version|rotation)$/i;
/** How far after a login word its `user / password` may sit (e.g. "login for reruns: u / p"). */
const LOGIN_WINDOW = 6;

function tokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\s+/)) {
    const t = raw.replace(/^[*_`"'([{<,;]+|[*_`"')\]}>,;.]+$/g, "").replace(/[*_`"']+([:=])$/, "$1");
    if (t === "") continue;
    // `key=value`, `key:value`: the key with its separator, then the value.
    const m = /^([A-Za-z][A-Za-z0-9_.-]*)([=:])(.+)$/.exec(t);
    if (m && !/^\/\//.test(m[3])) out.push(`${m[1]}${m[2]}`, m[3].replace(/^[*_`"']+|[*_`"']+$/g, ""));
    else out.push(t);
  }
  return out;
}

const word = (t: string): string => t.replace(/[:=]+$/, "");
const isKey = (t: string, words: Set<string>): boolean =>
  /^[A-Za-z][A-Za-z0-9_.-]*[:=]?$/.test(t) &&
  !DESCRIBING.test(word(t)) &&
  keyWords(word(t)).some((w) => words.has(w));
const password = (t: string | undefined): boolean =>
  t !== undefined && passwordLike(t) && !isSecretReference(t);

/** What credential a free-text value holds, if any. */
export function freeTextCredential(text: string): string | undefined {
  if (!/[A-Za-z]/.test(text) || text.length > 100_000) return undefined;
  const ts = tokens(text).filter((t) => t !== ":" && t !== "=" && t !== "-" && t !== "is");
  for (let i = 0; i < ts.length; i++) {
    if (isKey(ts[i], PASSWORD_KEYS) && password(ts[i + 1])) return `a password after "${word(ts[i])}"`;
    if (!isKey(ts[i], LOGIN_WORDS)) continue;
    for (let j = i + 1; j < Math.min(ts.length, i + 1 + LOGIN_WINDOW); j++) {
      const pair = /^[^/:]+[/:](.+)$/.exec(ts[j]);
      if ((/^\/$|[^:]:$/.test(ts[j]) && password(ts[j + 1])) || (pair && password(pair[1])))
        return `a user name and password after "${word(ts[i])}"`;
    }
  }
  return undefined;
}
