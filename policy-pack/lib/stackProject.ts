/** The project a stack builds, as far as its resources tell: the one project id its resources' names
 * carry (components/naming), or undefined when they name none or several. */
import { PolicyResource } from "@pulumi/policy";
import { projectIdOfName } from "./project";
import { peek, str, tagsOf } from "./values";

export function stackProjectOf(resources: readonly PolicyResource[]): string | undefined {
  const ids = new Set<string>();
  for (const r of resources) {
    const id = projectIdOfName(str(peek(() => r.props.name)) ?? str(peek(() => r.props.bucket)) ?? r.name);
    if (id) ids.add(id);
  }
  return ids.size === 1 ? [...ids][0] : undefined;
}

/** The project a resource belongs to by its name or, when named otherwise, by its Project tag
 * (`project-{uuid}`, required on every project resource). */
export function projectOfResource(props: Record<string, unknown>): string | undefined {
  const byName = projectIdOfName(str(peek(() => props.name)));
  if (byName) return byName;
  const tag = str(peek(() => tagsOf(props).Project));
  return tag ? projectIdOfName(`${tag}-`) : undefined;
}
