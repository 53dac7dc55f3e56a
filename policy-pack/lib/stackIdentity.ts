/**
 * The stack a policy judges, learned from the stack itself rather than from any resource's name.
 *
 * The Pulumi CLI starts a Node policy pack with the stack's identity and configuration in its
 * environment: `PULUMI_NODEJS_PROJECT`, `PULUMI_NODEJS_STACK`, `PULUMI_NODEJS_ORGANIZATION` and
 * `PULUMI_CONFIG` (the stack config as JSON, fully qualified `namespace:key` → string), see
 * docs/pulumi-facts.md. The offline gate sets exactly these variables while it evaluates a stack.
 *
 * A project stack's identity is the `projectId` of the spec its stack config names
 * (`glue-project:spec`, relative to the project program folder `projects/`). Anything that cannot be
 * learned is an `unknown` identity with the reason: rules that need it fail closed.
 */
import * as fs from "fs";
import * as path from "path";
import { parseYamlOnce } from "../../components/yamlOnce";
import { ENVIRONMENTS, PLATFORM_PROJECT, PROJECT_PROJECT, UUID_V4 } from "../../components/naming";
import { STACK_CONFIG_KEYS } from "../../components/stackConfigKeys";

export type StackIdentity =
  | { readonly kind: "platform"; readonly stack: string }
  | {
      readonly kind: "project";
      readonly stack: string;
      readonly projectId: string;
      readonly slug: string;
      readonly spec: string;
      /** `glue-project:env` of the stack config (names of per-env resources carry it). */
      readonly env: string;
      /** The spec's notificationEmails: the only addresses the project's notifications may go to. */
      readonly notificationEmails: readonly string[];
      /** The spec's monthly budget for this env in USD, if the spec states one. */
      readonly monthlyBudgetUsd?: number;
      /** The spec's owner and notification addresses (where the project's notifications may go). */
      readonly emails: readonly string[];
      /** The spec's `owner` and `costCenter`, verbatim: the values of the Owner/CostCenter tags. */
      readonly owner: string;
      readonly costCenter: string;
      /** The spec's own (stricter) numeric `limits`, e.g. maxWorkersPerJob. */
      readonly limits: Readonly<Record<string, number>>;
    }
  | { readonly kind: "unknown"; readonly stack?: string; readonly problem: string; readonly fix: string };

/** The stack config key that names a project stack's spec (set by onboarding, see README). */
export const SPEC_CONFIG_KEY = STACK_CONFIG_KEYS.projectSpec;
export const ENV_CONFIG_KEY = `${PROJECT_PROJECT}:env`;

/** The folder that holds `projects/Pulumi.yaml`, searched upwards from this module (source or
 * compiled `policy-pack/bin/…`), so spec paths resolve as the project program resolves them. */
