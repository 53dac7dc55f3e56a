import { PolicyResource } from "@pulumi/policy";
import { PROJECT_STACK_TYPES } from "../../components/resourceTypes";
import { defineStackPolicy } from "../lib/define";
import { rootOf, valuesAt } from "../lib/scopedPaths";
import { vouches } from "../lib/ownOutputs";
import { notOwnResource } from "../lib/exactNames";
import { stackIdentity } from "../lib/stackIdentity";
import { peek, UNKNOWN } from "../lib/values";

/** The identities a resource's outputs give it once known (at `pulumi up`): its id, ARN, key id, name. */
function identitiesOf(r: PolicyResource): string[] {
  return ["id", "arn", "keyId", "name"].flatMap((k) => {
    const v = peek(() => r.props[k]);
    return typeof v === "string" ? [v] : [];
  });
}

/**
 * The project-scope rule reads names; a name that is unknown at preview (another resource's output,
 * or a value computed in `apply`) cannot be read, so it is judged here by where it comes from: its
 * property dependencies (https://www.pulumi.com/docs/using-pulumi/crossguard/core-concepts/ —
 * stack policies see `propertyDependencies`) must name a resource of this stack of a type the
 * property may come from (components/resourceTypes.ts `refs`), whose own scoped names are known and
 * in-project. Anything else is a violation: unknown values are never skipped. Optional references
 * (`scopedIfSet`, e.g. a table resource link's target database) must name this project when set.
 */
export const projectScopedReferences = defineStackPolicy({
  name: "project-scoped-references",
  description:
    "Every property of a project-stack resource that names a project-scoped resource (components/resourceTypes.ts `scoped` and `scopedIfSet`) names this project's resource: when known at preview it names exactly one resource whose name starts with project-{uuid}- (parsed whole, policy-pack/lib/exactNames.ts); when unknown it must come, by property dependency, from a resource of this stack of the expected type whose own name is known and in-project.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Build the name with the naming module (ProjectNames for the stack's projectId) or from the project spec so it is known at preview, or pass the output of this stack's own resource of the right type (bucket.bucket, database.name, topic.arn, key.arn) — never a value computed from an unrelated output.",
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return;
    const prefix = `project-${id.projectId}`;
    const byUrn = new Map(ctx.resources.map((r) => [r.urn, r]));
    for (const r of ctx.resources) {
      const allowed = PROJECT_STACK_TYPES[r.type];
      if (!allowed) continue;
      const paths = [...(allowed.scoped ?? []), ...(allowed.scopedIfSet ?? [])];
      const optional = new Set(allowed.scopedIfSet ?? []);
      for (const path of paths) {
        for (const v of valuesAt(r.props, path)) {
          const root = rootOf(path);
          const types = allowed.refs?.[root] ?? [];
          if (v.value !== UNKNOWN && !optional.has(path) && types.length > 0 && typeof v.value === "string") {
            // A known value that names no project (an opaque id such as a key id) in a property that may
            // come from this stack's resource: it must be that resource's identity (at `pulumi up` the
            // output of `key.id` is known). Named values are judged by project-stack-own-project-only.
            if (v.value.toLowerCase().includes("project-")) continue;
            const value = v.value;
            const source = ctx.resources.find(
              (d) => types.includes(d.type) && identitiesOf(d).includes(value) && !vouches(d, prefix),
            );
            if (!source)
              ctx.report(
                r,
                `${v.path || path} "${value}" is not a resource of project ${id.projectId}: it is no ${types.map((t) => t.split(":").pop()).join(" or ")} of this stack`,
                "pass the output of this stack's own resource of the right type, or its name from the naming module",
              );
            continue;
          }
          if (v.value !== UNKNOWN) {
            // Known required names are judged by project-stack-own-project-only; known optional ones here.
            if (!optional.has(path)) continue;
            const problem = typeof v.value === "string" ? notOwnResource(v.value, prefix) : undefined;
            if (problem)
              ctx.report(
                r,
                `${v.path} ${problem}: it must name exactly one resource of project ${id.projectId}`,
                `use the ${prefix}-… name or ARN from the naming module, with nothing before or after it`,
              );
            continue;
          }
          const deps = (r.propertyDependencies[root] ?? []).map((d) => byUrn.get(d.urn) ?? d);
          const from = deps.filter((d) => types.includes(d.type));
          const why =
            types.length === 0
              ? "this property must be known at preview"
              : from.length === 0
                ? `it does not come from a ${types.map((t) => t.split(":").pop()).join(" or ")} of this stack${deps.length ? ` (it comes from ${deps.map((d) => `${d.type.split(":").pop()} '${d.name}'`).join(", ")})` : ""}`
                : from
                    .map((d) =>
                      ((w) => (w ? `${d.type.split(":").pop()} '${d.name}': ${w}` : undefined))(
                        vouches(d, prefix),
                      ),
                    )
                    .find(Boolean);
          if (why)
            ctx.report(
              r,
              `${v.path || path} cannot be known at preview, so it cannot be shown to name project ${id.projectId}: ${why}`,
              "make it known at preview: build it with the naming module (ProjectNames) or take it from the project spec, or pass the output of this stack's own resource of the right type",
            );
        }
      }
    }
  },
});
