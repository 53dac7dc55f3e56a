/** Platform facts reach policies through generated policy config, never through a read resource. */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy-pack/policies";
import { discoverStacks } from "../../tools/runner/discover";
import {
  factsFromOutputs,
  offlinePlatformOutputs,
  policyConfigFile,
  policyConfigText,
  withFacts,
} from "../../tools/gate/platformFacts";
import { main as policyConfig } from "../../tools/policyConfig";
import { runStackPolicy } from "../support/policyHarness";
import { repositoryStacks } from "../support/offline";

const PLACEMENT = policies.find(
  (p) => p.name === "glue-connection-project-sg-and-platform-subnet",
) as StackValidationPolicy;
const platformEnvs = discoverStacks()
  .filter((t) => t.kind === "platform")
  .map((t) => t.env);

describe("platform facts in the policy config", () => {
  for (const env of platformEnvs) {
    it(`policy-pack/config/${env}.json holds the current platform facts (npm run policy-config -- --env ${env})`, async () => {
      const facts = factsFromOutputs(await offlinePlatformOutputs(env));
      assert.equal(
        fs.readFileSync(policyConfigFile(env), "utf8"),
        await policyConfigText(env, policies, facts),
        `run npm run policy-config -- --env ${env}`,
      );
    });
  }

  it("writes each fact into every policy that declares it, keeping levels and other settings", () => {
    const out = withFacts(
      { "glue-connection-project-sg-and-platform-subnet": "advisory", "prod-data-protected": "disabled" },
      policies,
      { privateSubnetIds: ["subnet-1"], vpcId: "vpc-1" },
    );
    assert.deepEqual(out["glue-connection-project-sg-and-platform-subnet"], {
      enforcementLevel: "advisory",
      privateSubnetIds: ["subnet-1"],
    });
    assert.equal(out["prod-data-protected"], "disabled");
  });

  it("refuses stack outputs that lack a fact, naming it, and writes nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "facts-"));
    const file = path.join(dir, "outputs.json");
    fs.writeFileSync(file, JSON.stringify({ vpcId: "vpc-1" }));
    const before = fs.readFileSync(policyConfigFile("dev"), "utf8");
    const [err] = [console.error];
    const lines: string[] = [];
    console.error = (...a: unknown[]) => lines.push(a.join(" "));
    try {
      assert.equal(await policyConfig(["--env", "dev", "--from-stack-output", file]), 2);
    } finally {
      console.error = err;
    }
    assert.match(lines.join("\n"), /privateSubnetIds/);
    assert.equal(fs.readFileSync(policyConfigFile("dev"), "utf8"), before);
  });

  it("the connection rule fails closed without the subnet fact and judges the subnet with it", async () => {
    const s = (await repositoryStacks()).find((x) => x.kind === "project" && x.env === "dev");
    if (!s) throw new Error("no dev project stack");
    const none = runStackPolicy(PLACEMENT, s.resources, { privateSubnetIds: [] });
    assert.ok(none.violations.some((v) => /subnet ids are missing from the policy config/.test(v)));
    const foreign = runStackPolicy(PLACEMENT, s.resources, { privateSubnetIds: ["subnet-elsewhere"] });
    assert.ok(
      foreign.violations.some((v) => /not a platform private subnet/.test(v)),
      JSON.stringify(foreign),
    );
    const facts = factsFromOutputs(await offlinePlatformOutputs("dev"));
    assert.deepEqual(runStackPolicy(PLACEMENT, s.resources, facts).violations, []);
  });
});
