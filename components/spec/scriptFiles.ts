/**
 * Script files a spec references: each must be a real file inside the project's own `scripts/` folder
 * (no absolute paths, no `..`, no links out, a known extension). Found files are hashed so a change
 * of the script changes the upload.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { ScriptFile } from "./model";
import type { PathSegment } from "./problems";

type Add = (path: PathSegment[], why: string, fix: string) => void;

function sha256File(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Resolves a script path inside `<dir>/scripts/`; anything else (absolute, `..`, links out) is refused. */
export function resolveScript(dir: string, rel: string): { abs?: string; why?: string } {
  if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes(".."))
    return { why: "must be a relative path without '..'" };
  const scriptsDir = path.join(dir, "scripts");
  // A linked scripts/ folder would upload whatever it points at: the folder itself must be real.
  if (fs.existsSync(scriptsDir) && fs.lstatSync(scriptsDir).isSymbolicLink())
    return {
      why: "lives in scripts/, which is a symbolic link; make scripts/ a real folder of this project",
    };
  const abs = path.resolve(dir, rel);
  if (!abs.startsWith(scriptsDir + path.sep)) return { why: "must be inside this project's scripts/ folder" };
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile())
    return { why: `file ${path.relative(dir, abs)} does not exist` };
  const real = fs.realpathSync(abs);
  if (!real.startsWith(fs.realpathSync(scriptsDir) + path.sep))
    return { why: "is a link that points outside scripts/" };
  if (!/\.(py|scala|jar|zip|whl)$/.test(rel))
    return { why: "must be a .py, .scala, .jar, .zip or .whl file" };
  return { abs };
}

/** A checker that reports a bad script reference at its field, or records the found file in `scripts`. */
export function scriptChecker(dir: string, scripts: Map<string, ScriptFile>, add: Add) {
  return (p: PathSegment[], rel: string): void => {
    const r = resolveScript(dir, rel);
    if (r.why)
      add(
        p,
        `"${rel}" ${r.why}`,
        "put the file under this project's scripts/ folder and reference it as scripts/<file>",
      );
    else if (r.abs) scripts.set(rel, { relativePath: rel, absolutePath: r.abs, sha256: sha256File(r.abs) });
  };
}
