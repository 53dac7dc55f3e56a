/**
 * `npm run new-job -- --project projects/<slug> --name <job> [--source <bronze table>] [--table <silver table>]`:
 * scaffolds a job on the runtime into a project folder — the script (scripts/<job>.py), its sample
 * data (data/bronze/<source>/<source>.csv) and its end-to-end test (tests/test_<job>.py) — and adds
 * the job and the silver Iceberg table it writes to project.yaml, keeping the file's comments and
 * layout. Nothing is overwritten: an existing job, table or file is an error. The result passes the
 * spec validation (including the parameter check) and its test passes on local Spark
 * (runtime/tests/test_scaffold.py).
 */
import * as fs from "fs";
import * as path from "path";
import { isMap, isSeq, parseDocument, YAMLSeq } from "yaml";
import { SHORT_NAME } from "../../components/naming";
import { TABLE_NAME } from "../../components/spec/tables";
import { jobScript, jobTest, sampleCsv, specEntries } from "./jobTemplate";

export class NewJobError extends Error {}

export interface NewJobArgs {
  /** The project folder (holds project.yaml). */
  readonly project: string;
  readonly name: string;
  readonly source?: string;
  readonly table?: string;
}

export const NEW_JOB_USAGE = `usage: npm run new-job -- --project projects/<slug> --name <job-name> [--source <bronze table>] [--table <silver table>]
  writes scripts/<job>.py (a glue_runtime job), data/bronze/<source>/<source>.csv (sample data),
  tests/test_<job>.py (its end-to-end test) and adds the job and its silver table to project.yaml.
  Defaults: --source <job>_raw, --table <job> (underscores). Then: npm run job -- projects/<slug> <job> --fresh`;

export function parseNewJobArgs(argv: string[]): NewJobArgs {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!["--project", "--name", "--source", "--table"].includes(flag))
      throw new NewJobError(`unknown argument "${flag}"`);
    const v = argv[++i];
    if (v === undefined || v.startsWith("--")) throw new NewJobError(`${flag} needs a value`);
    out[flag.slice(2)] = v;
  }
  if (!out.project || !out.name) throw new NewJobError("--project and --name are required");
  return { project: out.project, name: out.name, source: out.source, table: out.table };
}

export interface NewJobResult {
  readonly written: string[];
}

/** Plans every file first and writes only when nothing conflicts. */
export function newJob(args: NewJobArgs): NewJobResult {
  const dir = path.resolve(args.project);
  const specFile = path.join(dir, "project.yaml");
  if (!fs.existsSync(specFile))
    throw new NewJobError(`${specFile} does not exist: --project names a project folder`);
  if (!SHORT_NAME.test(args.name))
    throw new NewJobError(
      `--name "${args.name}": use lowercase letters, digits and hyphens, starting with a letter, ≤40 characters`,
    );
  const module = args.name.replace(/-/g, "_");
  const source = args.source ?? `${module}_raw`;
  const target = args.table ?? module;
  for (const [flag, v] of [
    ["--source", source],
    ["--table", target],
  ] as const)
    if (!TABLE_NAME.test(v))
      throw new NewJobError(
        `${flag} "${v}": use lowercase letters, digits and underscores, starting with a letter`,
      );
  const t = { job: args.name, module, source, target };

  const doc = parseDocument(fs.readFileSync(specFile, "utf8"));
  if (doc.errors.length > 0) throw new NewJobError(`${specFile}: ${doc.errors[0].message}`);
  const databases = doc.getIn(["catalog", "databases"]);
  const layers = isSeq(databases)
    ? databases.items.map((i) => String((i as { value?: unknown }).value ?? i))
    : [];
  for (const layer of ["bronze", "silver"])
    if (!layers.includes(layer))
      throw new NewJobError(
        `${specFile}: catalog.databases has no ${layer}; add it (the job reads bronze and writes silver)`,
      );
  const names = (key: string) => {
    const seq = doc.get(key);
    return isSeq(seq) ? seq.items.map((i) => (isMap(i) ? String(i.get("name")) : "")) : [];
  };
  if (names("jobs").includes(t.job)) throw new NewJobError(`${specFile}: a job "${t.job}" exists already`);
  if (names("tables").includes(t.target))
    throw new NewJobError(`${specFile}: a table "${t.target}" exists already; pick another with --table`);

  const files: [string, string][] = [
    [path.join(dir, "scripts", `${module}.py`), jobScript(t)],
    [path.join(dir, "tests", `test_${module}.py`), jobTest(t)],
    [path.join(dir, "data", "bronze", source, `${source}.csv`), sampleCsv()],
  ];
  for (const [file] of files)
    if (fs.existsSync(file)) throw new NewJobError(`${file} exists already; nothing was written`);

  const entries = specEntries(t);
  for (const [key, value] of [
    ["jobs", entries.job],
    ["tables", entries.table],
  ] as const) {
    const seq = doc.get(key);
    const node = doc.createNode(value);
    // Columns one per line in flow style, as the sample specs write them.
    const columns = node.get("columns");
    if (isSeq(columns)) for (const c of columns.items) if (isMap(c)) c.flow = true;
    if (isSeq(seq) && seq.items.length > 0) seq.add(node);
    else {
      // Absent or an empty flow list (`jobs: []`): a block list with the one entry.
      const fresh = new YAMLSeq(doc.schema);
      fresh.add(node);
      fresh.flow = false;
      doc.set(key, fresh);
    }
  }
  for (const [file, text] of files) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text, { flag: "wx" });
  }
  fs.writeFileSync(specFile, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
  return { written: [specFile, ...files.map(([f]) => f)] };
}
