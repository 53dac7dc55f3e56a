import { defineResourcePolicy } from "../lib/define";
import { stackIdentity } from "../lib/stackIdentity";
import { has, peek, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

/** Table types that are views rather than data (Glue `TableInput.TableType`, and the Data Catalog
 * views of https://docs.aws.amazon.com/glue/latest/dg/catalog-views.html; view properties live in
 * `viewDefinition`, `viewOriginalText` and `viewExpandedText`). */
const VIEW_FIELDS = ["viewDefinition", "viewOriginalText", "viewExpandedText"] as const;

/**
 * The design has no catalog views: a project's tables are the lake tables its spec declares
 * (docs/decisions.md "Sibling fields get the same judgement"). A Data Catalog view with DEFINER
 * semantics runs with the definer role's rights over whatever its sub-objects name, and a
 * materialized view refreshes on its own interval outside the platform's schedules; neither is
 * judged by the table rules, so views are refused in project stacks rather than half-judged.
 */
export const glueCatalogNoViews = defineResourcePolicy({
  name: "glue-catalog-no-views",
  description:
    "A project stack declares no catalog views: no tableType VIRTUAL_VIEW (or any *VIEW type), no viewDefinition (Data Catalog views with definer rights, materialized views with their own refresh interval), no viewOriginalText/viewExpandedText. Views are not part of the platform's design; their definer role, sub-objects and refresh interval would escape the project and schedule rules.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Declare lake tables in the spec (tables) and write derived data with a job; ask the platform team if the project needs views.",
  types: [T.catalogTable],
  validate(ctx) {
    if (stackIdentity().kind !== "project") return;
    const type = peek(() => ctx.props.tableType);
    if (type === UNKNOWN)
      ctx.report(
        "tableType is not known at preview, so it cannot be shown not to be a view",
        "write tableType as a literal",
      );
    else if (typeof type === "string" && /VIEW/i.test(type))
      ctx.report(
        `is a view (tableType ${type}), which the platform's design does not include`,
        "declare a lake table instead",
      );
    for (const f of VIEW_FIELDS)
      if (has(ctx.props, f) && peek(() => ctx.props[f]) !== undefined)
        ctx.report(`sets ${f}, a view definition the platform's design does not include`, `remove ${f}`);
  },
});
