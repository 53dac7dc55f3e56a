/** A scratch copy of what onboarding reads and writes, and a snapshot of a folder's files to compare. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../../tools/runner/discover";

/** The platform stack files and `projects/`: the repository's projects (`copy`), or none but the
 * project stacks' Pulumi.yaml (`empty`). */
export function scratchRepo(projects: "copy" | "empty", prefix = "onboard-"): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const f of ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml"])
    fs.copyFileSync(path.join(REPO_ROOT, f), path.join(root, f));
  if (projects === "copy")
    fs.cpSync(path.join(REPO_ROOT, "projects"), path.join(root, "projects"), { recursive: true });
  else {
    fs.mkdirSync(path.join(root, "projects"));
    fs.copyFileSync(
      path.join(REPO_ROOT, "projects", "Pulumi.yaml"),
      path.join(root, "projects", "Pulumi.yaml"),
    );
  }
  return root;
}

/** Every file under `dir` (repository-relative path → text; a link → `-> target`), and with
 * `folders` every folder as `path/` → "". */
export function snapshot(
  dir: string,
  { folders = false }: { folders?: boolean } = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (folders) out[`${path.relative(dir, p)}/`] = "";
        walk(p);
      } else
        out[path.relative(dir, p)] = e.isSymbolicLink()
          ? `-> ${fs.readlinkSync(p)}`
          : fs.readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}
