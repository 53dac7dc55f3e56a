/** CIDR arithmetic for network rules: ranges as integer intervals (parsing by ipaddr.js), so a rule is
 * judged by the addresses it covers, not by how its CIDR is spelled. */
import * as ipaddr from "ipaddr.js";

export type Family = "ipv4" | "ipv6";

export interface Range {
  readonly family: Family;
  readonly first: bigint;
  readonly last: bigint;
  readonly text: string;
}

const BITS: Record<Family, number> = { ipv4: 32, ipv6: 128 };

function toBigInt(bytes: number[]): bigint {
  return bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

/** A CIDR (`10.0.0.0/16`, `::/0`, IPv4-mapped IPv6 is taken as IPv4) or a bare address (a /32 or /128);
 * undefined when it is not one. Host bits are ignored, as AWS normalises them. */
export function parseRange(text: string): Range | undefined {
  const trimmed = text.trim();
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  let prefix: number;
  try {
    if (trimmed.includes("/")) [addr, prefix] = ipaddr.parseCIDR(trimmed);
    else {
      addr = ipaddr.parse(trimmed);
      prefix = addr.kind() === "ipv4" ? 32 : 128;
    }
  } catch {
    return undefined;
  }
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
    prefix -= 96;
  }
  const family = addr.kind() as Family;
  const hostBits = BigInt(BITS[family] - prefix);
  const value = toBigInt(addr.toByteArray());
  const first = (value >> hostBits) << hostBits;
  return { family, first, last: first + (1n << hostBits) - 1n, text: trimmed };
}

/** Is `inner` wholly inside `outer`? */
export function within(inner: Range, outer: Range): boolean {
  return inner.family === outer.family && inner.first >= outer.first && inner.last <= outer.last;
}

/** Is `r` wholly inside the union of `outers`? */
export function withinAny(r: Range, outers: readonly Range[]): boolean {
  return coverage([r], outers).uncovered.length === 0;
}

/** Merges ranges of one family into sorted disjoint intervals. */
function merge(ranges: readonly Range[]): [bigint, bigint][] {
  const sorted = [...ranges].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.first <= last[1] + 1n) last[1] = r.last > last[1] ? r.last : last[1];
    else out.push([r.first, r.last]);
  }
  return out;
}

/** Parts of `targets` that `cover` does not cover, as intervals (empty when fully covered). */
export function coverage(
  targets: readonly Range[],
  cover: readonly Range[],
): { uncovered: [bigint, bigint][] } {
  const uncovered: [bigint, bigint][] = [];
  for (const family of ["ipv4", "ipv6"] as const) {
    const covered = merge(cover.filter((c) => c.family === family));
    for (const [first, last] of merge(targets.filter((t) => t.family === family))) {
      let cursor = first;
      for (const [cf, cl] of covered) {
        if (cl < cursor || cf > last) continue;
        if (cf > cursor) uncovered.push([cursor, cf - 1n]);
        cursor = cl + 1n;
        if (cursor > last) break;
      }
      if (cursor <= last) uncovered.push([cursor, last]);
    }
  }
  return { uncovered };
}

/** The whole address space of each family: what "the internet" is for a rule. */
export const EVERYTHING: readonly Range[] = [parseRange("0.0.0.0/0"), parseRange("::/0")].filter(
  (r): r is Range => r !== undefined,
);

/** Private and non-routable address space (RFC 1918, RFC 6598 shared, RFC 4193 unique-local, link-local,
 * loopback): a range outside these reaches public addresses. */
export const NON_PUBLIC: readonly Range[] = [
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "100.64.0.0/10",
  "169.254.0.0/16",
  "127.0.0.0/8",
  "fc00::/7",
  "fe80::/10",
  "::1/128",
]
  .map(parseRange)
  .filter((r): r is Range => r !== undefined);

/** Does the union of `ranges` cover a whole family's address space (is it "the internet")? */
export function coversEverything(ranges: readonly Range[]): Family[] {
  return EVERYTHING.filter((all) => coverage([all], ranges).uncovered.length === 0).map((r) => r.family);
}

/** Ranges among `ranges` that reach public address space. */
export function publicRanges(ranges: readonly Range[]): Range[] {
  return ranges.filter((r) => !withinAny(r, NON_PUBLIC));
}
