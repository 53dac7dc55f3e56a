/**
 * Static conformance of every file the Pulumi CLI reads (docs/pulumi-facts.md "Project and stack files"): both
 * Pulumi.yaml files, every Pulumi.<stack>.yaml, PulumiPolicy.yaml, the pack's package.json and the
 * policy config files. Each problem names the file and says how to fix it.
 */
import * as fs from "fs";
import * as path from "path";
import { parseYamlOnce } from "../components/yamlOnce";
import { policies, PACK_ENFORCEMENT_LEVEL } from "../policy-pack/policies";
import { effectivePolicyConfig, readPolicyConfigFile } from "./gate/policyConfig";
import { checkEnvironmentAccounts } from "./accounts";
import { discoverStacks } from "./runner/discover";
import { listStacks, readProjectDocument, readProjectFile } from "./runner/stackFiles";
import { STACK_CONFIG_KEYS } from "../components/stackConfigKeys";

export interface ConformanceProblem {
  readonly file: string;
  readonly problem: string;
}

const PROJECT_NAME = /^[A-Za-z0-9_.-]+$/;
const PACKAGE_MANAGERS = ["auto", "npm", "yarn", "pnpm", "bun"];
const STACK_FILE_KEYS = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

type Doc = Record<string, unknown>;

function load(file: string, out: ConformanceProblem[]): Doc | undefined {
  try {
    const doc = parseYamlOnce(fs.readFileSync(file, "utf8"));
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
      out.push({ file, problem: "is not a YAML mapping" });
      return undefined;
    }
    return doc as Doc;
  } catch (e) {
    out.push({ file, problem: `cannot be read as YAML: ${(e as Error).message.split("\n")[0]}` });
    return undefined;
  }
}

function checkProjectFile(dir: string, root: string, out: ConformanceProblem[]): string | undefined {
  const file = path.relative(root, path.join(dir, "Pulumi.yaml"));
  let doc: Doc;
  try {
    doc = readProjectDocument(dir).doc;
  } catch (e) {
    out.push({ file: path.join(dir, "Pulumi.yaml"), problem: (e as Error).message });
    return undefined;
  }
  const p = (problem: string) => out.push({ file, problem });
  if (typeof doc.name !== "string" || !PROJECT_NAME.test(doc.name))
    p("name must be alphanumerics, '-', '_' or '.'");
  const runtime = doc.runtime as { name?: unknown; options?: Record<string, unknown> } | string | undefined;
  const runtimeName = typeof runtime === "string" ? runtime : runtime?.name;
  if (runtimeName !== "nodejs") p(`runtime.name must be nodejs (got ${JSON.stringify(runtimeName)})`);
  if (typeof doc.main !== "string")
    p("main must name the entry file explicitly (two projects share one package.json, docs/pulumi-facts.md)");
  const main = typeof doc.main === "string" ? path.resolve(dir, doc.main) : undefined;
  if (main && !fs.existsSync(main)) p(`main ${doc.main} does not exist`);
  const programDir =
    main && fs.existsSync(main) && fs.statSync(main).isFile() ? path.dirname(main) : (main ?? dir);
  const options = typeof runtime === "object" ? (runtime.options ?? {}) : {};
  if (options.typescript !== undefined && typeof options.typescript !== "boolean")
    p("runtime.options.typescript must be a boolean");
  if (options.nodeargs !== undefined && typeof options.nodeargs !== "string")
    p("runtime.options.nodeargs must be a string");
  if (options.packagemanager !== undefined && !PACKAGE_MANAGERS.includes(String(options.packagemanager)))
    p(`runtime.options.packagemanager must be one of ${PACKAGE_MANAGERS.join(", ")}`);
  if (typeof options.tsconfig !== "string")
    p(
      "runtime.options.tsconfig must point at the runtime tsconfig (the CLI looks for tsconfig.json only in the program folder)",
    );
  else if (!fs.existsSync(path.resolve(programDir, options.tsconfig)))
    p(
      `runtime.options.tsconfig ${options.tsconfig} does not exist relative to the program folder ${path.relative(root, programDir) || "."}`,
    );
  return typeof doc.name === "string" ? doc.name : undefined;
}

