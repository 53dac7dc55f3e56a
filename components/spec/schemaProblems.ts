/**
 * Maps JSON Schema errors (ajv) to spec problems: the field, why, how to fix, at its line in the YAML.
 * Combinator errors (`if`, `oneOf`, `const`) are left out: the errors of their branches say more.
 */
import type { ErrorObject } from "ajv";
import { Locator, PathSegment, SpecProblem } from "./problems";

function schemaProblem(loc: Locator, e: ErrorObject): SpecProblem | undefined {
  const base: PathSegment[] = e.instancePath
    .split("/")
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, "/").replace(/~0/g, "~")));
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "if":
    case "oneOf":
    case "const":
      return undefined;
    case "required":
      return loc.problem(
        base,
        `required field '${String(p.missingProperty)}' is missing`,
        `add '${String(p.missingProperty)}:' here`,
      );
    case "additionalProperties":
      return loc.problem(
        [...base, String(p.additionalProperty)],
        "is not a field of this object",
        "remove it or fix its spelling (see projects/project.schema.json)",
      );
    case "enum":
      return loc.problem(
        base,
        `must be one of ${(p.allowedValues as unknown[]).join(", ")}`,
        "use one of the listed values",
      );
    case "format":
      return loc.problem(
        base,
        `is not a valid ${String(p.format)}`,
        `write a valid ${String(p.format)}, e.g. team@example.com`,
      );
    case "pattern": {
      const described = (e.parentSchema as { description?: string } | undefined)?.description;
      return loc.problem(
        base,
        `does not match the required pattern ${String(p.pattern)}`,
        described ? `expected: ${described}` : "match the pattern",
      );
    }
    case "type":
      return loc.problem(base, `must be ${String(p.type)}`, `write a ${String(p.type)} value`);
    default:
      return loc.problem(base, e.message ?? "is invalid", "see projects/project.schema.json");
  }
}

/** The problems of a schema validation, one per line, column and reason. */
export function schemaProblems(loc: Locator, errors: readonly ErrorObject[]): SpecProblem[] {
  const problems = errors.map((e) => schemaProblem(loc, e)).filter((p): p is SpecProblem => p !== undefined);
  const seen = new Set<string>();
  return problems.filter(
    (p) => !seen.has(`${p.line}:${p.col}:${p.why}`) && seen.add(`${p.line}:${p.col}:${p.why}`),
  );
}
