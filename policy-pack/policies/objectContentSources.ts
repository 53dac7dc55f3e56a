import * as fs from "fs";
import * as path from "path";
import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
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

type Found = Promise<string[]>;

/** The object behind the host's unknown-checking proxy (`__getSpecialProxyTarget`, @pulumi/policy
 * proxy.js): a proxied promise cannot be awaited (`then` needs the real receiver). */
function unproxied(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  return o.__isSpecialProxy === true ? o.__getSpecialProxyTarget : v;
}

/** The file or remote problems of one asset/archive value, in either form: the serialized one the
 * offline gate hands (signature key beside `uri`/`path`/`assets`) or the `pulumi.asset.*` objects the
 * policy host hands, whose fields are promises. Found in traversal order. */
function collect(value: unknown, where: string, out: Found[]): void {
  if (value === UNKNOWN || value === null || typeof value !== "object") return;
  const v = value as Record<string, unknown>;
  // `isInstance` is the base class's (any asset/archive); the kind shows in its fields.
  if (pulumi.asset.Asset.isInstance(value) || pulumi.asset.Archive.isInstance(value)) {
    if ("uri" in v)
      out.push(
        Promise.resolve(unproxied(v.uri)).then((u) => [`${where} is fetched from ${JSON.stringify(u)}`]),
      );
    else if ("path" in v)
      out.push(
        Promise.resolve(unproxied(v.path)).then((f) => (typeof f === "string" ? fileProblems(f, where) : [])),
      );
    else if ("assets" in v)
      out.push(
        Promise.resolve(unproxied(v.assets)).then(async (assets) => {
          const nested: Found[] = [];
          collect(assets, `${where}.assets`, nested);
          return (await Promise.all(nested)).flat();
        }),
      );
    return;
  }
  if (Array.isArray(v)) {
    const items: unknown[] = v;
    for (let i = 0; i < items.length; i++)
      collect(
        peek(() => items[i]),
        `${where}[${i}]`,
        out,
      );
    return;
  }
  if (typeof v[SIGNATURE_KEY] === "string") {
    const uri = peek(() => v.uri);
    const file = peek(() => v.path);
    if (typeof uri === "string")
      out.push(Promise.resolve([`${where} is fetched from ${JSON.stringify(uri)}`]));
    if (typeof file === "string") out.push(Promise.resolve(fileProblems(file, where)));
  }
  for (const k of Object.keys(v))
    if (k !== SIGNATURE_KEY)
      collect(
        peek(() => v[k]),
        `${where}.${k}`,
        out,
      );
}

function fileProblems(file: string, where: string): string[] {
  const problem = fileProblem(file);
  return problem ? [`${where} ${problem}`] : [];
}

const CONTENT_FIX =
  "upload a file of the repository (FileAsset/FileArchive with a path in the project folder)";

const metadata = defineResourcePolicy({
  name: "object-content-sources",
  description:
    "Uploaded content comes from the repository: no RemoteAsset/RemoteArchive, no file outside the repository or the project's folder (or a relative path escaping the program folder); an S3 object's websiteRedirect stays inside its bucket.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    'Commit the file to the project folder and upload it with a FileAsset path inside the repository; use a websiteRedirect starting with "/" or none.',
  types: "all",
  validate() {
    // Judged asynchronously below: the policy host's asset objects carry their paths as promises.
  },
});

/** Asynchronous (the host awaits a validation's promise, @pulumi/policy server.js). */
export const objectContentSources: ResourceValidationPolicy = {
  ...metadata,
  validateResource: async (args: ResourceValidationArgs, report: ReportViolation) => {
    const label = `${args.type.split(":").pop()} '${args.name}'`;
    const found: Found[] = [];
    for (const k of Object.keys(args.props))
      collect(
        peek(() => args.props[k]),
        k,
        found,
      );
    for (const p of (await Promise.all(found)).flat()) report(`${label}: ${p}. Fix: ${CONTENT_FIX}`);
    if (!OBJECT_TYPES.has(args.type)) return;
    const redirect = peek(() => args.props.websiteRedirect);
    if (redirect === undefined || redirect === null || redirect === "") return;
    if (
      redirect === UNKNOWN ||
      typeof redirect !== "string" ||
      !redirect.startsWith("/") ||
      redirect.startsWith("//")
    )
      report(
        `${label}: redirects to ${redirect === UNKNOWN ? "a value unknown at preview" : JSON.stringify(redirect)}, outside its bucket. Fix: remove websiteRedirect, or point it at a key of the same bucket ("/path")`,
      );
  },
};
