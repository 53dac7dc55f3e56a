import { projectIdsMentioned } from "../../components/naming";
import { PROJECT_STACK_TYPES } from "../../components/resourceTypes";
import { defineResourcePolicy } from "../lib/define";
import { stackIdentity } from "../lib/stackIdentity";
import { forEachString, readKnown } from "../lib/walk";
import { notOwnResource } from "../lib/exactNames";
import { otherProjectsIn } from "../lib/otherProjects";

/** How a serialized asset's signature key appears in a property path (`@pulumi/pulumi` runtime/rpc.js). */
const ASSET_SIGNATURE = '["4dabf18193072939515e22adb298388d"]';

/** A project stack acts only as its own project: it names, references and grants nothing of another
 * project, and every project-scoped resource is named for its own project. */
export const projectStackOwnProjectOnly = defineResourcePolicy({
  name: "project-stack-own-project-only",
  description:
    "A project stack belongs to exactly one project (learned from its stack config, never from resource names): no value of any resource may name, reference or grant another project's resources or carry another project's identity (its project-{uuid}, its bare id, or its spec path as a stack config names it — e.g. another project's stack config uploaded as object content), and every project-scoped name (resource names, the bucket, role, topic, queue, rule or database a resource attaches to) names exactly one resource of the stack's own project: parsed whole (a plain SQS queue URL, a valid bucket name, an ARN of exactly one resource), its name starts with project-{uuid}- — the prefix elsewhere in a URL, path, query or ARN suffix does not count.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Use only this project's names from the naming module (ProjectNames for the stack's projectId); reach shared data only through the platform contract.",
  types: "all",
  validate(ctx) {
    const id = stackIdentity();
    if (id.kind !== "project") return; // platform stacks are not project-scoped; unknown fails elsewhere
    const own = id.projectId;
    const prefix = `project-${own}`;
    // Most specific first: a required project-scoped name that is missing or names no project.
    const reported = new Set<string>();
    const allowed = PROJECT_STACK_TYPES[ctx.type];
    for (const field of allowed?.scoped ?? []) {
      const r = readKnown(ctx.props, field);
      if (!r.known) continue; // made from another resource of this stack, which is judged itself
      // An opaque identifier (a key id, a security-group id) in a property that may come from another
      // resource of the stack: project-scoped-references judges it by that resource (at `pulumi up`
      // the output of `key.id` is known and names no project).
      if (allowed?.refs?.[field] && typeof r.value === "string" && projectIdsMentioned(r.value).length === 0)
        continue;
      // Parsed whole (lib/exactNames.ts): the prefix somewhere in a URL, path or ARN is not the name.
      const problem =
        typeof r.value === "string"
          ? notOwnResource(r.value, prefix, field === "bucket" && ctx.type.startsWith("aws:s3/"))
          : undefined;
      if (r.value === undefined || problem) reported.add(field);
      if (r.value === undefined)
        ctx.report(
          `has no ${field}, so it is not named for project ${own}`,
          `set ${field} from the naming module (ProjectNames for ${own}); names are never generated`,
        );
      else if (problem)
        ctx.report(
          `${field} ${problem}: it must name exactly one resource of this stack's project ${own}`,
          `use the ${prefix}-… name (or ARN, or queue URL) from the naming module, with nothing before or after it`,
        );
    }
    const seen = new Set<string>();
    // Assets and archives (serialized with their signature key offline; promises in the policy host)
    // are judged by object-content-sources, which reads them in both hosts alike.
    const assets: string[] = [];
    forEachString(ctx.props, (path) => {
      if (path.endsWith(ASSET_SIGNATURE)) assets.push(path.slice(0, -ASSET_SIGNATURE.length));
    });
    forEachString(ctx.props, (path, text) => {
      if (assets.length > 0 && assets.some((a) => path.startsWith(a))) return;
      // One finding per property: a scoped field already reported, or tagsAll repeating tags.
      if (reported.size > 0 && reported.has(/^[^.[]+/.exec(path)?.[0] ?? path)) return;
      if (path.startsWith("tagsAll") && seen.has(`tags${path.slice("tagsAll".length)}`)) return;
      // Another project's identity in any text: its project-{uuid}, its bare id, or its spec (a stack
      // config handed over as content), lib/otherProjects.ts.
      for (const other of otherProjectsIn(text, { projectId: own, spec: id.spec })) {
        if (seen.has(path)) continue;
        seen.add(path);
        ctx.report(
          `${path || "a property"} refers to ${other}, but this stack belongs to project ${own}`,
          "reference only this project's resources; another project's data is reached only through grants it publishes via the platform",
        );
      }
    });
  },
});
