import { defineResourcePolicy } from "../lib/define";
import { conditionValues, parsePolicyDocument, PolicyDocumentError } from "../lib/iamDoc";
import { projectOfResource } from "../lib/stackProject";
import { T } from "./types";

export const iamGlueRoleTrust = defineResourcePolicy({
  name: "iam-project-role-trust",
  description:
    "Project roles (by name or Project tag) trust only glue.amazonaws.com, pinned to the account with aws:SourceAccount.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    'assumeRolePolicy: one Allow sts:AssumeRole for Service glue.amazonaws.com with Condition StringEquals {"aws:SourceAccount": "<account>"}.',
  types: [T.role],
  validate(ctx) {
    // A project role by its name, or by its Project tag when it is named otherwise (every resource of a
    // project stack carries Project=project-{uuid}, required-tags).
    if (!projectOfResource(ctx.props)) return;
    let statements;
    try {
      statements = parsePolicyDocument(ctx.props.assumeRolePolicy);
    } catch (e) {
      if (e instanceof PolicyDocumentError)
        return ctx.report(`assumeRolePolicy ${e.message}`, "write a valid trust policy");
      throw e;
    }
    const allows = statements.filter((s) => s.effect === "Allow");
    if (allows.length === 0) ctx.report("has no trust statement", "trust glue.amazonaws.com");
    for (const s of allows) {
      const p = s.principals;
      const services = p && p !== "*" ? (p.Service ?? []) : [];
      const others =
        p === "*"
          ? ["*"]
          : Object.entries(p ?? {})
              .filter(([k]) => k !== "Service")
              .flatMap(([k, v]) => v.map((x) => `${k}:${x}`));
      if (
        others.length > 0 ||
        services.some((svc) => svc !== "glue.amazonaws.com") ||
        services.length === 0
      ) {
        ctx.report(
          `trusts ${p === "*" ? "everyone" : JSON.stringify(p)}`,
          "trust only the service principal glue.amazonaws.com",
        );
      }
      if (!conditionValues(s, /^StringEquals$/i, "aws:SourceAccount"))
        ctx.report(
          "trusts Glue without an aws:SourceAccount condition (confused deputy)",
          'add Condition StringEquals {"aws:SourceAccount": "<account id>"}',
        );
    }
  },
});
