/**
 * S3 locations in any spelling, canonicalised before they are judged. A location reaches S3 as
 * - a Hadoop/Spark URI `s3://`, `s3a://`, `s3n://` (https://hadoop.apache.org/docs/stable/hadoop-aws/tools/hadoop-aws/index.html),
 * - a virtual-hosted or path-style HTTPS URL `https://<bucket>.s3[.<region>].amazonaws.com/<key>`,
 *   `https://s3[.<region>].amazonaws.com/<bucket>/<key>` (https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html,
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-bucket-intro.html),
 * - an ARN `arn:aws:s3:::<bucket>/<key>` (access points and other resources carry a region and
 *   account: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html).
 * The key is percent-decoded and its `.`, `..` and empty segments resolved the way Hadoop's Path
 * normalises them (`s3://b/p/../` is `s3://b/`), so a prefix check sees the folder really read.
 */

export interface S3Location {
  /** The text as written. */
  readonly text: string;
  /** The bucket, lower case; undefined when the location names no bucket (an access point, an
   * endpoint this parser does not recognise). */
  readonly bucket?: string;
  /** The canonical key: decoded, dot segments resolved, no empty segments; a trailing `/` kept. */
  readonly key: string;
  /** The canonical key of every glob alternative (`{a,b}`); the key alone when there is none. */
  readonly keys: readonly string[];
}

const STOP = `[^\\s"',;<>\`]`;
const URI = new RegExp(`\\bs3[an]?:\\/\\/(${STOP}*)`, "gi");
const HTTP = new RegExp(`\\bhttps?:\\/\\/([^\\s"',;<>\`/?#]+)(${STOP}*)`, "gi");
const S3_ARN = new RegExp(`\\barn:[^:\\s]*:s3:([^:\\s]*):([^:\\s]*):(${STOP}*)`, "gi");

/** Decodes %XX repeatedly (a double-encoded `%252e%252e` is `..` to a reader that decodes twice). */
function decoded(text: string): string {
  let out = text;
  for (let i = 0; i < 5; i++) {
    let next: string;
    try {
      next = decodeURIComponent(out);
    } catch {
      return out;
    }
    if (next === out) return out;
    out = next;
  }
  return out;
}

/** At most this many alternatives of a glob are judged; more fail closed. */
const MAX_ALTERNATIVES = 64;

/** Hadoop glob alternation `{a,b}` (nested allowed) expanded, since an alternative may hold `..` or
 * `/` (https://hadoop.apache.org/docs/stable/api/org/apache/hadoop/fs/FileSystem.html#globStatus-org.apache.hadoop.fs.Path-).
 * An unbalanced brace (a location cut at a `,` that separates list items) or too many alternatives
 * give `..`, which leaves every prefix: fail closed. */
export function expandBraces(text: string): string[] {
  const open = text.indexOf("{");
  if (open < 0) return [text];
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < text.length && close < 0; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) close = i;
    else if (text[i] === "," && depth === 1) commas.push(i);
  }
  if (close < 0) return [".."];
  const bounds = [open, ...commas, close];
  const head = text.slice(0, open);
  const tail = text.slice(close + 1);
  const out: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++)
    for (const t of expandBraces(tail))
      for (const alt of expandBraces(text.slice(bounds[i] + 1, bounds[i + 1]))) {
        out.push(head + alt + t);
        if (out.length > MAX_ALTERNATIVES) return [".."];
      }
  return out;
}

/** `a/./b//../c/` → `a/c/`; `..` above the root stays at the root. */
export function canonicalKey(raw: string): string {
  const text = decoded(raw.split(/[?#]/)[0]).replace(/\\/g, "/");
  const out: string[] = [];
  for (const seg of text.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  const trailing = out.length > 0 && /\/(\.\.?)?$/.test(text);
  return out.join("/") + (trailing ? "/" : "");
}

function location(text: string, bucket: string | undefined, rawKey: string): S3Location {
  return {
    text,
    bucket: bucket === undefined ? undefined : decoded(bucket).toLowerCase(),
    key: canonicalKey(rawKey),
    keys: expandBraces(decoded(rawKey)).map(canonicalKey),
  };
}

/** `bucket/key…` → its parts. */
function split(rest: string): [string, string] {
  const i = rest.indexOf("/");
  return i < 0 ? [rest, ""] : [rest.slice(0, i), rest.slice(i + 1)];
}

/** An S3 endpoint host, `<bucket>.s3…amazonaws.com` or `s3…amazonaws.com`: the bucket part
 * ("" for path style), or undefined when the host is no S3 endpoint. Access-point and object-lambda
 * hosts are S3 endpoints without a bucket. */
function s3Host(host: string): { bucket?: string } | undefined {
  const h = host.toLowerCase().replace(/:\d+$/, "");
  if (!/\.amazonaws\.com(\.cn)?$/.test(h)) return undefined;
  const labels = h.split(".");
  const i = labels.findIndex((l) => l === "s3" || l.startsWith("s3-") || l === "s3express");
  if (i < 0) return undefined;
  if (/^s3-(accesspoint|object-lambda|control|outposts)/.test(labels[i]) || labels.includes("s3-accesspoint"))
    return {};
  return { bucket: labels.slice(0, i).join(".") };
}

/** Every S3 location in `text`, also when the text itself is percent-encoded (`s3%3A%2F%2F…`). */
export function s3LocationsIn(text: string): S3Location[] {
  const plain = text.includes("%") ? decoded(text) : text;
  return plain === text ? locationsIn(text) : [...locationsIn(text), ...locationsIn(plain)];
}

function locationsIn(text: string): S3Location[] {
  const out: S3Location[] = [];
  for (const m of text.matchAll(URI)) {
    const [bucket, key] = split(m[1]);
    out.push(location(m[0], bucket, key));
  }
  for (const m of text.matchAll(HTTP)) {
    const host = s3Host(m[1]);
    if (!host) continue;
    const path = m[2].replace(/^\//, "");
    if (host.bucket === undefined) out.push(location(m[0], undefined, path));
    else if (host.bucket === "") {
      const [bucket, key] = split(path);
      out.push(location(m[0], bucket, key));
    } else out.push(location(m[0], host.bucket, path));
  }
  for (const m of text.matchAll(S3_ARN)) {
    const [, region, account, resource] = m;
    if (region !== "" || account !== "") out.push(location(m[0], undefined, resource));
    else {
      const [bucket, key] = split(resource);
      out.push(location(m[0], bucket, key));
    }
  }
  return out;
}
