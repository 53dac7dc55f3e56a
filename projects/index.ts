/**
 * Project stack program (`projects/Pulumi.yaml` main): one data project in one environment. It
 * validates the spec, reads the platform through the typed contract, plans everything, then
 * registers it. A spec or contract problem throws before any resource is registered.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { platformStackName, resolvePlatformContract } from "../components/contract";
import { PROJECT_PROJECT } from "../components/naming";
import { planProject } from "../components/project/plan";
import { registerProject } from "../components/project/register";
import { knownProjectIds, loadProjectSpec } from "../components/spec/validate";
import { parseProjectStackConfig } from "./stackConfig";

async function main() {
  const cfg = new pulumi.Config(PROJECT_PROJECT);
  const stackConfig = parseProjectStackConfig((k) => cfg.get(k), pulumi.getStack());
  const specFile = path.resolve(stackConfig.spec);
  const loaded = loadProjectSpec(specFile, {
    env: stackConfig.env,
    // Ids of every spec this repository's project stacks use, wherever the files live.
    otherProjects: knownProjectIds(__dirname, specFile),
  });
  if (!pulumi.getStack().startsWith(`${loaded.spec.slug}-`)) {
    throw new Error(
      `stack "${pulumi.getStack()}" deploys spec ${stackConfig.spec} of project "${loaded.spec.slug}"; name it ${loaded.spec.slug}-${stackConfig.env}`,
    );
  }
  const platformStack = platformStackName(stackConfig.platformOrg, stackConfig.env);
  const ref = new pulumi.StackReference("platform", { name: platformStack });
  const platform = await resolvePlatformContract(ref, platformStack);
  const plan = planProject(loaded, platform, stackConfig.env);
  return registerProject(plan);
}

export = main;
