import * as fs from "fs";
import * as path from "path";
import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import * as pulumi from "@pulumi/pulumi";
import { defineResourcePolicy } from "../lib/define";
import { otherProjectsIn } from "../lib/otherProjects";
import { stackIdentity } from "../lib/stackIdentity";
import { peek, UNKNOWN } from "../lib/values";
import { T } from "../lib/types";

/**
 * Content a stack uploads comes from the repository, and objects stay inside their bucket.
 * - An asset or archive input is serialized with the signature key below beside `uri` (RemoteAsset,
 *   RemoteArchive: fetched from anywhere at deploy time), `path` (FileAsset, FileArchive: read from
 *   the deployer's disk) or `text`/`assets` (`@pulumi/pulumi` runtime/rpc.js, docs/pulumi-facts.md).
 *   A remote source is refused; a file is judged as the engine reads it: resolved (realpath, symbolic
 *   links followed, every entry of a folder archive) it must lie in the folder of the stack's project
 *   spec or in the platform code every project ships — not elsewhere in the repository (other
 *   projects' folders, stack configs) and not `~/.aws/credentials` or `/etc/…` (docs/decisions.md).
 * - The policy host hands assets as `pulumi.asset.*` objects whose path/uri are promises
 *   (`@pulumi/policy` deserialize.js): they are awaited, so both hosts judge the same path.
 * - `websiteRedirect` of an object (x-amz-website-redirect-location) may only point inside the bucket
 *   (a value starting with "/"): a redirect to another site turns a project URL into a phishing hop
 *   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-to-page-redirect.html).
 */
const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const OBJECT_TYPES = new Set<string>([T.legacyBucketObject, T.bucketObject]);

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

/** Platform code the project program itself ships with every project (the job runtime package,
 * components/project/runtimeArchive.ts; the data-quality evaluator, components/project/dataQuality.ts),
 * relative to the repository root. */
const PLATFORM_UPLOAD_DIRS = [path.join("runtime", "glue_runtime"), path.join("components", "project", "dq")];

function realDir(dir: string): string | undefined {
  try {
    return fs.realpathSync(dir);
  } catch {
    return undefined;
  }
}

/** Folders uploads may come from, resolved (realpath): the folder of the stack's project spec
 * (projects/<slug>/, never the whole repository: other projects' folders and stack configs are not
 * this project's) and the platform code every project stack ships. */
function allowedRoots(): string[] {
  const root = repositoryRoot();
  const id = stackIdentity();
  const roots = root ? PLATFORM_UPLOAD_DIRS.map((d) => path.join(root, d)) : [];
  if (id.kind === "project") {
    const spec = path.isAbsolute(id.spec) ? id.spec : root ? path.join(root, "projects", id.spec) : undefined;
    if (spec) roots.push(path.dirname(spec));
  }
  return roots.map(realDir).filter((r): r is string => r !== undefined);
}

const inside = (file: string, roots: readonly string[]): boolean =>
  roots.some((r) => file === r || file.startsWith(r + path.sep));

/** Every file a path uploads, resolved: the file itself, or each entry of a folder (an archive),
 * symbolic links followed (realpath) so a link inside the project cannot hand another file. */
function resolvedFiles(file: string, out: string[], depth = 0): void {
  const real = fs.realpathSync(file);
  out.push(real);
  if (depth > 20 || !fs.statSync(real).isDirectory()) return;
  for (const entry of fs.readdirSync(file)) resolvedFiles(path.join(file, entry), out, depth + 1);
}

/** A relative path is read from the program's working directory: for a project stack the project
 * program folder projects/ (projects/Pulumi.yaml, docs/pulumi-facts.md "Project and stack files"). */
function fileProblem(file: string): string | undefined {
  if (file.startsWith("~")) return `reads "${file}", a path of the deployer's home folder`;
  const root = repositoryRoot();
  const absolute = path.isAbsolute(file) ? file : root ? path.join(root, "projects", file) : undefined;
  const roots = allowedRoots();
  const where = `the project's folder (${roots.join(", ") || "not found"})`;
  if (!absolute) return `reads "${file}", which cannot be placed without the projects/ folder`;
  const files: string[] = [];
  try {
    resolvedFiles(absolute, files);
  } catch (e) {
    return `reads "${file}", which cannot be resolved (${(e as Error).message}), so it may lie outside ${where}`;
  }
  const outside = files.find((f) => !inside(f, roots));
  if (outside === undefined) return undefined;
  return outside === path.normalize(absolute)
    ? `reads "${file}", outside ${where}`
    : `reads "${file}", which resolves (symbolic links followed) to "${outside}", outside ${where}`;
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
    else if ("text" in v)
      out.push(
        Promise.resolve(unproxied(v.text)).then((t) => (typeof t === "string" ? textProblems(t, where) : [])),
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
    const text = peek(() => v.text);
    if (typeof text === "string") out.push(Promise.resolve(textProblems(text, where)));
  }
  for (const k of Object.keys(v))
    if (k !== SIGNATURE_KEY)
      collect(
        peek(() => v[k]),
        `${where}.${k}`,
        out,
      );
}

/** A StringAsset's text (a promise in the policy host, so project-stack-own-project-only's string
 * walk cannot read it there) carrying another project's identity (lib/otherProjects.ts). */
function textProblems(text: string, where: string): string[] {
  const id = stackIdentity();
  if (id.kind !== "project") return [];
  return otherProjectsIn(text, { projectId: id.projectId, spec: id.spec }).map(
    (o) => `${where} is text carrying ${o}, not content of this project`,
  );
}

function fileProblems(file: string, where: string): string[] {
  const problem = fileProblem(file);
  return problem ? [`${where} ${problem}`] : [];
}

const CONTENT_FIX =
  "upload a file of the project's own folder (FileAsset/FileArchive with an absolute path under projects/<slug>/, or relative to projects/), no symbolic link leading out of it, and no text of another project";

const metadata = defineResourcePolicy({
  name: "object-content-sources",
  description:
    "Uploaded content comes from the project's own folder: no RemoteAsset/RemoteArchive; a FileAsset/FileArchive path, resolved with symbolic links followed (every entry of a folder archive), lies in the folder of the stack's project spec or in the platform code every project ships (not other projects' folders or stack configs); a StringAsset's text carries no other project's identity (its project-{uuid}, bare id or spec path); an S3 object's websiteRedirect stays inside its bucket.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    'Commit the file (not a symbolic link) to the project folder projects/<slug>/ and upload it with a FileAsset path there; use a websiteRedirect starting with "/" or none.',
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
