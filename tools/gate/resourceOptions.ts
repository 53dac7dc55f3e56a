/**
 * What the offline gate refuses itself because no policy can see it: the `import` and `hooks`
 * resource options.
 * The engine receives the id to adopt on RegisterResource (`importId`) but hands a policy only the
 * resource's inputs and the options of analyzer.proto's `AnalyzerResourceOptions` (protect,
 * ignoreChanges, deleteBeforeReplace, additionalSecretOutputs, aliases, customTimeouts, parent) —
 * pulumi/pulumi pkg/resource/deploy/step_generator.go, docs/pulumi-facts.md. A project stack that
 * imports adopts an existing resource (another project's job, role or topic) under its own name;
 * projects create their resources, they never adopt them. A real `pulumi preview` cannot refuse
 * this through the pack (docs/decisions.md, imports).
 *
 * Resource hooks (`hooks: { afterCreate: [hook] }`) are code of the program that the engine calls
 * around a resource's create, update and delete, with the deployer's credentials, after policies have
 * judged the resource's inputs (RegisterResourceRequest `hooks`; docs/pulumi-facts.md "Resource
 * hooks"): a hook can rewrite the job it is bound to or create anything. A project stack may bind none.
 */
import { CapturedResource } from "../runner/runStack";
import { Violation } from "./evaluate";

/** The name the gate reports its own refusals under (not a policy of the pack). */
export const GATE_IMPORT_RULE = "gate-no-import";
export const GATE_HOOK_RULE = "gate-no-resource-hooks";

function hookViolations(r: CapturedResource): Violation[] {
  if (!r.hooks || r.hooks.length === 0) return [];
  const bound = r.hooks
    .map((h) => `${h.point} "${h.name}"${h.onDryRun ? " (also at preview)" : ""}`)
    .join(", ");
  const detail = `${r.type.split(":").pop()} '${r.name}': binds resource hooks (${bound}), program code that runs with the deployer's credentials around the resource's create, update or delete after policies have judged it. Fix: remove the hooks resource option; express the change as resources of the stack (or ask the platform team for a component)`;
  return [
    {
      policy: GATE_HOOK_RULE,
      level: "mandatory" as const,
      urn: r.urn,
      message: `The offline gate refuses resource hooks in project stacks (policies cannot see them).\n${detail}`,
      detail,
    },
  ];
}

export function resourceOptionViolations(resources: CapturedResource[], kind: string): Violation[] {
  if (kind === "platform") return [];
  const imports = resources
    .filter((r) => r.importId !== undefined)
    .map((r) => {
      const detail = `${r.type.split(":").pop()} '${r.name}': imports the existing resource "${r.importId}" into a project stack, which adopts (and may then change or delete) something this project did not create. Fix: remove the import resource option and create the resource under the project's own name`;
      return {
        policy: GATE_IMPORT_RULE,
        level: "mandatory" as const,
        urn: r.urn,
        message: `The offline gate refuses the import resource option in project stacks (policies cannot see it).\n${detail}`,
        detail,
      };
    });
  return [...imports, ...resources.flatMap(hookViolations)];
}
