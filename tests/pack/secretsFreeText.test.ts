/** Credentials written as text: `key: value` / `key=value` pairs with a password-like word, login
 * pairs `user / password`, and YAML, INI or .env documents inside a string; prose stays clean. */
import { strict as assert } from "assert";
import { freeTextCredential } from "../../policy-pack/lib/freeTextSecrets";
import { findSecrets } from "../../policy-pack/lib/secretScan";

describe("secret scan: credentials in free text", () => {
  it("finds password-like words followed by a chosen password, in every spelling", () => {
    for (const v of [
      "svc account etl pass Winter2024!",
      "db:\n  host: db.internal\n  user: etl\n  pwd: Gl4cier#Blue\n",
      "[warehouse]\npassword = S3cret-Pa55!\n",
      "export DB_PASSWD=Hunter2Hunter!",
      'connection "token": `Zq9!xPlm4Rt`',
    ])
      assert.ok(freeTextCredential(v), v);
  });

  it("finds a user name and password after a login word", () => {
    for (const v of [
      "Warehouse login for reruns: **etl_svc** / **Autumn2025?**",
      "username admin:Correct-H0rse!",
      "user etl_svc/Sp4rk&Glue",
    ])
      assert.ok(freeTextCredential(v), v);
  });

  it("leaves prose, references, placeholders and descriptions of credentials", () => {
    for (const v of [
      "token rotation: daily",
      "Auth: SigV4-signed requests",
      "secret_arn: arn:aws:secretsmanager:eu-west-1:123456789012:secret:etl",
      "password: ${DB_PASSWORD}",
      "the pass rate of Q4-2024 was 98%",
      "user guide: https://wiki.example/glue/runbook",
      "login with SSO, then pass the job role to Glue",
      "token_ttl: 3600",
    ])
      assert.equal(freeTextCredential(v), undefined, v);
  });

  it("is part of the resource-wide scan", () => {
    const found = findSecrets({ tags: { Note: "svc login etl pass Winter2024!" } });
    assert.deepEqual(
      found.map((f) => f.path),
      [".tags.Note"],
    );
  });
});