function checkStackFiles(dir: string, project: string, root: string, out: ConformanceProblem[]): void {
  for (const stack of listStacks(readProjectFile(dir))) {
    const abs = path.join(dir, `Pulumi.${stack}.yaml`);
    const file = path.relative(root, abs);
    const doc = load(abs, out);
    if (!doc) continue;
    for (const k of Object.keys(doc))
      if (!STACK_FILE_KEYS.includes(k))
        out.push({ file, problem: `unknown top-level key "${k}" (expected ${STACK_FILE_KEYS.join(", ")})` });
    const config = (doc.config ?? {}) as Doc;
    for (const [key, value] of Object.entries(config)) {
      const parts = key.split(":");
      if (parts.length !== 2 || !parts[0] || !parts[1])
        out.push({
          file,
          problem: `config key "${key}" must be namespaced as <namespace>:<name> (e.g. ${project}:${key})`,
        });
      else if (parts[0] !== project && parts[0] !== "aws" && parts[0] !== "pulumi")
        out.push({
          file,
          problem: `config key "${key}" uses namespace "${parts[0]}", neither the project "${project}" nor a provider`,
        });
      if (value !== null && typeof value === "object" && "secure" in (value as Doc)) {
        const keys = Object.keys(value as Doc);
        if (keys.length !== 1 || typeof (value as Doc).secure !== "string")
          out.push({
            file,
            problem: `config key "${key}" secret must be exactly { secure: <ciphertext> } (set it with pulumi config set --secret)`,
          });
      }
    }
    if (config[STACK_CONFIG_KEYS.region] === undefined)
      out.push({
        file,
        problem: "aws:region is not set; the stack would depend on the environment's default region",
      });
  }
}

function checkPolicyPack(root: string, out: ConformanceProblem[]): void {
  const dir = path.join(root, "policy-pack");
  const yamlFile = path.join(dir, "PulumiPolicy.yaml");
  const doc = fs.existsSync(yamlFile) ? load(yamlFile, out) : undefined;
  if (!fs.existsSync(yamlFile))
    out.push({
      file: "policy-pack/PulumiPolicy.yaml",
      problem: "is missing; the CLI needs it to load the pack",
    });
  else if (doc && doc.runtime === undefined)
    out.push({ file: "policy-pack/PulumiPolicy.yaml", problem: "project is missing a 'runtime' attribute" });
  const pkgFile = path.join(dir, "package.json");
  const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8")) as { version?: string; main?: string };
  if (!pkg.version || !SEMVER.test(pkg.version))
    out.push({
      file: "policy-pack/package.json",
      problem: 'needs a semver "version": PolicyPack reads it at startup',
    });
  if (pkg.main !== undefined && !fs.existsSync(path.join(dir, pkg.main)))
    out.push({
      file: "policy-pack/package.json",
      problem: `main ${pkg.main} does not exist; run npm run build:pack`,
    });
  for (const f of fs.readdirSync(path.join(dir, "config")).filter((x) => x.endsWith(".json"))) {
    try {
      effectivePolicyConfig(
        policies,
        readPolicyConfigFile(path.join(dir, "config", f)),
        PACK_ENFORCEMENT_LEVEL,
        `policy-pack/config/${f}`,
      );
    } catch (e) {
      out.push({ file: `policy-pack/config/${f}`, problem: (e as Error).message });
    }
  }
}

export function checkConformance(root: string): ConformanceProblem[] {
  const out: ConformanceProblem[] = [];
  const names: string[] = [];
  for (const dir of [root, path.join(root, "projects")]) {
    const name = checkProjectFile(dir, root, out);
    if (name) {
      names.push(name);
      checkStackFiles(dir, name, root, out);
    }
  }
  if (names.length === 2 && names[0] === names[1])
    out.push({ file: "projects/Pulumi.yaml", problem: "project names must differ between the two projects" });
  checkPolicyPack(root, out);
  out.push(...checkEnvironmentAccounts(discoverStacks(root)));
  return out;
}
