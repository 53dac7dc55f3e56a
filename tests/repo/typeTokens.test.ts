import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as aws from "@pulumi/aws";
import { PLATFORM_STACK_TYPES, PROJECT_STACK_TYPES } from "../../components/resourceTypes";
import { TYPE } from "../../components/typeTokens";
import { AUDITED } from "../../tools/audit/diff";
import { REPO_ROOT } from "../../tools/runner/discover";

/** A resource or provider type token written as a string literal. */
const TOKEN_LITERAL =
  /["'`](aws:[a-z0-9]+\/[A-Za-z0-9]+:[A-Za-z0-9]+|pulumi:(pulumi|providers):[A-Za-z0-9]+)["'`]/;
const SOURCE_DIRS = ["components", "tools", "policy-pack", "platform", "projects", "billing"];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name === "bin" ? [] : sourceFiles(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

const KNOWN = new Set<string>(Object.values(TYPE));

describe("resource type tokens: one table (components/typeTokens.ts)", () => {
  it("every aws token is the type of an @pulumi/aws class", () => {
    for (const token of Object.values(TYPE).filter((t) => t.startsWith("aws:"))) {
      const [, mod, member] = /^aws:([A-Za-z0-9]+)\/[A-Za-z0-9]+:([A-Za-z0-9]+)$/.exec(token) ?? [];
      const cls = (aws as unknown as Record<string, Record<string, { __pulumiType?: string }>>)[mod]?.[
        member
      ];
      assert.equal(cls?.__pulumiType, token, `${token} is not an @pulumi/aws resource type`);
    }
  });

  it("the allowlists and the audit name only tokens of the table", () => {
    const named = [
      ...Object.keys(PROJECT_STACK_TYPES),
      ...Object.keys(PLATFORM_STACK_TYPES),
      ...Object.values(PROJECT_STACK_TYPES).flatMap((t) => Object.values(t.refs ?? {}).flat()),
      ...Object.keys(AUDITED),
    ];
    assert.ok(named.length > 40);
    assert.deepEqual(
      named.filter((t) => !KNOWN.has(t)),
      [],
    );
  });

  it("no source outside components/typeTokens.ts writes a token as a literal", () => {
    const own = path.join(REPO_ROOT, "components", "typeTokens.ts");
    const files = SOURCE_DIRS.flatMap((d) => sourceFiles(path.join(REPO_ROOT, d))).filter((f) => f !== own);
    assert.ok(files.length > 100, `only ${files.length} source files found`);
    const literals = files.flatMap((f) =>
      fs
        .readFileSync(f, "utf8")
        .split("\n")
        .flatMap((line, i) => {
          const code = line.trim();
          if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*")) return [];
          return TOKEN_LITERAL.test(code) ? [`${path.relative(REPO_ROOT, f)}:${i + 1}: ${code}`] : [];
        }),
    );
    assert.deepEqual(literals, [], "name resource types through TYPE (components/typeTokens.ts)");
    assert.ok(TOKEN_LITERAL.test(`x === "aws:glue/job:Job"`) && !TOKEN_LITERAL.test(`x === TYPE.job`));
  });
});
