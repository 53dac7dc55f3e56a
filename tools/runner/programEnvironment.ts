/**
 * The process a program sees while the offline check runs it: as close to a `pulumi preview` run as
 * one shared process allows, and without credentials.
 *
 * - **No credentials.** Cloud credentials, the variables that locate them (profiles, shared
 *   config/credential files, web-identity token files, container credential endpoints) and CI token
 *   endpoints (GitHub's OIDC `ACTIONS_ID_TOKEN_REQUEST_*`, which a program could trade for an AWS
 *   role) are removed; the AWS SDKs' shared files point at `/dev/null` and the EC2 instance metadata
 *   service is disabled (`AWS_EC2_METADATA_DISABLED`), so an AWS SDK call made by a program under the
 *   check fails instead of acting (docs/aws-facts.md "Credentials a program can find").
 * - **The CLI's variables, not npm's.** `npm run check` adds `npm_*` variables, `INIT_CWD` and
 *   `node_modules/.bin` folders to PATH; a program could tell the check from the CLI by them. They
 *   are removed, and the variables the Node language host and `cmd/run` set are present
 *   (`PULUMI_CONFIG` in the host's `<namespace>:config:<key>` form, `PULUMI_CONFIG_SECRET_KEYS`,
 *   `PULUMI_NODEJS_*`; docs/pulumi-facts.md "When a program is finished"). `process.argv` is
 *   `[node, <@pulumi/pulumi/cmd/run>]` as `cmd/run` sets it and `process.execArgv` the project's
 *   `nodeargs` (none).
 *
 * Everything is restored when the run ends. This does not make the check indistinguishable from
 * the CLI (the mock monitor, the module cache and timing still differ; docs/decisions.md "What the
 * gate and CrossGuard cannot see").
 */
import * as path from "path";

/** Variables that hold or locate credentials: removed (AWS_REGION/AWS_DEFAULT_REGION stay). */
const CREDENTIAL_PATTERNS: readonly RegExp[] = [
  /^AWS_(?!REGION$|DEFAULT_REGION$)/,
  /^ACTIONS_ID_TOKEN_REQUEST_/,
  /^ACTIONS_RUNTIME_/,
  /^(GITHUB|GH|PULUMI_ACCESS|NPM|NODE_AUTH)_TOKEN$/,
  /^PULUMI_CONFIG_PASSPHRASE(_FILE)?$/,
  /^(GOOGLE_APPLICATION_CREDENTIALS|GOOGLE_CREDENTIALS|AZURE_CLIENT_SECRET|ARM_CLIENT_SECRET)$/,
  /(SECRET|PASSWORD|PASSPHRASE|CREDENTIAL|PRIVATE_KEY|ACCESS_KEY|SESSION_TOKEN|API_KEY)/i,
];
/** What `npm run` adds to the environment. */
const NPM_PATTERNS: readonly RegExp[] = [/^npm_/i, /^INIT_CWD$/, /^NODE$/, /^COLOR$/, /^EDITOR$/];

/** Variables set so that nothing finds credentials by default. */
const NO_CREDENTIALS: Readonly<Record<string, string>> = {
  AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
  AWS_CONFIG_FILE: "/dev/null",
  AWS_EC2_METADATA_DISABLED: "true",
};

export interface ProgramIdentity {
  readonly project: string;
  readonly stack: string;
  readonly organization: string;
  readonly preview: boolean;
  /** Fully qualified stack config (`namespace:key` → value). */
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
  /** The program's folder (`--pwd` of `cmd/run`). */
  readonly programDir: string;
}

export function removedVariable(name: string): boolean {
  return CREDENTIAL_PATTERNS.some((p) => p.test(name)) || NPM_PATTERNS.some((p) => p.test(name));
}

/** PATH without the folders `npm run` prepends (`…/node_modules/.bin`, npm's `node-gyp-bin`). */
export function cliPath(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value
    .split(path.delimiter)
    .filter((d) => !/[\\/]node_modules[\\/]\.bin[\\/]?$/.test(d) && !/node-gyp-bin/.test(d))
    .join(path.delimiter);
}

/** The environment the program runs with, from the process's own. */
export function programEnvironment(base: NodeJS.ProcessEnv, id: ProgramIdentity): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !removedVariable(k)) env[k] = v;
  const p = cliPath(base.PATH);
  if (p !== undefined) env.PATH = p;
  // The host passes config as `<namespace>:config:<key>` (pulumi-language-nodejs constructConfig).
  const hostConfig: Record<string, string> = {};
  for (const [k, v] of Object.entries(id.config)) {
    const at = k.indexOf(":");
    hostConfig[at > 0 ? `${k.slice(0, at)}:config:${k.slice(at + 1)}` : k] = v;
  }
  Object.assign(env, NO_CREDENTIALS, {
    PULUMI_CONFIG: JSON.stringify(hostConfig),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(id.secretKeys),
    PULUMI_NODEJS_TYPESCRIPT: "true",
    PULUMI_NODEJS_ORGANIZATION: id.organization,
    PULUMI_NODEJS_PROJECT: id.project,
    PULUMI_NODEJS_STACK: id.stack,
    PULUMI_NODEJS_PARALLEL: "16",
    PULUMI_NODEJS_MONITOR: "127.0.0.1:0",
    PULUMI_NODEJS_ENGINE: "127.0.0.1:0",
  });
  // cmd/run sets PULUMI_NODEJS_DRY_RUN only when --dry-run is passed (addToEnvIfDefined).
  if (id.preview) env.PULUMI_NODEJS_DRY_RUN = "true";
  else delete env.PULUMI_NODEJS_DRY_RUN;
  return env;
}

const RUN_PATH = require.resolve("@pulumi/pulumi/cmd/run");

/** Runs `fn` with the program's environment, argv and execArgv, restoring the process's after. */
export async function withProgramEnvironment<T>(id: ProgramIdentity, fn: () => Promise<T>): Promise<T> {
  const savedEnv = { ...process.env };
  const savedArgv = process.argv;
  const savedExecArgv = process.execArgv;
  const env = programEnvironment(savedEnv, id);
  for (const k of Object.keys(process.env)) if (!(k in env)) delete process.env[k];
  Object.assign(process.env, env);
  process.argv = [process.argv[0], RUN_PATH];
  process.execArgv = [];
  try {
    return await fn();
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv);
    process.argv = savedArgv;
    process.execArgv = savedExecArgv;
  }
}
