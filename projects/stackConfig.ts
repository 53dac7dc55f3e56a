/** Project stack configuration (`projects/Pulumi.<slug>-<env>.yaml`). */
import { ConfigReader, stackConfigFile } from "../components/stackConfig";
import { ENVIRONMENTS, Environment, PROJECT_PROJECT } from "../components/naming";
import { DEFAULT_PLATFORM_ORG } from "../components/stackConfigKeys";

export interface ProjectStackConfig {
  /** Path of project.yaml, relative to projects/ (the program's working directory). */
  readonly spec: string;
  readonly env: Environment;
  /** Org part of the platform StackReference; "organization" on the self-managed backend. */
  readonly platformOrg: string;
}

export function parseProjectStackConfig(
  raw: (key: string) => string | undefined,
  stack: string,
): ProjectStackConfig {
  const r = new ConfigReader(PROJECT_PROJECT, raw);
  const spec = r.string("spec", {
    required: true,
    pattern: /\.ya?ml$/,
    example: `${stack.replace(/-(dev|prod)$/, "")}/project.yaml`,
  });
  const env = r.string("env", {
    required: true,
    oneOf: ENVIRONMENTS,
    example: stack.split("-").pop() ?? "dev",
  }) as Environment | undefined;
  const platformOrg =
    r.string("platformOrg", { pattern: /^[A-Za-z0-9_.-]+$/, example: DEFAULT_PLATFORM_ORG }) ??
    DEFAULT_PLATFORM_ORG;
  if (env !== undefined && !stack.endsWith(`-${env}`)) {
    r.problems.push(
      `${PROJECT_PROJECT}:env is "${env}" but the stack "${stack}" is not named <slug>-${env}. Fix: name project stacks <slug>-<env>`,
    );
  }
  r.done(stackConfigFile("projects/", stack));
  return { spec: spec as string, env: env as Environment, platformOrg };
}
