/** Resource cases of the policy pack: Glue crawlers, triggers, connections and encryption settings (run by tests/pack/glueCatalogPolicies.test.ts). */
import { T } from "../../../policy-pack/lib/types";
import { CRAWLER, OTHER, P, PROJECT, set, ResourceCase } from "../../support/policyCases";

export const GLUE_CATALOG_CASES: ResourceCase[] = [
  {
    policy: "glue-crawler-project-role-and-database",
    type: T.crawler,
    from: CRAWLER,
    fails: [
      [
        "job role",
        set(["role"], `arn:aws:iam::123456789012:role/${P}-glue-job-role`),
        /runs as role ".*-glue-job-role"/,
      ],
      [
        "other project's database",
        set(["databaseName"], `${OTHER}-catalog-db-bronze`),
        /not one of its project's/,
      ],
    ],
    unknown: ["name"],
  },
  {
    policy: "glue-crawler-targets-project-prefixes",
    type: T.crawler,
    from: CRAWLER,
    fails: [
      [
        "other prefix",
        set(["s3Targets", 0, "path"], `s3://glue-lake-bronze-123456789012-eu-west-1-dev/${OTHER}/x/`),
        /outside the project's lake prefixes/,
      ],
      [
        "raw and curated",
        set(["s3Targets", 1], {
          path: `s3://glue-lake-silver-123456789012-eu-west-1-dev/${P}/x/`,
          connectionName: `${P}-glue-network`,
        }),
        /crawls raw and curated data together/,
      ],
      ["no connection", set(["s3Targets", 0, "connectionName"], undefined), /without the project connection/],
      ["jdbc target", set(["jdbcTargets"], [{ connectionName: "x", path: "db/%" }]), /has jdbcTargets/],
    ],
    unknown: ["s3Targets"],
  },
  {
    policy: "glue-crawler-no-delete-from-database",
    type: T.crawler,
    from: CRAWLER,
    fails: [
      [
        "delete behavior",
        set(["schemaChangePolicy", "deleteBehavior"], "DELETE_FROM_DATABASE"),
        /deletes tables from the catalog/,
      ],
    ],
    unknown: ["schemaChangePolicy"],
  },
  {
    policy: "glue-trigger-same-project",
    type: T.trigger,
    from: { stack: PROJECT, env: "dev", name: "after-silver" },
    fails: [
      [
        "starts another project's job",
        set(["actions", 0, "jobName"], `${OTHER}-job-x`),
        /actions\[0\]\.jobName "project-418680bb.*belongs to another project/,
      ],
      [
        "watches another project's crawler",
        set(["predicate", "conditions", 0], { crawlerName: `${OTHER}-crawler-x`, crawlState: "SUCCEEDED" }),
        /predicate\.conditions\[0\]\.crawlerName/,
      ],
      [
        "unnamed job",
        set(["actions", 0, "jobName"], "plain-job"),
        /"plain-job" belongs to another project \(or to none\)/,
      ],
    ],
    unknown: ["actions"],
  },
  {
    policy: "glue-connection-network-in-private-subnet",
    type: T.connection,
    from: { stack: PROJECT, env: "dev", type: T.connection },
    fails: [
      ["JDBC", set(["connectionType"], "JDBC"), /is a JDBC connection/],
      ["no subnet", set(["physicalConnectionRequirements", "subnetId"], undefined), /has no subnetId/],
      [
        "no security group",
        set(["physicalConnectionRequirements", "securityGroupIdLists"], []),
        /has no security group/,
      ],
    ],
    unknown: ["connectionType"],
  },
  {
    policy: "glue-encryption-settings",
    type: T.securityConfiguration,
    from: { stack: PROJECT, env: "dev", type: T.securityConfiguration },
    fails: [
      [
        "S3 not encrypted",
        set(["encryptionConfiguration", "s3Encryption", "s3EncryptionMode"], "DISABLED"),
        /s3Encryption is DISABLED/,
      ],
      [
        "bookmarks without key",
        set(["encryptionConfiguration", "jobBookmarksEncryption", "kmsKeyArn"], undefined),
        /jobBookmarksEncryption has no KMS key/,
      ],
    ],
    unknown: ["encryptionConfiguration", "cloudwatchEncryption", "cloudwatchEncryptionMode"],
  },
  {
    policy: "glue-encryption-settings",
    type: T.catalogEncryption,
    from: { stack: "dev", env: "dev", type: T.catalogEncryption },
    fails: [
      [
        "catalog unencrypted",
        set(["dataCatalogEncryptionSettings", "encryptionAtRest", "catalogEncryptionMode"], "DISABLED"),
        /catalog encryption is DISABLED/,
      ],
      [
        "passwords in clear",
        set(
          [
            "dataCatalogEncryptionSettings",
            "connectionPasswordEncryption",
            "returnConnectionPasswordEncrypted",
          ],
          false,
        ),
        /returns connection passwords in clear text/,
      ],
    ],
    unknown: ["dataCatalogEncryptionSettings"],
  },
];
