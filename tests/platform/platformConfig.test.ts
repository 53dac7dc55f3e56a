import { strict as assert } from "assert";
import { CONTRACT_KEYS, CONTRACT_SCHEMA, checkContractValue } from "../../components/contract";
import { parsePlatformConfig } from "../../platform/config";
import { PLATFORM_PROJECT } from "../../components/naming";
import { StackConfigError } from "../../components/stackConfig";
import { runStack } from "../../tools/runner/runStack";
import { platformRun } from "../support/platformRun";

describe("platform stack config", () => {
  const raw = (values: Record<string, string>) => (k: string) => values[`${PLATFORM_PROJECT}:${k}`];

  it("applies per-env defaults", () => {
    const dev = parsePlatformConfig(raw({ "glue-platform:env": "dev" }), "dev");
    assert.deepEqual(
      [dev.azCount, dev.logRetentionDays, dev.keyDeletionWindowDays, dev.protectData, dev.cloudTrailEnabled],
      [2, 30, 7, false, false],
    );
    const prod = parsePlatformConfig(raw({ "glue-platform:env": "prod" }), "prod");
    assert.deepEqual(
      [
        prod.azCount,
        prod.logRetentionDays,
        prod.keyDeletionWindowDays,
        prod.protectData,
        prod.cloudTrailEnabled,
      ],
      [3, 365, 30, true, true],
    );
  });

  const cases: [string, Record<string, string>, string, RegExp][] = [
    ["missing env", {}, "dev", /glue-platform:env is missing\. Fix: pulumi config set glue-platform:env dev/],
    [
      "unknown env",
      { "glue-platform:env": "qa" },
      "qa",
      /glue-platform:env is "qa" but must be one of dev, prod/,
    ],
    [
      "azCount not a number",
      { "glue-platform:env": "dev", "glue-platform:azCount": "two" },
      "dev",
      /glue-platform:azCount is "two" but must be a whole number/,
    ],
    [
      "one AZ",
      { "glue-platform:env": "dev", "glue-platform:azCount": "1" },
      "dev",
      /glue-platform:azCount is 1 but must be between 2 and 6/,
    ],
    [
      "bad CIDR",
      { "glue-platform:env": "dev", "glue-platform:vpcCidr": "10.0.0.0/8" },
      "dev",
      /glue-platform:vpcCidr is "10.0.0.0\/8", which does not match/,
    ],
    [
      "retention CloudWatch rejects",
      { "glue-platform:env": "dev", "glue-platform:logRetentionDays": "31" },
      "dev",
      /logRetentionDays is 31 but must be one of 1, 3, 5/,
    ],
    [
      "short prod deletion window",
      { "glue-platform:env": "prod", "glue-platform:keyDeletionWindowDays": "7" },
      "prod",
      /prod keys keep the 30-day deletion window/,
    ],
    [
      "unprotected prod",
      { "glue-platform:env": "prod", "glue-platform:protectData": "false" },
      "prod",
      /protectData cannot be false in prod/,
    ],
    [
      "bad boolean",
      { "glue-platform:env": "dev", "glue-platform:cloudTrailEnabled": "yes" },
      "dev",
      /cloudTrailEnabled is "yes" but must be true or false/,
    ],
    [
      "bad transitions",
      {
        "glue-platform:env": "dev",
        "glue-platform:bronzeTransitions": '[{"days":0,"storageClass":"GLACIER"}]',
      },
      "dev",
      /bronzeTransitions entry 0 days must be a whole number/,
    ],
    [
      "env differs from stack",
      { "glue-platform:env": "prod" },
      "dev",
      /env is "prod" but the stack is "dev"/,
    ],
  ];
  for (const [what, values, stack, message] of cases) {
    it(`rejects ${what} naming the file and key`, () => {
      assert.throws(
        () => parsePlatformConfig(raw(values), stack),
        (e: unknown) =>
          e instanceof StackConfigError &&
          e.message.startsWith(`Pulumi.${stack}.yaml: invalid stack configuration`) &&
          message.test(e.message),
      );
    });
  }

  it("reports every problem at once and registers nothing", async () => {
    const run = await runStack({
      ...platformRun("dev"),
      config: {
        "aws:region": "eu-west-1",
        "glue-platform:env": "dev",
        "glue-platform:azCount": "9",
        "glue-platform:vpcCidr": "nope",
      },
      preview: true,
    });
    assert.ok(run.error instanceof StackConfigError);
    assert.equal(run.error.problems.length, 2);
    assert.deepEqual(
      run.resources.map((r) => r.type),
      ["pulumi:pulumi:Stack"],
    );
  });

  it("contract schema covers every key", () => {
    assert.equal(Object.keys(CONTRACT_SCHEMA).length, CONTRACT_KEYS.length);
    assert.match(
      checkContractValue("organization/glue-platform/dev", "vpcId", undefined) ?? "",
      /platform stack 'organization\/glue-platform\/dev' has no output 'vpcId'\. Deploy the platform first/,
    );
  });
});
