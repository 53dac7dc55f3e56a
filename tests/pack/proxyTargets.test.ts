import { strict as assert } from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { forEachDeepString } from "../../policy-pack/lib/deepStrings";
import { findSecrets } from "../../policy-pack/lib/secretScan";
import { peek, proxyTarget, UNKNOWN } from "../../policy-pack/lib/values";
import { forEachString } from "../../policy-pack/lib/walk";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the proxy's sentinels are internal exports
const proxy = require("@pulumi/policy/proxy") as { unknownStringValue: string; unknownObjectValue: string };

/** Inputs with values unknown at preview, as the analyzer host hands them to a policy. */
const inputs = () =>
  unknownCheckingProxy({
    name: "project-x-job",
    password: proxy.unknownStringValue,
    tags: { Owner: "team", Secret: proxy.unknownStringValue },
    nested: proxy.unknownObjectValue,
    args: { "--DB_PASSWORD": "Winter2024!Sx" },
  }) as Record<string, unknown>;

describe("walkers read the analyzer proxy's target and treat its sentinels as unknown (lib/values.ts)", () => {
  it("visits the same strings through the proxy's target as reading through the proxy would", () => {
    const seen: string[] = [];
    forEachString(inputs(), (path, text) => seen.push(`${path}=${text}`));
    assert.ok(seen.includes("name=project-x-job"));
    assert.ok(seen.includes("tags.Owner=team"));
    assert.ok(
      !seen.some((s) => s.includes(proxy.unknownStringValue) || s.includes(proxy.unknownObjectValue)),
    );
    const deep: string[] = [];
    forEachDeepString(inputs(), (s) => deep.push(s.path));
    assert.ok(deep.includes("tags.Owner") && !deep.includes("password") && !deep.includes("nested"));
  });

  it("peek reports a sentinel read from a target as unknown, and the target is the proxy's object", () => {
    const p = inputs();
    const target = proxyTarget(p);
    assert.notEqual(target, p);
    assert.equal(
      peek(() => target.password),
      UNKNOWN,
    );
    assert.equal(
      peek(() => p.password),
      UNKNOWN,
    );
    assert.equal(proxyTarget("plain"), "plain");
  });

  it("finds a literal secret and never reports an unknown value as one", () => {
    const found = findSecrets(inputs()).map((f) => f.path);
    assert.deepEqual(found, [".args.--DB_PASSWORD"]);
  });
});
