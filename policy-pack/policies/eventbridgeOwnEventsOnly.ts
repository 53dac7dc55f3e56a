import { projectPrefixFragments } from "../../components/naming";
import { PROJECT_EVENT_SOURCES } from "../../components/eventSources";
import { defineResourcePolicy } from "../lib/define";
import { alternativeProblem, EventPatternError, patternAlternatives } from "../lib/eventPattern";
import { stackIdentity } from "../lib/stackIdentity";
import { has, obj, peek, UNKNOWN } from "../lib/values";
import { forEachString } from "../lib/walk";
import { T } from "../lib/types";

const RULE = T.eventRule;
const TARGET = T.eventTarget;

const PATTERN_FIX = `match only events about this project's resources: for each source (${Object.keys(
  PROJECT_EVENT_SOURCES,
).join(
  ", ",
)}) restrict the field naming the resource (detail.jobName, detail.crawlerName, detail.rulesetNames, detail.databaseName; for S3 detail.bucket.name, or a lake bucket with detail.object.key) to exact names or prefixes that start with the project's own prefix from the naming module (components/eventSources.ts lists what is allowed)`;

/** Default-deny on what a project's EventBridge rules watch and what its targets are handed. */
export const eventbridgeOwnEventsOnly = defineResourcePolicy({
  name: "eventbridge-own-events-only",
  description:
    "An EventBridge rule of a project stack matches only events about the project's own resources: every alternative of its pattern (`$or` included) names only sources the platform allows (components/eventSources.ts) and, for each, restricts a field naming the resource to the project's own names (exact values, prefixes or wildcards whose literal start is the project's prefix; suffix, anything-but, exists and partial prefixes are refused). Target inputs name no other project, not even by a partial prefix.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Build event patterns with the project's names (ProjectNames) as the project component does (components/project/events.ts); pass targets the event itself or constants of this project.",
  types: [RULE, TARGET],
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return; // the platform stack registers no rules; unknown fails elsewhere
    const prefix = `project-${id.projectId}`;
    if (ctx.type === RULE) {
      if (!has(ctx.props, "eventPattern")) return; // a schedule-only rule: its schedule is judged elsewhere
      const pattern = peek(() => ctx.props.eventPattern);
      if (pattern === UNKNOWN) {
        ctx.report(
          "eventPattern is unknown at preview, so what it watches cannot be judged",
          "build the pattern from the project's names (known at preview), not from another resource's output",
        );
        return;
      }
      if (pattern === undefined || pattern === null) return;
      let alternatives;
      try {
        alternatives = patternAlternatives(pattern);
      } catch (e) {
        if (!(e instanceof EventPatternError)) throw e;
        ctx.report(`eventPattern ${e.message}`, "write a valid EventBridge event pattern");
        return;
      }
      const problems = [
        ...new Set(alternatives.map((a) => alternativeProblem(a, prefix)).filter((p) => p !== undefined)),
      ];
      for (const p of problems) ctx.report(`eventPattern ${p}`, PATTERN_FIX);
      return;
    }
    // Targets: what the target is handed (input, input transformer) must not name another project.
    const own = id.projectId;
    const handed = {
      input: peek(() => ctx.props.input),
      inputTransformer: obj(peek(() => ctx.props.inputTransformer)),
    };
    forEachString(handed, (path, text) => {
      const foreign = projectPrefixFragments(text).filter((f) => !own.startsWith(f) && !f.startsWith(own));
      if (foreign.length > 0)
        ctx.report(
          `${path} names project-${foreign[0]}, which is not (a prefix of) this project's own project-${own}`,
          "hand the target the event itself or values of this project only",
        );
    });
  },
});
