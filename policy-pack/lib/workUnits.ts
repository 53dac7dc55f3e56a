/**
 * Units of work for the schedule floor: jobs that run the same script do the same work, whatever
 * they are called, and so do crawlers whose targets overlap (one S3 path under another, the same
 * catalog table, the same JDBC/DynamoDB/MongoDB path). Jobs and crawlers are grouped into units
 * (connected components of "same script" / "overlapping targets"); docs/decisions.md "Schedule clones".
 */
import { PolicyResource } from "@pulumi/policy";
import { s3LocationsIn } from "./s3Locations";
import { list, obj, peek } from "./values";
import { T } from "./types";

/** What one job or crawler works on: script keys for a job; S3 prefixes and exact keys for a crawler. */
interface Work {
  readonly node: string;
  readonly prefixes: string[];
  readonly exact: string[];
}

const strings = (items: unknown, field: string): string[] =>
  list(items).flatMap((t) => {
    const v = peek(() => obj(t)[field]);
    return typeof v === "string" ? [v] : [];
  });

/** `s3://bucket/key` in canonical form (lib/s3Locations.ts), or the text when it names no bucket. */
function canonical(text: string): string[] {
  const locs = s3LocationsIn(text).filter((l) => l.bucket !== undefined);
  return locs.length === 0 ? [text] : locs.flatMap((l) => l.keys.map((k) => `s3://${l.bucket}/${k}`));
}

function workOf(r: PolicyResource): Work | undefined {
  const name = peek(() => r.props.name);
  if (typeof name !== "string") return undefined;
  if (r.type === T.job) {
    const script = peek(() => obj(peek(() => r.props.command)).scriptLocation);
    return typeof script === "string"
      ? { node: `job ${name}`, prefixes: [], exact: canonical(script) }
      : undefined;
  }
  if (r.type !== T.crawler) return undefined;
  const p = r.props;
  const paths = [
    ...strings(
      peek(() => p.s3Targets),
      "path",
    ),
    ...list(peek(() => p.deltaTargets)).flatMap((t) => list(peek(() => obj(t).deltaTables))),
    ...list(peek(() => p.icebergTargets)).flatMap((t) => list(peek(() => obj(t).paths))),
    ...list(peek(() => p.hudiTargets)).flatMap((t) => list(peek(() => obj(t).paths))),
  ].filter((x): x is string => typeof x === "string");
  const exact = [
    ...strings(
      peek(() => p.jdbcTargets),
      "path",
    ).map((x) => `jdbc ${x}`),
    ...strings(
      peek(() => p.dynamodbTargets),
      "path",
    ).map((x) => `dynamodb ${x}`),
    ...strings(
      peek(() => p.mongodbTargets),
      "path",
    ).map((x) => `mongodb ${x}`),
    ...list(peek(() => p.catalogTargets)).flatMap((t) => {
      const db = peek(() => obj(t).databaseName);
      return list(peek(() => obj(t).tables)).map((tb) => `catalog ${String(db)}.${String(tb)}`);
    }),
  ];
  return {
    node: `crawler ${name}`,
    prefixes: paths.flatMap(canonical).map((x) => x.split(/[*?[{]/)[0]),
    exact,
  };
}

function overlaps(a: Work, b: Work): boolean {
  if (a.node.split(" ")[0] !== b.node.split(" ")[0]) return false;
  if (a.exact.some((x) => b.exact.includes(x))) return true;
  return a.prefixes.some((x) => b.prefixes.some((y) => x.startsWith(y) || y.startsWith(x)));
}

/** Groups of two or more jobs/crawlers (`job <name>` / `crawler <name>`) that do the same work. */
export function workUnits(resources: readonly PolicyResource[]): string[][] {
  const works = resources.flatMap((r) => workOf(r) ?? []);
  const parent = works.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < works.length; i++)
    for (let j = i + 1; j < works.length; j++) if (overlaps(works[i], works[j])) parent[find(i)] = find(j);
  const groups = new Map<number, string[]>();
  works.forEach((w, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), w.node]));
  return [...groups.values()].map((g) => [...new Set(g)]).filter((g) => g.length > 1);
}
