import { defineResourcePolicy } from "../lib/define";
import { stackIdentity } from "../lib/stackIdentity";
import { T } from "../lib/types";

/**
 * `ignoreChanges` hides a difference between the program and the real resource; with `import` (which
 * policies cannot see, docs/decisions.md) it adopts another project's resource under an own name while
 * keeping its name, role, code and tags. The engine does hand policies `ignoreChanges`
 * (`AnalyzerResourceOptions`, docs/pulumi-facts.md), so a project stack may ignore only what the
 * platform's components ignore on purpose: a catalog table's storage descriptor and parameters, which
 * jobs evolve (components/project/catalog.ts).
 */
const IGNORABLE: Readonly<Record<string, readonly string[]>> = {
  [T.catalogTable]: ["storageDescriptor", "parameters"],
};

export const projectIgnoreChanges = defineResourcePolicy({
  name: "project-ignore-changes",
  description:
    "A project stack ignores changes only where the platform's components do (a catalog table's storageDescriptor and parameters): ignoreChanges on names, roles, code, tags or any other property would hide an adopted or drifted resource.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps: "Remove the ignoreChanges resource option (and any import option).",
  types: "all",
  validate(ctx) {
    if (ctx.ignoreChanges.length === 0 || stackIdentity().kind !== "project") return;
    const allowed = IGNORABLE[ctx.type] ?? [];
    const hidden = ctx.ignoreChanges.filter((p) => !allowed.includes(p));
    if (hidden.length > 0)
      ctx.report(
        `ignores changes to ${hidden.join(", ")}, which hides what the resource really is`,
        "remove them from ignoreChanges",
      );
  },
});