export function projectProgramDir(): string | undefined {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, "projects");
    if (fs.existsSync(path.join(candidate, "Pulumi.yaml"))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const unknown = (problem: string, fix: string, stack?: string): StackIdentity => ({
  kind: "unknown",
  stack,
  problem,
  fix,
});

function projectIdentity(stack: string, config: Record<string, unknown>): StackIdentity {
  const spec = config[SPEC_CONFIG_KEY];
  if (typeof spec !== "string" || spec === "")
    return unknown(
      `the stack config has no ${SPEC_CONFIG_KEY}, so the project this stack belongs to is unknown`,
      `set ${SPEC_CONFIG_KEY}: <slug>/project.yaml in projects/Pulumi.${stack}.yaml (npm run onboard writes it)`,
      stack,
    );
  const base = projectProgramDir();
  const file = path.isAbsolute(spec) ? spec : base ? path.join(base, spec) : undefined;
  let parsed: unknown;
  try {
    if (!file) throw new Error("the projects/ folder was not found next to the policy pack");
    parsed = parseYamlOnce(fs.readFileSync(file, "utf8"));
  } catch (e) {
    return unknown(
      `the project spec ${spec} named by ${SPEC_CONFIG_KEY} cannot be read (${(e as Error).message})`,
      `point ${SPEC_CONFIG_KEY} at the project's project.yaml, relative to projects/`,
      stack,
    );
  }
  const doc = (parsed ?? {}) as {
    projectId?: unknown;
    slug?: unknown;
    owner?: unknown;
    costCenter?: unknown;
    limits?: unknown;
    notificationEmails?: unknown;
    monthlyBudgetUsd?: unknown;
  };
  if (typeof doc.projectId !== "string" || !UUID_V4.test(doc.projectId))
    return unknown(
      `the project spec ${spec} has no valid projectId`,
      "give the spec its lowercase UUID v4 projectId (npm run onboard writes it)",
      stack,
    );
  const env = config[ENV_CONFIG_KEY];
  if (typeof env !== "string" || !(ENVIRONMENTS as readonly string[]).includes(env))
    return unknown(
      `the stack config's ${ENV_CONFIG_KEY} is ${JSON.stringify(env)}, not one of ${ENVIRONMENTS.join(", ")}`,
      `set ${ENV_CONFIG_KEY} in projects/Pulumi.${stack}.yaml`,
      stack,
    );
  const budget =
    typeof doc.monthlyBudgetUsd === "number"
      ? doc.monthlyBudgetUsd
      : (doc.monthlyBudgetUsd as Record<string, unknown> | undefined)?.[env];
  const emails = [doc.owner, ...(Array.isArray(doc.notificationEmails) ? doc.notificationEmails : [])];
  return {
    kind: "project",
    stack,
    projectId: doc.projectId,
    slug: typeof doc.slug === "string" ? doc.slug : "",
    spec,
    env,
    notificationEmails: Array.isArray(doc.notificationEmails)
      ? doc.notificationEmails.filter((e): e is string => typeof e === "string")
      : [],
    ...(typeof budget === "number" ? { monthlyBudgetUsd: budget } : {}),
    emails: emails.filter((e): e is string => typeof e === "string").map((e) => e.toLowerCase()),
    owner: typeof doc.owner === "string" ? doc.owner : "",
    costCenter: typeof doc.costCenter === "string" ? doc.costCenter : "",
    limits: numericEntries(doc.limits),
  };
}

/** The numeric entries of a spec's `limits` object (anything else is the spec validator's to refuse). */
function numericEntries(v: unknown): Record<string, number> {
  if (!v || typeof v !== "object" || Array.isArray(v)) return {};
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>).filter(
      (e): e is [string, number] => typeof e[1] === "number" && Number.isFinite(e[1]),
    ),
  );
}

function learn(project: string | undefined, stack: string | undefined, configJson: string | undefined) {
  if (!project || !stack)
    return unknown(
      "the policy pack was not told which stack it judges",
      "run the pack through pulumi preview/up --policy-pack or npm run check, which pass the stack's identity",
    );
  let config: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(configJson || "{}");
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      config = parsed as Record<string, unknown>;
    else throw new Error("not an object");
  } catch (e) {
    return unknown(
      `the stack configuration handed to the pack is not readable (${(e as Error).message})`,
      "fix the stack's Pulumi.<stack>.yaml",
      stack,
    );
  }
  if (project === PLATFORM_PROJECT) return { kind: "platform", stack } as const;
  if (project === PROJECT_PROJECT) return projectIdentity(stack, config);
  return unknown(
    `the stack belongs to Pulumi project "${project}", which is neither ${PLATFORM_PROJECT} nor ${PROJECT_PROJECT}`,
    `deploy platform resources from the repository root (${PLATFORM_PROJECT}) and project resources from projects/ (${PROJECT_PROJECT})`,
    stack,
  );
}

let memo: { key: string; identity: StackIdentity } | undefined;

/** The identity of the stack being judged, from the environment the CLI (or the gate) set. */
export function stackIdentity(env: NodeJS.ProcessEnv = process.env): StackIdentity {
  const project = env.PULUMI_NODEJS_PROJECT ?? env.PULUMI_PROJECT;
  const stack = env.PULUMI_NODEJS_STACK ?? env.PULUMI_STACK;
  const config = env.PULUMI_CONFIG;
  const key = JSON.stringify([project, stack, config]);
  if (memo?.key !== key) memo = { key, identity: learn(project, stack, config) };
  return memo.identity;
}
