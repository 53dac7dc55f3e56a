import { defineStackPolicy } from "../lib/define";
import { projectIdOfName, projectNamesOf } from "../lib/project";
import { peek, str, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

const ROLE_FIELDS: Record<string, { field: string; expected: (owner: string) => string }> = {
  [T.job]: { field: "roleArn", expected: (o) => projectNamesOf(o).jobRole() },
  [T.crawler]: { field: "role", expected: (o) => projectNamesOf(o).crawlerRole() },
};

/**
 * Idiomatic `roleArn: jobRole.arn`: a Role of the same stack has an ARN unknown at preview, but its
 * name is known; the job (crawler) is judged through the property dependency on that Role, as the
 * connection placement rule judges security groups. An unknown role with no such dependency fails.
 */
export const glueRoleByDependency = defineStackPolicy({
  name: "glue-role-by-dependency",
  description:
    "A job or crawler whose role is another resource's output (role.arn) runs as its project's job (crawler) role, judged by that Role resource's name.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Pass the arn of the project's job role (crawler role) Role resource, or its literal ARN built with the naming module.",
  validate(ctx) {
    for (const r of ctx.resources) {
      const spec = ROLE_FIELDS[r.type];
      if (!spec || peek(() => r.props[spec.field]) !== UNKNOWN) continue;
      const owner = projectIdOfName(str(peek(() => r.props.name)));
      if (!owner) continue;
      const roles = (r.propertyDependencies[spec.field] ?? []).filter((d) => d.type === T.role);
      const expected = spec.expected(owner);
      if (roles.length !== 1) {
        ctx.report(
          r,
          `${spec.field} can't be known during preview and does not come from one Role of this stack`,
          `pass the arn of the Role resource named ${expected}`,
        );
        continue;
      }
      const name = str(peek(() => roles[0].props.name)) ?? "(unknown)";
      if (name !== expected) ctx.report(r, `runs as role "${name}"`, `use the role ${expected}`);
    }
  },
});
