/** Every policy stays total on random, partial, malformed and unknown-laden properties (fast-check). */
import { strict as assert } from "assert";
import fc from "fast-check";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy-pack/policies";
import { T } from "../../policy-pack/lib/types";
import { CapturedResource } from "../../tools/runner/runStack";
import { UNKNOWN } from "../../tools/runner/encoding";
import { repositoryStacks } from "../support/offline";
import { runResourcePolicy, runStackPolicy } from "../support/policyHarness";

describe("policy robustness: random, partial, malformed and unknown-laden properties (fast-check)", function () {
  this.timeout(300000);
  const unknownish = fc.oneof(
    fc.constant(UNKNOWN),
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
  );
  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    leaf: unknownish,
    node: fc.oneof(
      { depthSize: "small" },
      tie("leaf"),
      fc.array(tie("node"), { maxLength: 3 }),
      fc.dictionary(
        fc.constantFrom(
          "name",
          "path",
          "policy",
          "rules",
          "tags",
          "Effect",
          "Action",
          "Resource",
          "Statement",
          "x",
        ),
        tie("node"),
        { maxKeys: 4 },
      ),
    ),
  })).node;

  for (const p of policies.filter((x): x is ResourceValidationPolicy => "validateResource" in x)) {
    it(`${p.name} never throws and decides deterministically`, async () => {
      const stacks = await repositoryStacks();
      const types = [
        ...((
          (Array.isArray(p.validateResource)
            ? p.validateResource[0]
            : p.validateResource) as unknown as Record<string, Set<string>>
        ).glueResourceTypes ?? []),
      ];
      const samples = stacks
        .flatMap((s) => s.resources)
        .filter((r) => types.includes(r.type))
        .slice(0, 6);
      const fields = [...new Set(samples.flatMap((r) => Object.keys(r.inputs)))];
      fc.assert(
        fc.property(
          fc.constantFrom(...(types.length ? types : [T.job])),
          fc.option(fc.constantFrom(...(samples.length ? samples : [undefined])), { nil: undefined }),
          fc.dictionary(fc.constantFrom(...(fields.length ? fields : ["name"])), value, { maxKeys: 5 }),
          fc.boolean(),
          (type, sample, overrides, protect) => {
            // What reaches a policy is plain JSON (deserialized from the engine's protobuf Struct).
            const props = JSON.parse(
              JSON.stringify({ ...((sample?.inputs as Record<string, unknown>) ?? {}), ...overrides }),
            ) as Record<string, unknown>;
            const a = runResourcePolicy(p, type, props, { protect });
            const b = runResourcePolicy(p, type, structuredClone(props), { protect });
            assert.equal(a.skippedForUnknown, false, "unknowns are reported, never a silent skip");
            assert.deepEqual(a.violations, b.violations);
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  for (const p of policies.filter((x): x is StackValidationPolicy => "validateStack" in x)) {
    it(`${p.name} (stack) never throws on damaged stacks and decides deterministically`, async () => {
      const base = (await repositoryStacks()).find((s) => s.name === "customer-360-dev")
        ?.resources as CapturedResource[];
      const damageArb = fc.array(
        fc.record({
          i: fc.nat(base.length - 1),
          field: fc.constantFrom(
            "name",
            "workerType",
            "numberOfWorkers",
            "bucket",
            "physicalConnectionRequirements",
            "vpcId",
            "serviceName",
            "rule",
            "outputs",
          ),
          v: value,
        }),
        { maxLength: 6 },
      );
      fc.assert(
        fc.property(damageArb, (damage) => {
          const stack = structuredClone(base);
          for (const d of damage)
            stack[d.i] = { ...stack[d.i], outputs: { ...stack[d.i].outputs, [d.field]: d.v as never } };
          const a = runStackPolicy(p, stack);
          const b = runStackPolicy(p, structuredClone(stack));
          assert.equal(a.skippedForUnknown, false);
          assert.deepEqual(a.violations, b.violations);
        }),
        { numRuns: 60 },
      );
    });
  }
});

/** Single-field mutants of compliant resources, each breaking one mandatory rule. */
