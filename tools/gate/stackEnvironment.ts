/**
 * The environment the Pulumi CLI gives a Node policy pack (docs/pulumi-facts.md): the stack's
 * project, stack and organization names and its configuration as `PULUMI_CONFIG` JSON. The offline
 * gate sets the same variables while it evaluates a stack, so policies that learn the stack's
 * identity from them judge offline exactly as under `pulumi preview --policy-pack`.
 */
export interface StackEnvironment {
  readonly project: string;
  readonly stack: string;
  readonly organization?: string;
  /** Fully qualified stack config (`namespace:key` → string value), as in Pulumi.<stack>.yaml. */
  readonly config: Readonly<Record<string, string>>;
  readonly dryRun?: boolean;
}

/** The variables as the CLI sets them for a Node pack (both PULUMI_NODEJS_* and PULUMI_*). */
export function stackEnvironmentVariables(s: StackEnvironment): Record<string, string> {
  const org = s.organization ?? "organization";
  const dryRun = String(s.dryRun ?? true);
  return {
    PULUMI_CONFIG: JSON.stringify(s.config),
    PULUMI_NODEJS_ORGANIZATION: org,
    PULUMI_NODEJS_PROJECT: s.project,
    PULUMI_NODEJS_STACK: s.stack,
    PULUMI_NODEJS_DRY_RUN: dryRun,
    PULUMI_ORGANIZATION: org,
    PULUMI_PROJECT: s.project,
    PULUMI_STACK: s.stack,
    PULUMI_DRY_RUN: dryRun,
  };
}

/** Runs `fn` with the stack's variables set, restoring the previous environment afterwards. */
export async function withStackEnvironment<T>(s: StackEnvironment, fn: () => Promise<T>): Promise<T> {
  const vars = stackEnvironmentVariables(s);
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
