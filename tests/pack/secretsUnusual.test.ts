/** Secrets in unusual places and formats: map keys, command-line basic auth, single-case random
 * tokens (base32, lower-case alphanumeric), a credential named in prose; and the ids, hashes and
 * references that must stay clean. */
import { strict as assert } from "assert";
import { secretIn } from "../../policy-pack/lib/secrets";
import { findSecrets } from "../../policy-pack/lib/secretScan";

describe("secret scan: unusual places and formats", () => {
  it("judges map keys like values", () => {
    const found = findSecrets({ tags: { Project: "p", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE": "aws" } });
    assert.deepEqual(
      found.map((f) => f.path),
      [".tags.wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE"],
    );
    assert.deepEqual(findSecrets({ tags: { AKIAIOSFODNN7EXAMPLE: "x" } }).length, 1);
  });

  it("finds basic auth on a command line", () => {
    for (const v of [
      "curl -u svc_glue:Tr0ub4dor-and-3 https://partner.example/api",
      "curl --user=ops:pa55word https://x.example",
      "wget --password=hunter2 https://x.example/file",
    ])
      assert.ok(secretIn(v), v);
    for (const v of ["sort -u orders.csv", "curl -u ops https://x.example"])
      assert.equal(secretIn(v), undefined, v);
  });

  it("finds single-case random tokens and leaves words, ids and hashes", () => {
    for (const v of [
      "JBSWY3DPEHPK3PXPKZXW4Y3BNRSGK43U",
      "HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ",
      "q8v2m9x4t7z1p6wq3n5k0r7y2u4e",
    ])
      assert.ok(secretIn(v), v);
    for (const v of [
      "glue5x1xlarge2workers",
      "3f2a9c7d1b4e5f60718293a4b5c6d7e8f9012345",
      "subnet-0123456789abcdef0",
      "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
      "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
      "project-7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6-job-orders2024",
    ])
      assert.equal(secretIn(v), undefined, v);
  });

  it("finds a credential named in text with its value, not a reference or an ordinary sentence", () => {
    assert.ok(secretIn("push with heroku token 5e0c9c72-9f1d-4c43-a6b1-0f3f8a1d2e77"));
    assert.ok(secretIn("the api key is Zx81kq0Lw3uT5vYp"));
    for (const v of [
      "reads secret project-7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6/warehouse",
      "token rotation for every job of 2024",
      "secret arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-AbC123",
      "project 7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6 run 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
    ])
      assert.equal(secretIn(v), undefined, v);
  });
});
