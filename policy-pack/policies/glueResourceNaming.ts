import { defineResourcePolicy } from "../lib/define";
import { parseProjectName, SHORT_NAME } from "../../components/naming";
import { str } from "../lib/values";
import { T } from "../lib/types";

/** Glue job, crawler, workflow and trigger names follow `project-{uuid}-<kind>-<name>` (docs/decisions.md "Names"). */
const KIND_OF: Record<string, string> = {
  [T.job]: "job",
  [T.crawler]: "crawler",
  [T.workflow]: "workflow",
  [T.trigger]: "trigger",
};

export const glueResourceNaming = defineResourcePolicy({
  name: "glue-resource-naming",
  description:
    "Glue jobs, crawlers, workflows and triggers have explicit names project-{uuid}-<kind>-<name>.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Give the resource an explicit name from the naming module (ProjectNames.job/crawler/workflow/trigger).",
  types: Object.keys(KIND_OF),
  validate(ctx) {
    const kind = KIND_OF[ctx.type];
    const name = str(ctx.props.name);
    if (name === undefined)
      return ctx.report(
        "has no explicit name (an autonamed resource cannot be tied to a project)",
        `set name: project-{uuid}-${kind}-<name>`,
      );
    const rest = parseProjectName(name)?.rest ?? "";
    const short = rest.startsWith(`${kind}-`) ? rest.slice(kind.length + 1) : "";
    if (!SHORT_NAME.test(short))
      ctx.report(
        `name "${name}" does not follow project-{uuid}-${kind}-<name>`,
        `rename it to project-{uuid}-${kind}-<lowercase-name>`,
      );
  },
});
