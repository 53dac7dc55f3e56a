/**
 * The job runtime package (runtime/glue_runtime) as the stack ships it: a zip with `glue_runtime/` at
 * its root, uploaded to the project's scripts bucket under a content-hash key and locked first on
 * every Spark ETL job's `--extra-py-files` (Glue accepts .zip files there:
 * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-python-libraries.html).
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

export const RUNTIME_PACKAGE = "glue_runtime";
export const RUNTIME_PACKAGE_DIR = path.resolve(__dirname, "..", "..", "runtime", RUNTIME_PACKAGE);

export interface RuntimeArchivePlan {
  /** Entries: path inside the zip -> file on disk, sorted. */
  readonly files: ReadonlyArray<{ readonly archivePath: string; readonly absolutePath: string }>;
  readonly sha256: string;
  /** Object key in the scripts bucket; changes whenever any file changes. */
  readonly key: string;
}

let cached: { stamp: string; plan: RuntimeArchivePlan } | undefined;

/** The runtime's Python modules (not tests, caches or the local-only pytest plugin), hashed. */
export function runtimeArchive(dir = RUNTIME_PACKAGE_DIR): RuntimeArchivePlan {
  const names = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".py"))
    .sort();
  const stamp = names.map((n) => `${n}:${fs.statSync(path.join(dir, n)).mtimeMs}`).join("|") + dir;
  if (cached?.stamp === stamp) return cached.plan;
  const hash = createHash("sha256");
  const files = names.map((n) => {
    const absolutePath = path.join(dir, n);
    const archivePath = `${RUNTIME_PACKAGE}/${n}`;
    hash.update(archivePath).update("\0").update(fs.readFileSync(absolutePath)).update("\0");
    return { archivePath, absolutePath };
  });
  const sha256 = hash.digest("hex");
  const plan = { files, sha256, key: `runtime/${sha256.slice(0, 16)}/${RUNTIME_PACKAGE}.zip` };
  cached = { stamp, plan };
  return plan;
}
