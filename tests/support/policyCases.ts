/**
 * Shared table machinery of the policy tests (tests/pack/*Policies.test.ts): the sample project's
 * identity, property mutators, a resource case (a policy, the compliant resource our components
 * register, how to break it, which value to make unknown) and the describe block that runs a table.
 */
import { strict as assert } from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { PACK_ENFORCEMENT_LEVEL, policies } from "../../policy-pack/policies";
import { effectivePolicyConfig, readPolicyConfigFile } from "../../tools/gate/policyConfig";
import { policyConfigFile } from "../../tools/gate/platformFacts";
import { CapturedResource } from "../../tools/runner/runStack";
import { inputs, one, stackNamed } from "./offline";
import { runResourcePolicy, UNKNOWN, withValue } from "./policyHarness";

export type Props = Record<string, unknown>;
export type Path = (string | number)[];

/** A policy's settings from the committed policy config of an env (as the CLI would pass them). */
export function policyConfigOf(env: string, policy: string): object {
  const cfg = effectivePolicyConfig(
    policies,
    readPolicyConfigFile(policyConfigFile(env)),
    PACK_ENFORCEMENT_LEVEL,
  );
  return cfg.get(policy)?.properties ?? {};
}

export const byName = (name: string) => {
  const p = policies.find((x) => x.name === name);
  if (!p) throw new Error(`no policy ${name}`);
  return p;
};
export const PROJECT = "customer-360-dev";
export const ID = "bf149e7b-407b-4ac4-bfe4-f21f45a48061";
export const P = `project-${ID}`;
export const OTHER = "project-418680bb-15bd-4c13-8631-06fc5aa17c32";
export const set = (path: Path, v: unknown) => (p: Props) => withValue(p, path, v);
export const json =
  (f: (doc: { Statement: Props[] }) => void, field = "policy") =>
  (p: Props) => {
    const doc = JSON.parse(String(p[field])) as { Statement: Props[] };
    f(doc);
    return { ...p, [field]: JSON.stringify(doc) };
  };

export interface ResourceCase {
  readonly policy: string;
  readonly type: string;
  readonly from: { stack: string; env: string; type?: string; name?: string };
  readonly fails: [string, (p: Props) => Props, RegExp][];
  readonly unknown: Path;
  readonly config?: object;
  readonly protect?: boolean;
}

/** The sample project's job and crawler the Glue cases start from. */
export const JOB = { stack: PROJECT, env: "dev", name: "raw-to-silver" };
export const CRAWLER = { stack: PROJECT, env: "dev", name: "raw-customers" };

export async function baseProps(c: ResourceCase): Promise<{ props: Props; resource: CapturedResource }> {
  const s = await stackNamed(c.from.stack, c.from.env);
  const candidates = s.resources.filter(
    (r) => r.type === (c.from.type ?? c.type) && (c.from.name === undefined || r.name === c.from.name),
  );
  const resource = candidates[0] ?? one(s, c.from.type ?? c.type, c.from.name);
  return { props: structuredClone(inputs(resource)), resource };
}

/** Runs a table of resource cases: each passes our compliant resource, blocks every breakage with a
 * message that says how to fix it, and reports (never skips) its unknown value. */
export function describeResourceCases(cases: readonly ResourceCase[]): void {
  for (const c of cases) {
    const policy = byName(c.policy) as ResourceValidationPolicy;
    describe(`${c.policy} on ${c.type.split(":").pop()}`, () => {
      it("passes the compliant resource our components register", async () => {
        const { props } = await baseProps(c);
        const r = runResourcePolicy(policy, c.type, props, { config: c.config, protect: c.protect });
        assert.deepEqual(r.violations, []);
        assert.equal(r.skippedForUnknown, false);
      });
      for (const [what, mutate, expected] of c.fails) {
        it(`blocks ${what}`, async () => {
          const { props } = await baseProps(c);
          const r = runResourcePolicy(policy, c.type, mutate(props), {
            config: c.config,
            protect: c.protect,
          });
          assert.ok(
            r.violations.some((v) => expected.test(v)),
            `expected ${expected} in ${JSON.stringify(r.violations)}`,
          );
          assert.ok(
            r.violations.every((v) => / Fix: /.test(v)),
            "every message says how to fix it",
          );
        });
      }
      if (c.unknown.length > 0) {
        it(`reports (never silently skips) an unknown ${c.unknown.join(".")}`, async () => {
          const { props } = await baseProps(c);
          const r = runResourcePolicy(policy, c.type, withValue(props, c.unknown, UNKNOWN), {
            config: c.config,
            protect: c.protect,
          });
          assert.equal(r.skippedForUnknown, false);
          assert.ok(
            r.violations.some((v) =>
              /can't be known during preview, so this rule cannot verify it\. Fix: make it known at preview/.test(
                v,
              ),
            ),
            JSON.stringify(r.violations),
          );
        });
      }
    });
  }
}
