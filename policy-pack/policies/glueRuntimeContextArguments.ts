import { PlatformNames } from "../../components/naming";
import { expectedRuntimeContextArguments } from "../../components/glue/runtimeContext";
import { argumentSites } from "../lib/argumentSites";
import { defineResourcePolicy } from "../lib/define";
import { factConfig, FactsConfig, platformPlace } from "../lib/platformFacts";
import { stackIdentity } from "../lib/stackIdentity";
import { T } from "../lib/types";

const FACTS = factConfig("accountId", "region", "partition");

/**
 * The runtime context arguments (--PROJECT_ID, --ENV, --LAKE_*, --DB_*, --QUARANTINE_PATH, --DLQ_URL,
 * --TOPIC_ARN, --STATE_TABLE, --KEY_ALIAS, --METRICS_NAMESPACE, --ICEBERG_CATALOG) tell the platform's
 * job runtime where the project's data, dead letters, notifications, state and key are
 * (runtime/glue_runtime/context.py). The job builder locks them; this rule pins each to exactly the
 * value the builder computes (components/glue/runtimeContext.ts, from the stack's project and the
 * platform facts) in every place an argument can be set, so no job, trigger action or run property
 * can point the runtime at another key, topic, database, table or queue.
 */
export const glueRuntimeContextArguments = defineResourcePolicy<FactsConfig>({
  name: "glue-runtime-context-arguments",
  description:
    "The platform runtime's context arguments (--PROJECT_ID, --ENV, --LAKE_<LAYER>, --DB_<LAYER>, --QUARANTINE_PATH, --DLQ_URL, --TOPIC_ARN, --STATE_TABLE, --KEY_ALIAS, --METRICS_NAMESPACE, --ICEBERG_CATALOG) have exactly the project's values the job builder computes, wherever they are set: a job's defaultArguments and nonOverridableArguments, a trigger action's arguments and a workflow's run properties (NAME as --NAME). Fails closed when a platform fact is missing.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Leave the context arguments to the platform's job builder (components/glue/jobArgs.ts), or copy its values exactly; never point them at another key, topic, database, table or queue.",
  config: FACTS.config,
  configSchema: { properties: FACTS.schema },
  types: [T.job, T.trigger, T.workflow],
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return;
    const sites = argumentSites(ctx.type, ctx.props);
    if (sites.length === 0) return;
    const place = platformPlace(ctx.config);
    if ("what" in place) return ctx.report(place.what, place.how);
    const expected = expectedRuntimeContextArguments({
      projectId: id.projectId,
      env: id.env,
      scope: place,
      lakeBucket: (layer) => new PlatformNames(id.env, place).lakeBucket(layer),
    });
    for (const s of sites) {
      const want = expected[s.key];
      if (want === undefined || s.value === want) continue;
      ctx.report(
        `${s.where} is "${s.value}", but the runtime context argument ${s.key} of this project is "${want}"`,
        `set ${s.key} to "${want}" (the job builder's value) or leave it to the platform's job builder`,
      );
    }
  },
});
