import { main as check } from "../../tools/check";

/** Runs `npm run check`'s main in-process and captures what it prints (stdout and stderr together). */
export async function runCheckCli(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const [log, err] = [console.log, console.error];
  console.log = (...a: unknown[]) => lines.push(a.join(" "));
  console.error = (...a: unknown[]) => lines.push(a.join(" "));
  try {
    return { code: await check(args), out: lines.join("\n") };
  } finally {
    console.log = log;
    console.error = err;
  }
}
