/** `npm run new-job -- --project projects/<slug> --name <job>`: see tools/scaffold/newJob.ts. */
import { runAsProcess } from "./cliArgs";
import { NEW_JOB_USAGE, newJob, NewJobError, parseNewJobArgs } from "./scaffold/newJob";

export function main(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    log(NEW_JOB_USAGE);
    return Promise.resolve(0);
  }
  try {
    const { written } = newJob(parseNewJobArgs(argv));
    for (const f of written) log(`wrote ${f}`);
    log("next: npm run job -- <project folder> <job> --fresh, then npm run test:python and npm run check");
    return Promise.resolve(0);
  } catch (e) {
    if (!(e instanceof NewJobError)) throw e;
    log(`error: ${e.message}\n${NEW_JOB_USAGE}`);
    return Promise.resolve(2);
  }
}

if (require.main === module) runAsProcess(main, 1);
