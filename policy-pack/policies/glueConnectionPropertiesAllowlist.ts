import { defineResourcePolicy } from "../lib/define";
import { stackIdentity } from "../lib/stackIdentity";
import { T } from "../lib/types";

/** The inputs a project's NETWORK connection may set (components/project/network.ts builds it);
 * each is judged by its own rule: the name by the naming and own-project rules, connectionProperties
 * by its allowlist, physicalConnectionRequirements by the placement rules, catalogId by
 * accounts-and-regions-in-platform. */
const ALLOWED = new Set([
  "name",
  "description",
  "connectionType",
  "connectionProperties",
  "physicalConnectionRequirements",
  "catalogId",
  "region",
  "tags",
  "tagsAll",
]);

/**
 * Every input of a Glue connection is judged, not only connectionProperties: an allowlist of the
 * properties a NETWORK connection needs. Anything else — authenticationConfiguration (a secret, an
 * OAuth client, a KMS key), athenaProperties (a Lambda connector and its spill bucket),
 * sparkProperties, pythonProperties, validateCredentials — configures a data source the platform
 * does not offer, so it is refused by default and a property AWS adds later is refused until judged
 * (https://docs.aws.amazon.com/glue/latest/webapi/API_ConnectionInput.html).
 */
export const glueConnectionPropertiesAllowlist = defineResourcePolicy({
  name: "glue-connection-properties-allowlist",
  description: `A Glue connection of a project sets only the inputs a NETWORK connection needs (${[...ALLOWED].join(", ")}); authenticationConfiguration (secrets, OAuth, KMS keys), athenaProperties (Lambda connectors, spill buckets), sparkProperties, pythonProperties and any other input are refused.`,
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Declare the connection as the platform builds it (a NETWORK connection with physicalConnectionRequirements in the project's subnet and security group); reach data sources through the lake, not through connection credentials.",
  types: [T.connection],
  validate(ctx) {
    if (stackIdentity().kind !== "project") return;
    for (const key of Object.keys(ctx.props))
      if (!ALLOWED.has(key) && key !== "__defaults")
        ctx.report(
          `sets ${key}, which a project's NETWORK connection does not use`,
          `remove ${key}; the platform's connections carry no credentials, keys, connectors or buckets`,
        );
  },
});
