import { arns } from "../../components/arn";
import { PLATFORM_LIMITS } from "../../components/limits";
import { catalogDatabaseLayerOf, ProjectIdNames } from "../../components/naming";
import { DQ_EVALUATOR_ARGUMENTS, DQ_EVALUATOR_JOB } from "../../components/project/dataQuality";
import { argumentSites } from "../lib/argumentSites";
import { limitSchema } from "../lib/config";
import { defineResourcePolicy } from "../lib/define";
import { factConfig, FactsConfig, platformPlace } from "../lib/platformFacts";
import { stricterLimit } from "../lib/specLimits";
import { stackIdentity } from "../lib/stackIdentity";
import { T } from "../lib/types";

const FACTS = factConfig("accountId", "region", "partition");
type Config = FactsConfig & { maxTimeoutMinutes: number };

/** A Glue table name as the evaluator passes it to the Data Catalog: one plain name, no database. */
const TABLE_NAME = /^[a-z0-9_]{1,255}$/;

/**
 * The platform's data-quality evaluator job (components/project/dataQuality.ts) starts
 * StartDataQualityRulesetEvaluationRun with the role, database, table, rulesets and timeout its
 * arguments name (https://docs.aws.amazon.com/glue/latest/webapi/API_StartDataQualityRulesetEvaluationRun.html).
 * So those arguments are judged by what they mean, in every place they can be set for that job: the
 * role is the project's job role, the database one of the project's catalog databases, the table a
 * plain table name, the rulesets the project's, the topic the project's, the timeout within the cap.
 */
export const glueDqEvaluatorArguments = defineResourcePolicy<Config>({
  name: "glue-dq-evaluator-arguments",
  description:
    "The arguments of the platform's data-quality evaluator job (project-{uuid}-job-dq-evaluate), in its defaultArguments, nonOverridableArguments or any trigger action that starts it, mean what the evaluator does with them: --ROLE_ARN is the project's job role, --DATABASE one of the project's catalog databases, --TABLE a plain table name, --RULESETS the project's rulesets, --TOPIC_ARN the project's topic, --TIMEOUT_MINUTES a whole number within the job timeout cap; no other own parameter. Fails closed when a platform fact is missing.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Declare data-quality rulesets in the spec (dataQuality with afterJob) and let the platform write the evaluator's trigger; a hand-written one must pass the project's own role, database, table, rulesets and topic and a timeout within the cap.",
  config: { ...FACTS.config, maxTimeoutMinutes: PLATFORM_LIMITS.maxTimeoutMinutes },
  configSchema: {
    properties: {
      ...FACTS.schema,
      ...limitSchema({
        maxTimeoutMinutes: {
          type: "integer",
          default: PLATFORM_LIMITS.maxTimeoutMinutes,
          description: "the longest data-quality evaluation run, in minutes (the job timeout cap)",
        },
      }).properties,
    },
  },
  types: [T.job, T.trigger],
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return;
    const names = new ProjectIdNames(id.projectId);
    const evaluator = names.job(DQ_EVALUATOR_JOB);
    const sites = argumentSites(ctx.type, ctx.props).filter((s) => s.jobName === evaluator);
    if (sites.length === 0) return;
    const place = platformPlace(ctx.config);
    if ("what" in place) return ctx.report(place.what, place.how);
    const cap = stricterLimit("maxTimeoutMinutes", ctx.config.maxTimeoutMinutes);
    const role = arns.role(place, names.jobRole());
    const topic = arns.snsTopic(place, names.topic());
    const rulesetPrefix = names.namePrefix("dataQualityRuleset");
    const known = new Set<string>(DQ_EVALUATOR_ARGUMENTS.map((a) => `--${a}`));
    const judge: Record<string, (v: string) => string | undefined> = {
      "--ROLE_ARN": (v) => (v === role ? undefined : `must be the project's job role ${role}`),
      "--TOPIC_ARN": (v) => (v === topic ? undefined : `must be the project's topic ${topic}`),
      "--DATABASE": (v) =>
        catalogDatabaseLayerOf(v, id.projectId)
          ? undefined
          : `must be one of the project's catalog databases (${names.catalogDatabasePattern()})`,
      "--TABLE": (v) => (TABLE_NAME.test(v) ? undefined : "must be one plain table name (a-z, 0-9, _)"),
      "--RULESETS": (v) => {
        const bad = v
          .split(",")
          .filter((r) => !r.trim().startsWith(rulesetPrefix) || r.trim() === rulesetPrefix);
        return bad.length === 0
          ? undefined
          : `names ${bad.join(", ")}, not rulesets of the project (${rulesetPrefix}*)`;
      },
      "--TIMEOUT_MINUTES": (v) =>
        /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= cap
          ? undefined
          : `must be a whole number of minutes from 1 to ${cap}`,
    };
    for (const s of sites) {
      // Glue's own parameters are judged by glue-job-special-parameters; only the job's own ones here.
      if (!/^--[A-Z][A-Z0-9_]*$/.test(s.key) || s.key === "--ENV") continue;
      const check = judge[s.key];
      const why = check
        ? check(s.value)
        : known.has(s.key)
          ? undefined
          : `is not an argument the evaluator reads (${[...known].join(", ")})`;
      if (why)
        ctx.report(
          `${s.where} "${s.value}" ${why}`,
          "pass the project's own role, database, table, rulesets and topic and a timeout within the cap (or let the spec's dataQuality write the trigger)",
        );
    }
  },
});
