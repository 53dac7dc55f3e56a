import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { defineResourcePolicy } from "../lib/define";
import { stackIdentity } from "../lib/stackIdentity";
import { peek, UNKNOWN } from "../lib/values";

/**
 * Content a stack uploads comes from the repository, and objects stay inside their bucket.
 * - An asset or archive input is serialized with the signature key below beside `uri` (RemoteAsset,
 *   RemoteArchive: fetched from anywhere at deploy time), `path` (FileAsset, FileArchive: read from
 *   the deployer's disk) or `text`/`assets` (`@pulumi/pulumi` runtime/rpc.js, docs/pulumi-facts.md).
 *   A remote source is refused; a file must lie in the repository (a relative path without `..`, which
 *   the engine reads from the program folder, or an absolute path under the repository root or the
 *   folder of the stack's project spec): a path
 *   such as `~/.aws/credentials` or `/etc/…` would upload the deployer's files.
 * - The policy host hands assets as `pulumi.asset.*` objects whose path/uri are promises
 *   (`@pulumi/policy` deserialize.js): there remote ones are refused by class; a file's path cannot
 *   be read synchronously, so outside the offline gate it is not judged (docs/decisions.md).
 * - `websiteRedirect` of an object (x-amz-website-redirect-location) may only point inside the bucket
 *   (a value starting with "/"): a redirect to another site turns a project URL into a phishing hop
 *   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-to-page-redirect.html).
 */
const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const OBJECT_TYPES = new Set(["aws:s3/bucketObject:BucketObject", "aws:s3/bucketObjectv2:BucketObjectv2"]);

/** The repository root: the folder above `projects/Pulumi.yaml`, searched upwards from this module. */
function repositoryRoot(): string | undefined {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, "projects", "Pulumi.yaml"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Folders uploads may come from: the repository and the folder of the stack's project spec (a
 * project may live outside the repository, its scripts beside its spec). */
function allowedRoots(): string[] {
  const root = repositoryRoot();
  const id = stackIdentity();
  const roots = root ? [root] : [];
  if (id.kind === "project") {
    const spec = path.isAbsolute(id.spec) ? id.spec : root ? path.join(root, "projects", id.spec) : undefined;
    if (spec) roots.push(path.dirname(spec));
  }
  return roots;
}

function fileProblem(file: string): string | undefined {
  if (!path.isAbsolute(file)) {
    const normal = path.normalize(file);
    return normal === ".." || normal.startsWith(`..${path.sep}`) || file.startsWith("~")
      ? `reads "${file}", outside the program folder`
      : undefined;
  }
  const roots = allowedRoots();
  const normal = path.normalize(file);
  return roots.some((r) => normal.startsWith(r + path.sep))
    ? undefined
    : `reads "${file}", outside the repository and the project's folder (${roots.join(", ") || "neither found"})`;
}

function walk(value: unknown, where: string, out: string[]): void {
  if (value === UNKNOWN || value === null || typeof value !== "object") return;
  const v: object = value;
  // `isInstance` is the base class's (any asset/archive); a remote one is the one with a `uri`.
  if (pulumi.asset.Asset.isInstance(v) || pulumi.asset.Archive.isInstance(v)) {
    if ("uri" in v) out.push(`${where} is fetched from a remote URL`);
    return;
  }
  if (Array.isArray(v)) {
    const items: unknown[] = v;
    for (let i = 0; i < items.length; i++)
      walk(
        peek(() => items[i]),
        `${where}[${i}]`,
        out,
      );
    return;
  }
  const o = v as Record<string, unknown>;
  if (typeof o[SIGNATURE_KEY] === "string") {
    const uri = peek(() => o.uri);
    const file = peek(() => o.path);
    if (typeof uri === "string") out.push(`${where} is fetched from ${JSON.stringify(uri)}`);
    if (typeof file === "string") {
      const problem = fileProblem(file);
      if (problem) out.push(`${where} ${problem}`);
    }
  }
  for (const k of Object.keys(o))
    if (k !== SIGNATURE_KEY)
      walk(
        peek(() => o[k]),
        `${where}.${k}`,
        out,
      );
}

export const objectContentSources = defineResourcePolicy({
  name: "object-content-sources",
  description:
    "Uploaded content comes from the repository: no RemoteAsset/RemoteArchive, no file outside the repository (or a relative path escaping the program folder); an S3 object's websiteRedirect stays inside its bucket.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    'Commit the file to the project folder and upload it with a FileAsset path inside the repository; use a websiteRedirect starting with "/" or none.',
  types: "all",
  validate(ctx) {
    const problems: string[] = [];
    for (const k of Object.keys(ctx.props))
      walk(
        peek(() => ctx.props[k]),
        k,
        problems,
      );
    for (const p of problems)
      ctx.report(
        p,
        "upload a file of the repository (FileAsset/FileArchive with a path in the project folder)",
      );
    if (!OBJECT_TYPES.has(ctx.type)) return;
    const redirect = peek(() => ctx.props.websiteRedirect);
    if (redirect === undefined || redirect === null || redirect === "") return;
    if (
      redirect === UNKNOWN ||
      typeof redirect !== "string" ||
      !redirect.startsWith("/") ||
      redirect.startsWith("//")
    )
      ctx.report(
        `redirects to ${redirect === UNKNOWN ? "a value unknown at preview" : JSON.stringify(redirect)}, outside its bucket`,
        'remove websiteRedirect, or point it at a key of the same bucket ("/path")',
      );
  },
});
