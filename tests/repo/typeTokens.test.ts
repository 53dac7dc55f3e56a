import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import { PLATFORM_STACK_TYPES, PROJECT_STACK_TYPES } from "../../components/resourceTypes";
import { TYPE } from "../../components/typeTokens";
import { AUDITED } from "../../tools/audit/diff";

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
});
