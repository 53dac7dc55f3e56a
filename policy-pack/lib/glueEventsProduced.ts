/**
 * The EventBridge events a project's own Glue activity can produce, per run-graph node
 * (`job:<name>` / `crawler:<name>`), for the event-loop edges of `glue-trigger-graph`
 * (lib/eventLoopEdges.ts). Each is an over-approximation (docs/decisions.md "Event loops"):
 *
 * - a job's or crawler's own state changes: source `aws.glue`, "Glue Job State Change" / "Glue Job Run
 *   Status" with `detail.jobName`, "Glue Crawler State Change" with `detail.crawlerName`
 *   (https://docs.aws.amazon.com/glue/latest/dg/automating-awsglue-with-cloudwatch-events.html);
 * - Data Catalog changes ("Glue Data Catalog Table State Change" / "… Database State Change", source
 *   `aws.glue`, `detail.databaseName`): a crawler changes tables of the databases it writes; a job
 *   may change any table its role can write (the project's databases), so any database;
 * - data-quality results ("Data Quality Evaluation Results Available", sources `aws.glue-dataquality`
 *   and `aws.glue`, docs/aws-facts.md): a job can start an evaluation run or evaluate rules in its
 *   script, of any ruleset, so every job may produce them;
 * - S3 object events (source `aws.s3`, any detail-type, `detail.bucket.name`, `detail.object.key`;
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html): a job may write anywhere
 *   under every S3 location its arguments name, in any spelling (job default and non-overridable
 *   arguments and the arguments of the triggers that start it); an argument unknown at preview may
 *   name any location.
 */
import { PolicyResource } from "@pulumi/policy";
import { RUNTIME_CONTEXT_ARGUMENTS } from "../../components/glue/jobArgs";
import { list, obj, peek, UNKNOWN } from "./values";
import { s3LocationsIn } from "./s3Locations";
import { T } from "./types";

/** What one produced event holds in one field: exact values, any key under a prefix, or anything. */
export type FieldSample =
  | { readonly kind: "exact"; readonly values: readonly string[] }
  | { readonly kind: "prefix"; readonly prefix: string }
  | { readonly kind: "any" };

export interface EventSample {
  readonly sources: readonly string[];
  /** undefined: any detail-type of the source. */
  readonly detailTypes?: readonly string[];
  readonly fields: ReadonlyMap<string, FieldSample>;
}

const exact = (...values: string[]): FieldSample => ({ kind: "exact", values });
const ANY: FieldSample = { kind: "any" };

const CATALOG_TYPES = ["Glue Data Catalog Table State Change", "Glue Data Catalog Database State Change"];
const DQ_RESULTS = ["Data Quality Evaluation Results Available"];
const DQ_SOURCES = ["aws.glue-dataquality", "aws.glue"];

function s3Samples(values: readonly unknown[]): EventSample[] {
  const anywhere: EventSample = { sources: ["aws.s3"], fields: new Map([["detail.bucket.name", ANY]]) };
  const out: EventSample[] = [];
  for (const v of values) {
    if (v === UNKNOWN) out.push(anywhere);
    if (typeof v !== "string") continue;
    // Every spelling (s3a/s3n, HTTPS endpoints, ARNs, percent-encoding, dot segments): lib/s3Locations.ts.
    for (const loc of s3LocationsIn(v)) {
      if (loc.bucket === undefined) out.push(anywhere);
      else
        for (const key of loc.keys)
          out.push({
            sources: ["aws.s3"],
            fields: new Map<string, FieldSample>([
              ["detail.bucket.name", exact(loc.bucket)],
              // A glob writes under its literal start.
              ["detail.object.key", { kind: "prefix", prefix: key.split(/[*?[{]/)[0] }],
            ]),
          });
    }
  }
  return out;
}

/** The platform's lake roots (`--LAKE_<LAYER>`: the project's whole prefix of each layer, pinned by
 * the platform), not counted as written: the runtime reads and writes tables under them as the script
 * decides, which is as unknowable as a hard-coded path (docs/decisions.md "Event loops", gap). Every
 * other runtime argument that names a location (`--QUARANTINE_PATH`, the Iceberg warehouse in
 * `--conf`) is written by the runtime and counts. */
const LAKE_ROOTS: readonly string[] = RUNTIME_CONTEXT_ARGUMENTS.filter((k) => k.startsWith("--LAKE_"));

/** Every value of an argument map (unknown map: one unknown value) but the lake roots. */
function argumentValues(args: unknown): unknown[] {
  if (args === UNKNOWN) return [UNKNOWN];
  const o = obj(args);
  return Object.keys(o)
    .filter((k) => !LAKE_ROOTS.includes(k))
    .map((k) => peek(() => o[k]));
}

/** A job's or crawler's own state-change events. */
export function stateChanges(node: string): EventSample[] {
  const at = node.indexOf(":");
  const [kind, name] = [node.slice(0, at), node.slice(at + 1)];
  return kind === "crawler"
    ? [
        {
          sources: ["aws.glue"],
          detailTypes: ["Glue Crawler State Change"],
          fields: new Map([["detail.crawlerName", exact(name)]]),
        },
      ]
    : [
        {
          sources: ["aws.glue"],
          detailTypes: ["Glue Job State Change", "Glue Job Run Status"],
          fields: new Map([["detail.jobName", exact(name)]]),
        },
      ];
}

/** The events each node may produce, from the stack's jobs, crawlers and triggers. */
export function eventsProducedBy(resources: readonly PolicyResource[]): (node: string) => EventSample[] {
  const byName = (type: string, name: string) =>
    resources.filter((r) => r.type === type && peek(() => r.props.name) === name);
  const triggers = resources.filter((r) => r.type === T.trigger);
  const memo = new Map<string, EventSample[]>();
  return (node) => {
    const known = memo.get(node);
    if (known) return known;
    const produced = produce(node);
    memo.set(node, produced);
    return produced;
  };
  function produce(node: string): EventSample[] {
    const at = node.indexOf(":");
    const [kind, name] = [node.slice(0, at), node.slice(at + 1)];
    if (kind === "crawler") {
      const dbs = byName(T.crawler, name).flatMap((c) => [
        peek(() => c.props.databaseName),
        ...list(peek(() => c.props.catalogTargets)).map((t) => peek(() => obj(t).databaseName)),
      ]);
      const known = dbs.every((d) => typeof d === "string") && dbs.length > 0;
      return [
        ...stateChanges(node),
        {
          sources: ["aws.glue"],
          detailTypes: CATALOG_TYPES,
          fields: new Map([["detail.databaseName", known ? exact(...(dbs as string[])) : ANY]]),
        },
      ];
    }
    const jobs = byName(T.job, name);
    // A job this stack does not define by that name (its name unknown at preview) may write anywhere.
    const args: unknown[] = jobs.length === 0 ? [UNKNOWN] : [];
    args.push(
      ...jobs.flatMap((j) => [
        ...argumentValues(peek(() => j.props.defaultArguments)),
        ...argumentValues(peek(() => j.props.nonOverridableArguments)),
      ]),
    );
    for (const t of triggers)
      for (const a of list(peek(() => t.props.actions))) {
        const action = obj(a);
        if (peek(() => action.jobName) === name) args.push(...argumentValues(peek(() => action.arguments)));
      }
    return [
      ...stateChanges(node),
      { sources: ["aws.glue"], detailTypes: CATALOG_TYPES, fields: new Map() },
      { sources: DQ_SOURCES, detailTypes: DQ_RESULTS, fields: new Map() },
      ...s3Samples(args),
    ];
  }
}
