import { MAX_ACTIONS_PER_TRIGGER } from "../../components/limits";
import { defineResourcePolicy } from "../lib/define";
import { limitSchema } from "../lib/config";
import { T } from "../lib/types";
import { has, peek, UNKNOWN } from "../lib/values";

/** Each action of a Glue trigger starts a run (Glue `Action`,
 * https://docs.aws.amazon.com/glue/latest/webapi/API_Action.html): the number of actions is a
 * trigger's fan-out, capped like every other capacity. */
export const glueTriggerActionLimit = defineResourcePolicy<{ maxActionsPerTrigger: number }>({
  name: "glue-trigger-action-limit",
  description:
    "A Glue trigger starts at most the configured number of actions (components/limits.ts MAX_ACTIONS_PER_TRIGGER): each action is a run, so a long action list multiplies what one schedule or event starts.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Split the work into workflows whose triggers start a few jobs each, or chain jobs with conditional triggers.",
  config: { maxActionsPerTrigger: MAX_ACTIONS_PER_TRIGGER },
  configSchema: limitSchema({
    maxActionsPerTrigger: {
      type: "integer",
      default: MAX_ACTIONS_PER_TRIGGER,
      description: "the most actions one trigger may start",
    },
  }),
  types: [T.trigger],
  validate(ctx) {
    if (!has(ctx.props, "actions")) return;
    const actions = peek(() => ctx.props.actions);
    if (actions === UNKNOWN) {
      ctx.report(
        "actions are unknown at preview, so their number cannot be judged",
        "write the actions as a list",
      );
      return;
    }
    const n = Array.isArray(actions) ? actions.length : 0;
    if (n > ctx.config.maxActionsPerTrigger)
      ctx.report(
        `starts ${n} actions, more than the ${ctx.config.maxActionsPerTrigger} a trigger may start`,
        `start at most ${ctx.config.maxActionsPerTrigger} jobs or crawlers per trigger`,
      );
  },
});
