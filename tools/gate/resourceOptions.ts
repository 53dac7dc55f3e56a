/**
 * What the offline gate refuses itself because no policy can see it: the `import` resource option.
 * The engine receives the id to adopt on RegisterResource (`importId`) but hands a policy only the
 * resource's inputs and the options of analyzer.proto's `AnalyzerResourceOptions` (protect,
 * ignoreChanges, deleteBeforeReplace, additionalSecretOutputs, aliases, customTimeouts, parent) —
 * pulumi/pulumi pkg/resource/deploy/step_generator.go, docs/pulumi-facts.md. A project stack that
 * imports adopts an existing resource (another project's job, role or topic) under its own name;
 * projects create their resources, they never adopt them. A real `pulumi preview` cannot refuse
 * this through the pack (docs/decisions.md, imports).
 */
import { CapturedResource } from "../runner/runStack";
import { Violation } from "./evaluate";

/** The name the gate reports its own refusals under (not a policy of the pack). */
export const GATE_IMPORT_RULE = "gate-no-import";

export function resourceOptionViolations(resources: CapturedResource[], kind: string): Violation[] {
  if (kind === "platform") return [];
  return resources
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
}
