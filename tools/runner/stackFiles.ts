/** Reads the files the Pulumi CLI reads: `Pulumi.yaml` and `Pulumi.<stack>.yaml` (docs/pulumi-facts.md "Project and stack files"). */
import * as fs from "fs";
import * as path from "path";
import { parseYamlOnce } from "../../components/yamlOnce";

export interface ProjectFile {
  readonly dir: string;
  readonly name: string;
  /** Absolute path of the entry point the CLI would run. */
  readonly main: string;
}

export interface StackConfig {
  readonly file: string;
  readonly config: Record<string, string>;
  readonly secretKeys: string[];
}

export class StackFileError extends Error {}

/** The one reader of a `Pulumi.yaml`: its path and its top-level mapping, unvalidated (the conformance
 * check judges the fields; the runner and the CLI host read what they need through `readProjectFile`
 * and `projectRuntime`). Throws StackFileError when the file is not a YAML mapping. */
export function readProjectDocument(dir: string): { file: string; doc: Record<string, unknown> } {
  const file = path.join(dir, "Pulumi.yaml");
  let doc: unknown;
  try {
    doc = parseYamlOnce(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new StackFileError(`cannot be read as YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc))
    throw new StackFileError("is not a YAML mapping");
  return { file, doc: doc as Record<string, unknown> };
}

export function readProjectFile(dir: string): ProjectFile {
  const { file, doc } = readProjectDocument(dir);
  if (typeof doc.name !== "string") throw new StackFileError(`${file}: 'name' is missing`);
  const main = typeof doc.main === "string" ? doc.main : ".";
  return { dir, name: doc.name, main: path.resolve(dir, main) };
}

export interface ProjectRuntime {
  readonly name: string;
  readonly programDir: string;
  readonly entryPoint: string;
  readonly typescript: boolean;
  readonly tsconfig?: string;
  readonly nodeargs: string[];
}

/** How the CLI resolves `main` and `runtime.options` of a Pulumi.yaml (docs/pulumi-facts.md "Project and stack files"). */
export function projectRuntime(projectDir: string): ProjectRuntime {
  const doc = readProjectDocument(projectDir).doc as {
    name: string;
    main?: string;
    runtime:
      string | { name: string; options?: { typescript?: boolean; tsconfig?: string; nodeargs?: string } };
  };
  const options = typeof doc.runtime === "string" ? {} : (doc.runtime.options ?? {});
  let programDir = projectDir;
  let entryPoint = ".";
  if (doc.main) {
    const main = path.resolve(projectDir, doc.main);
    if (fs.existsSync(main) && fs.statSync(main).isDirectory()) programDir = main;
    else {
      programDir = path.dirname(main);
      entryPoint = path.basename(main);
    }
  }
  return {
    name: doc.name,
    programDir,
    entryPoint,
    typescript: options.typescript ?? true,
    tsconfig: options.tsconfig,
    nodeargs: (options.nodeargs ?? "").split(/\s+/).filter(Boolean),
  };
}

/** Config values as the CLI hands them to a program: strings, objects as JSON, secrets unreadable offline. */
export function readStackConfig(project: ProjectFile, stack: string): StackConfig {
  const file = path.join(project.dir, `Pulumi.${stack.replace(/\//g, "-")}.yaml`);
  if (!fs.existsSync(file)) return { file, config: {}, secretKeys: [] };
  const doc = parseYamlOnce(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null;
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [rawKey, value] of Object.entries(doc?.config ?? {})) {
    // An un-namespaced key belongs to the project (https://www.pulumi.com/docs/iac/concepts/config/); `ns:config:key` is legacy.
    const parts = rawKey.split(":");
    const key =
      parts.length === 1
        ? `${project.name}:${rawKey}`
        : parts.length === 3 && parts[1] === "config"
          ? `${parts[0]}:${parts[2]}`
          : rawKey;
    if (value !== null && typeof value === "object" && "secure" in (value as object)) {
      config[key] = "offline-placeholder-secret";
      secretKeys.push(key);
    } else if (typeof value === "string") {
      config[key] = value;
    } else {
      config[key] = JSON.stringify(value);
    }
  }
  return { file, config, secretKeys };
}

/** Stack names that have a config file next to the project's Pulumi.yaml. */
export function listStacks(project: ProjectFile): string[] {
  return fs
    .readdirSync(project.dir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}
