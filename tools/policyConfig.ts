/**
 * `npm run policy-config -- --env <env> [--from-stack-output <file>]`: writes the platform facts the
 * policies need (VPC, subnets, endpoint security group, prefix lists, account) into
 * policy-pack/config/<env>.json. For a real deployment pass the platform stack's outputs:
 *   pulumi stack output --json --stack <env> > platform-<env>.json
 *   npm run policy-config -- --env <env> --from-stack-output platform-<env>.json
 * Without --from-stack-output the platform program is run offline in deployed mode (the committed
 * config, which a test keeps current).
 */
import * as fs from "fs";
import { ENVIRONMENTS } from "../components/naming";
import { policies } from "../policy-pack/policies";
import { parseFlags, UsageError } from "./cliArgs";
import {
  factsFromOutputs,
  offlinePlatformOutputs,
  outputsFromFile,
  PlatformFactsError,
  policyConfigFile,
  policyConfigText,
} from "./gate/platformFacts";

const USAGE = `usage: npm run policy-config -- --env dev|prod [--from-stack-output <file>]
  --env                the environment whose policy config to write (policy-pack/config/<env>.json)
  --from-stack-output  the platform stack's \`pulumi stack output --json\`; default: the offline platform run
exit codes: 0 written, 2 usage error or missing platform facts`;

export async function main(argv: string[]): Promise<number> {
  try {
    const values = parseFlags(argv, {
      env: { type: "string" },
      "from-stack-output": { type: "string" },
      help: { type: "boolean" },
    });
    if (values.help) throw new UsageError("");
    const env = values.env;
    if (!env || !ENVIRONMENTS.includes(env as never))
      throw new UsageError(`--env must be one of ${ENVIRONMENTS.join(", ")}`);
    const from = values["from-stack-output"];
    if (from !== undefined && !fs.existsSync(from)) throw new UsageError(`file not found: ${from}`);
    const outputs = from ? outputsFromFile(from) : await offlinePlatformOutputs(env);
    const file = policyConfigFile(env);
    fs.writeFileSync(file, await policyConfigText(env, policies, factsFromOutputs(outputs)));
    console.log(`wrote the platform facts of ${env} into ${file}`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) console.error(`error: ${e.message}`);
      console.error(USAGE);
      return 2;
    }
    if (e instanceof PlatformFactsError) {
      console.error(`error: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
