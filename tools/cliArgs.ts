/** Strict flag parsing shared by the command-line tools: unknown flags and positionals are usage errors. */
import { parseArgs, ParseArgsConfig } from "util";

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseFlags<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/**
 * Runs a tool's `main` as the process: its result is the exit code; an unexpected error is
 * printed with its stack and exits with `errorCode` so CI tells a crash from a finding.
 */
export function runAsProcess(main: (argv: string[]) => Promise<number>, errorCode = 2): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: Error) => {
      console.error(`error: ${e.stack ?? e.message}`);
      process.exit(errorCode);
    },
  );
}
