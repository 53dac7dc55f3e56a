import { defineResourcePolicy } from "../lib/define";
import { stackIdentity } from "../lib/stackIdentity";
import { has, obj, peek, str, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

/** Connection properties each connection type may carry; a type not listed may carry none. The
 * platform uses NETWORK connections only (glue-connection-network), and a NETWORK connection reaches
 * the VPC through its physical connection requirements alone: JDBC URLs, hosts, credentials or
 * driver locations on it name data sources the platform does not govern
 * (https://docs.aws.amazon.com/glue/latest/webapi/API_Connection.html, ConnectionProperties). */
const CONNECTION_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  NETWORK: [],
};

/**
 * Glue settings that open a path to data outside the project's IAM-governed, in-VPC access: a
 * federated database serves catalog entries from an external system through a connection
 * (https://docs.aws.amazon.com/glue/latest/webapi/API_FederatedDatabase.html); a crawler with Lake
 * Formation credentials reads with Lake Formation's grants instead of the project's crawler role
 * (https://docs.aws.amazon.com/glue/latest/webapi/API_LakeFormationConfiguration.html), which the
 * platform does not use; connection properties beyond the type's allowlist name other data sources.
 */
export const glueNoExternalAccessSettings = defineResourcePolicy({
  name: "glue-no-external-access-settings",
  description:
    "A project's Glue resources open no path around its IAM-governed, in-VPC data access: no federated catalog databases, no crawler Lake Formation credentials, and connection properties only from the connection type's allowlist (none for NETWORK).",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Remove federatedDatabase, lakeFormationConfiguration.useLakeFormationCredentials and the connection's connectionProperties; read data through the project's lake prefixes with the project's roles.",
  types: [T.catalogDatabase, T.crawler, T.connection],
  validate(ctx) {
    if (stackIdentity().kind !== "project") return;
    if (ctx.type === T.catalogDatabase && has(ctx.props, "federatedDatabase"))
      ctx.report(
        "sets federatedDatabase: its tables are served from an external system through a connection",
        "remove federatedDatabase; catalog only the project's own lake tables",
      );
    if (ctx.type === T.crawler && has(ctx.props, "lakeFormationConfiguration")) {
      const lf = peek(() => obj(ctx.props.lakeFormationConfiguration).useLakeFormationCredentials);
      if (lf === UNKNOWN || lf === true || lf === "true")
        ctx.report(
          "uses Lake Formation credentials, which the platform does not govern (the crawler must read with its project role)",
          "remove lakeFormationConfiguration or set useLakeFormationCredentials: false",
        );
    }
    if (ctx.type === T.connection && has(ctx.props, "connectionProperties")) {
      const type = str(ctx.props.connectionType) ?? "JDBC";
      const allowed = CONNECTION_PROPERTIES[type] ?? [];
      const keys = Object.keys(obj(ctx.props.connectionProperties));
      const extra = keys.filter((k) => !allowed.includes(k));
      if (extra.length > 0)
        ctx.report(
          `connectionProperties ${extra.join(", ")} are not allowed on a ${type} connection`,
          allowed.length > 0
            ? `set only ${allowed.join(", ")}`
            : `remove connectionProperties; a ${type} connection needs only physicalConnectionRequirements`,
        );
    }
  },
});
