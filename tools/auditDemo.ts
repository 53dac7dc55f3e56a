/**
 * `npm run audit:demo -- [--port N] [--clean]`: starts moto's AWS server on loopback, seeds the
 * live state of the demo stack (DEMO_STACK in tools/auditDemo/seed.ts) as the audit tests do and, unless --clean, applies the tests'
 * out-of-band changes; then keeps the server up so `npm run audit` can be pointed at it.
 * Uses write APIs against moto only; it never takes an endpoint, so it cannot touch a real account.
 */
import { parseFlags, runAsProcess, UsageError } from "./cliArgs";
import { startMoto } from "./auditDemo/moto";
import {
  applyOutOfBandChanges,
  DEMO_ACCOUNT as ACCOUNT,
  DEMO_STACK as STACK,
  sdk,
  seedSampleProject,
} from "./auditDemo/seed";

async function main(argv: string[]): Promise<number> {
  let flags;
  try {
    flags = parseFlags(argv, { port: { type: "string" }, clean: { type: "boolean" } });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`error: ${e.message}\nusage: npm run audit:demo -- [--port N] [--clean]`);
    return 2;
  }
  const port = flags.port === undefined ? undefined : Number(flags.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    console.error("error: --port must be a TCP port number (1-65535)");
    return 2;
  }
  // moto accepts any credentials; the SDK only needs some to sign requests.
  process.env.AWS_ACCESS_KEY_ID ??= "testing";
  process.env.AWS_SECRET_ACCESS_KEY ??= "testing";
  console.log("starting moto …");
  const moto = await startMoto(port);
  const stop = () => void moto.stop().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    console.log(`seeding ${STACK} (platform network and key, then the project from its desired state) …`);
    const c = sdk(moto.endpoint, ACCOUNT.region);
    const project = await seedSampleProject(c, moto.endpoint, STACK, ACCOUNT);
    if (!flags.clean) {
      console.log("applying out-of-band changes (job without connection and 60 workers, console job, …) …");
      await applyOutOfBandChanges(c, project);
    }
  } catch (e) {
    // Never leave a moto server behind when seeding fails.
    await moto.stop();
    throw e;
  }
  console.log(`
moto is serving ${moto.endpoint} (Ctrl-C stops it). In another shell:

  AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \\
    npm run audit -- --env dev --stacks ${STACK} --endpoint-url ${moto.endpoint}
`);
  return new Promise<number>(() => undefined);
}

if (require.main === module) runAsProcess(main);
