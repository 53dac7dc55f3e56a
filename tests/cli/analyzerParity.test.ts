import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { policies, PACK_ENFORCEMENT_LEVEL } from "../../policy-pack/policies";
import { effectivePolicyConfig, readPolicyConfigFile } from "../../tools/gate/policyConfig";
import { AT_UPDATE_PREFIX, CheckedStack, runOfflineCheck } from "../../tools/gate/offlineCheck";
import { Violation } from "../../tools/gate/evaluate";
import { REPO_ROOT } from "../../tools/runner/discover";
import { repositoryStacks } from "../support/offline";
import { emptyPb, StartedPack, startPolicyPack } from "../../tools/cliHost/packHost";
import {
  analyzeRequest,
  analyzeStackRequest,
  providersOf,
  configureRequest,
  diagnostics,
} from "../../tools/cliHost/analyzerRequests";

const CORPUS = path.join(__dirname, "..", "fixtures", "noncompliant");
/** The project the corpus programs belong to (their glue-project:spec). */
const PROGRAM_SPEC = path.join(__dirname, "..", "fixtures", "project", "project.yaml");
const key = (v: Violation) => `${v.urn ?? ""} | ${v.policy} | ${v.level} | ${v.message}`;

/** Every diagnostic the real analyzer host gives for a stack: Analyze per resource, then AnalyzeStack. */
async function analyzeThroughPack(pack: StartedPack, s: CheckedStack): Promise<Violation[]> {
  const id = { stack: s.name, project: s.project, region: "eu-west-1", config: s.config };
  const providerOf = providersOf(s.resources, id);
  const out: Violation[] = [];
  for (const r of s.resources.filter((x) => !x.read))
    out.push(...diagnostics(await pack.call("analyze", analyzeRequest(r, providerOf(r))), r.urn));
  out.push(...diagnostics(await pack.call("analyzeStack", analyzeStackRequest(s.resources, id))));
  return out;
}

/**
 * The CLI starts the pack once per stack operation, with that stack's project, name and config in
 * its environment (docs/pulumi-facts.md). Packs are started per distinct project and config (the
 * stack name only labels the run) and configured with the env's policy config.
 */
class PackPerStack {
  private readonly packs = new Map<string, Promise<StartedPack>>();
  constructor(private readonly env: string) {}

  for(s: CheckedStack): Promise<StartedPack> {
    const key = JSON.stringify([s.project, s.config]);
    let p = this.packs.get(key);
    if (!p) {
      p = (async () => {
        const pack = await startPolicyPack({
          packDir: path.join(REPO_ROOT, "policy-pack"),
          project: s.project,
          stack: s.name,
          config: { ...s.config },
        });
        await pack.call("configure", configureRequest(envConfig(this.env)));
        return pack;
      })();
      this.packs.set(key, p);
    }
    return p;
  }

  async stopAll(): Promise<void> {
    for (const p of this.packs.values()) await (await p).stop();
  }
}

function envConfig(env: string) {
  return effectivePolicyConfig(
    policies,
    readPolicyConfigFile(path.join(REPO_ROOT, "policy-pack", "config", `${env}.json`)),
    PACK_ENFORCEMENT_LEVEL,
  );
}

for (const env of ["dev", "prod"]) {
  describe(`policy pack parity through the CLI's analyzer host (${env})`, function () {
    this.timeout(300000);
    let pack: StartedPack;
    const perStack = new PackPerStack(env);
    before(async () => {
      pack = await startPolicyPack({
        packDir: path.join(REPO_ROOT, "policy-pack"),
        project: "glue-project",
        stack: `parity-${env}`,
      });
      await pack.call("configure", configureRequest(envConfig(env)));
    });
    after(async () => {
      await pack?.stop();
      await perStack.stopAll();
    });

    it("GetAnalyzerInfo lists every policy with its enforcement level and config schema", async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated protobuf message
      const info: any = await pack.call("getAnalyzerInfo", new emptyPb.Empty());
      assert.equal(info.getName(), "glue-platform-guardrails");
      assert.equal(
        info.getVersion(),
        JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policy-pack", "package.json"), "utf8")).version,
      );
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated protobuf message
      const listed = new Map<string, any>(info.getPoliciesList().map((p: any) => [p.getName(), p]));
      assert.deepEqual([...listed.keys()].sort(), policies.map((p) => p.name).sort());
      for (const p of policies) {
        const l = listed.get(p.name);
        assert.equal(
          ["advisory", "mandatory", "disabled", "remediate"][l.getEnforcementlevel()],
          p.enforcementLevel,
          p.name,
        );
        const schema = l.getConfigschema()?.getProperties()?.toJavaScript() ?? {};
        assert.deepEqual(
          Object.keys(schema).sort(),
          Object.keys(p.configSchema?.properties ?? {}).sort(),
          p.name,
        );
      }
    });

    it("reproduces every decision of the offline gate on every sample stack, resource by resource", async () => {
      const stacks = (await repositoryStacks()).filter((s) => s.env === env);
      assert.ok(stacks.length >= 3);
      for (const s of stacks) {
        const viaPack = (await analyzeThroughPack(await perStack.for(s), s)).map(key).sort();
        assert.deepEqual(viaPack, s.violations.map(key).sort(), s.name);
      }
    });

    if (env === "dev") {
      it("reproduces every decision on the noncompliant corpus, unknowns included", async () => {
        const files = fs
          .readdirSync(CORPUS)
          .filter((f) => f.endsWith(".ts") && f !== "common.ts")
          .map((f) => path.join(CORPUS, f));
        const stacks = await runOfflineCheck({
          envs: ["dev"],
          programs: files,
          programSpec: PROGRAM_SPEC,
          onlyExtra: true,
        });
        let mandatory = 0;
        for (const s of stacks) {
          const viaPack = (await analyzeThroughPack(await perStack.for(s), s)).map(key).sort();
          // The host judges the preview; the gate's second pass at `pulumi up` is its own.
          const atPreview = s.violations.filter((v) => !v.detail.startsWith(AT_UPDATE_PREFIX));
          assert.deepEqual(viaPack, atPreview.map(key).sort(), s.name);
          mandatory += s.violations.filter((v) => v.level === "mandatory").length;
        }
        assert.ok(mandatory >= files.length, "the corpus produced mandatory decisions to compare");
      });
    }
  });
}
