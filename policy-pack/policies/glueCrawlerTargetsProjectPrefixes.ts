import { defineResourcePolicy } from "../lib/define";
import { catalogDatabaseLayerOf } from "../../components/naming";
import {
  lakeLayerOfBucket,
  ownerOrReport,
  parseS3Uri,
  projectIdOfName,
  projectNamesOf,
} from "../lib/project";
import { list, obj, str } from "../lib/values";
import { T } from "../lib/types";

/** Crawlers only crawl their project's lake prefixes, through their project's connection, and never
 * mix raw (bronze) with curated (silver/gold) data (docs/decisions.md "Platform rules"). */
export const glueCrawlerTargetsProjectPrefixes = defineResourcePolicy({
  name: "glue-crawler-targets-project-prefixes",
  description:
    "Crawler targets are the project's own lake prefixes only, raw and curated are never mixed (S3 prefixes and catalog targets' databases alike), and every target that names a connection (S3, catalog or any other kind) uses the project connection; event queues of every target kind are judged by glue-references-own-resources.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Point s3Targets at s3://glue-lake-<layer>-…/project-{uuid}/…; split raw (bronze) and curated (silver/gold) into separate crawlers; set connectionName to the project connection.",
  types: [T.crawler],
  validate(ctx) {
    const owner = ownerOrReport(ctx.props.name, "crawler", ctx.report);
    if (!owner) return;
    const names = projectNamesOf(owner);
    const layers = new Set<string>();
    const s3Targets = list(ctx.props.s3Targets);
    for (const other of [
      "jdbcTargets",
      "dynamodbTargets",
      "mongodbTargets",
      "deltaTargets",
      "hudiTargets",
      "icebergTargets",
    ]) {
      if (list(ctx.props[other]).length > 0)
        ctx.report(
          `has ${other}, which the platform does not allow for project crawlers`,
          "crawl only the project's S3 lake prefixes",
        );
    }
    for (const c of list(ctx.props.catalogTargets)) {
      const db = str(obj(c).databaseName);
      if (!db || projectIdOfName(db) !== owner)
        ctx.report(
          `has a catalog target on database "${db}" of another project`,
          "crawl only your own databases",
        );
      // A catalog target crawls the data of its database's layer: raw and curated are judged alike.
      const layer = db ? catalogDatabaseLayerOf(db, owner) : undefined;
      if (layer) layers.add(layer);
    }
    // The connection rule of S3 targets holds for every target kind that names a connection.
    for (const [kind, targets] of Object.entries(ctx.props))
      if (kind.endsWith("Targets") && kind !== "s3Targets")
        for (const t of list(targets)) {
          const conn = obj(t).connectionName;
          if (conn !== undefined && !names.isConnection(str(conn)))
            ctx.report(
              `has a ${kind} entry through connection "${String(conn)}", not the project connection`,
              `set connectionName: ${names.connection()}`,
            );
        }
    if (s3Targets.length === 0 && list(ctx.props.catalogTargets).length === 0)
      ctx.report("has no targets", "add s3Targets under the project's lake prefix");
    for (const t of s3Targets) {
      const path = str(obj(t).path) ?? "";
      const parsed = parseS3Uri(path);
      const layer = parsed ? lakeLayerOfBucket(parsed.bucket) : undefined;
      if (!parsed || !layer || !parsed.key.startsWith(names.lakePrefix())) {
        ctx.report(
          `crawls "${path}", outside the project's lake prefixes`,
          `use s3://glue-lake-<layer>-…/${names.lakePrefix()}<folder>`,
        );
      } else layers.add(layer);
      const conn = str(obj(t).connectionName);
      if (!names.isConnection(conn))
        ctx.report(
          `crawls "${path}" without the project connection (connectionName ${conn ?? "unset"})`,
          `set connectionName: ${names.connection()}`,
        );
    }
    if (layers.has("bronze") && (layers.has("silver") || layers.has("gold"))) {
      ctx.report(
        `crawls raw and curated data together (${[...layers].join(", ")})`,
        "use one crawler for bronze and another for silver/gold",
      );
    }
    const dbLayer = /-catalog-db-(bronze|silver|gold)$/.exec(str(ctx.props.databaseName) ?? "")?.[1];
    if (dbLayer && layers.size > 0 && (dbLayer === "bronze") !== layers.has("bronze")) {
      ctx.report(
        `writes ${[...layers].join("/")} tables into the ${dbLayer} database`,
        "raw crawlers write to the bronze database, curated ones to silver or gold",
      );
    }
  },
});
