/**
 * The platform side of the job runtime: every Spark ETL job of every project stack in the repository
 * is locked to the uploaded runtime archive and its context arguments; Iceberg jobs get exactly the
 * platform's Iceberg arguments; declared tables land in the project's databases and lake prefixes; the
 * script/spec parameter check. Projects and stacks are discovered, never listed here.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  ICEBERG_CATALOG_NAME,
  ICEBERG_DATALAKE_FORMATS,
  icebergSparkConf,
  RUNTIME_CONTEXT_ARGUMENTS,
  RUNTIME_DATABASE_ARGUMENTS,
  RUNTIME_ICEBERG_CATALOG_ARGUMENT,
} from "../../components/glue/jobArgs";
import { runtimeArchive } from "../../components/project/runtimeArchive";
import { compareParameters, scriptParameters } from "../../components/spec/jobParameters";
import { loadProjectSpec, validateSpecText } from "../../components/spec/validate";
import { discoverStacks, REPO_ROOT } from "../../tools/runner/discover";
import { inputs, ofType, stackNamed } from "../support/offline";

const CONTEXT_PY = path.join(REPO_ROOT, "runtime", "glue_runtime", "context.py");

/** A Python tuple of string literals assigned to `name` in context.py. */
function pythonTuple(name: string): string[] {
  const text = fs.readFileSync(CONTEXT_PY, "utf8");
  const m = new RegExp(`^${name} = \\(([^)]*)\\)`, "m").exec(text);
  assert.ok(m, `${name} not found in ${CONTEXT_PY}`);
  return [...m[1].matchAll(/"([A-Z_]+)"/g)].map((x) => x[1]);
}

describe("job runtime wiring", () => {
  it("passes exactly the context arguments the runtime reads", () => {
    assert.deepEqual(
      RUNTIME_CONTEXT_ARGUMENTS.map((a) => a.slice(2)),
      pythonTuple("CONTEXT_ARGUMENTS"),
    );
    const text = fs.readFileSync(CONTEXT_PY, "utf8");
    assert.match(
      text,
      new RegExp(`^ICEBERG_CATALOG_ARGUMENT = "${RUNTIME_ICEBERG_CATALOG_ARGUMENT.slice(2)}"`, "m"),
    );
    assert.deepEqual(RUNTIME_DATABASE_ARGUMENTS, ["--DB_BRONZE", "--DB_SILVER", "--DB_GOLD"]);
    assert.match(text, /^DATABASE_ARGUMENTS = tuple\(f"DB_\{layer\.upper\(\)\}" for layer in LAYERS\)/m);
  });

  it("builds the Iceberg --conf of the Glue documentation", () => {
    assert.equal(
      icebergSparkConf("s3://b/p/"),
      "spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions" +
        ` --conf spark.sql.catalog.${ICEBERG_CATALOG_NAME}=org.apache.iceberg.spark.SparkCatalog` +
        ` --conf spark.sql.catalog.${ICEBERG_CATALOG_NAME}.warehouse=s3://b/p/` +
        ` --conf spark.sql.catalog.${ICEBERG_CATALOG_NAME}.catalog-impl=org.apache.iceberg.aws.glue.GlueCatalog` +
        ` --conf spark.sql.catalog.${ICEBERG_CATALOG_NAME}.io-impl=org.apache.iceberg.aws.s3.S3FileIO`,
    );
  });

  it("keys the runtime archive by the content of every module", () => {
    const a = runtimeArchive();
    assert.ok(a.files.some((f) => f.archivePath === "glue_runtime/__init__.py"));
    assert.ok(
      a.files.every((f) => f.archivePath.startsWith("glue_runtime/") && f.archivePath.endsWith(".py")),
    );
    assert.match(a.key, /^runtime\/[0-9a-f]{16}\/glue_runtime\.zip$/);
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "glue-runtime-"));
    try {
      for (const f of a.files) fs.copyFileSync(f.absolutePath, path.join(copy, path.basename(f.archivePath)));
      assert.equal(runtimeArchive(copy).key, a.key);
      fs.appendFileSync(path.join(copy, "job.py"), "\n# changed\n");
      assert.notEqual(runtimeArchive(copy).key, a.key);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  for (const target of discoverStacks().filter((t) => t.kind === "project")) {
    const specFile = path.join(REPO_ROOT, "projects", target.config.config["glue-project:spec"]);
    describe(`stack ${target.stack}`, () => {
      it("locks Spark ETL jobs to the runtime archive, its context and (Iceberg jobs) the Iceberg arguments", async () => {
        const s = await stackNamed(target.stack, target.env);
        const spec = loadProjectSpec(specFile).spec;
        const prefix = `project-${spec.projectId}/`;
        const objects = new Set(
          ofType(s, "aws:s3/bucketObjectv2:BucketObjectv2").map((o) => String(inputs(o).key)),
        );
        for (const job of spec.jobs ?? []) {
          const glueJob = ofType(s, "aws:glue/job:Job")
            .map(inputs)
            .find((j) => j.name === `project-${spec.projectId}-job-${job.name}`);
          assert.ok(glueJob, job.name);
          const locked = glueJob.nonOverridableArguments as Record<string, string>;
          if (job.kind !== "sparkEtl") {
            assert.equal(locked["--PROJECT_ID"], undefined);
            continue;
          }
          const [first] = locked["--extra-py-files"].split(",");
          const key = /^s3:\/\/[^/]+\/(.*)$/.exec(first)?.[1] as string;
          assert.equal(key, runtimeArchive().key);
          assert.ok(objects.has(key), `runtime archive ${key} is uploaded`);
          for (const arg of RUNTIME_CONTEXT_ARGUMENTS) assert.ok(locked[arg], `${job.name} locks ${arg}`);
          assert.equal(locked["--PROJECT_ID"], spec.projectId);
          assert.equal(locked["--ENV"], target.env);
          for (const layer of ["bronze", "silver", "gold"] as const) {
            assert.match(locked[`--LAKE_${layer.toUpperCase()}`], new RegExp(`^s3://[^/]+/${prefix}$`));
            const declared = spec.catalog?.databases.includes(layer) ?? true;
            assert.equal(
              locked[`--DB_${layer.toUpperCase()}`],
              declared ? `project-${spec.projectId}-catalog-db-${layer}` : undefined,
            );
          }
          assert.match(locked["--QUARANTINE_PATH"], new RegExp(`^s3://[^/]+/${prefix}_quarantine/$`));
          assert.match(locked["--DLQ_URL"], new RegExp(`/project-${spec.projectId}-glue-dlq$`));
          if (job.iceberg) {
            assert.equal(locked["--datalake-formats"], ICEBERG_DATALAKE_FORMATS);
            assert.equal(locked["--conf"], icebergSparkConf(locked["--LAKE_SILVER"]));
            assert.equal(locked[RUNTIME_ICEBERG_CATALOG_ARGUMENT], ICEBERG_CATALOG_NAME);
          } else {
            assert.equal(locked["--datalake-formats"], undefined);
            assert.equal(locked["--conf"], undefined);
          }
          const defaults = glueJob.defaultArguments as Record<string, string>;
          for (const name of Object.keys(defaults))
            assert.equal(locked[name], undefined, `${name} is not both`);
        }
      });

      it("creates every declared table in the layer's database under the project's lake prefix", async () => {
        const s = await stackNamed(target.stack, target.env);
        const spec = loadProjectSpec(specFile).spec;
        const tables = ofType(s, "aws:glue/catalogTable:CatalogTable").map(inputs);
        assert.equal(tables.length, (spec.tables ?? []).length);
        for (const t of spec.tables ?? []) {
          const found = tables.find(
            (x) => x.name === t.name && String(x.databaseName).endsWith(`-${t.layer}`),
          );
          assert.ok(found, t.name);
          assert.equal(found.databaseName, `project-${spec.projectId}-catalog-db-${t.layer}`);
          const iceberg = (found.openTableFormatInput as { icebergInput: Record<string, unknown> })
            .icebergInput;
          const input = iceberg.icebergTableInput as { location: string; schema: { fields: unknown[] } };
          assert.match(
            input.location,
            new RegExp(`^s3://[^/]*-${t.layer}-[^/]*/project-${spec.projectId}/${t.name}/$`),
          );
          assert.equal(input.schema.fields.length, t.columns.length);
        }
      });
    });
  }
});

describe("job parameter check", () => {
  it("reads runtime declarations and getResolvedOptions lists, minus supplied arguments", () => {
    assert.deepEqual(scriptParameters('class J(BaseJob):\n    parameters = ("A", "B")\n', []), {
      names: ["A", "B"],
      line: 2,
    });
    assert.deepEqual(
      scriptParameters('args = getResolvedOptions(sys.argv, ["JOB_NAME", "ENV", "X"])', ["--ENV"]).names,
      ["X"],
    );
    assert.deepEqual(scriptParameters("print('no declaration')", []), {});
    assert.deepEqual(compareParameters(["A", "B"], ["B", "C"]), { missing: ["A"], unused: ["C"] });
  });

  it("reports a parameter the script reads but the job does not pass, and the reverse", () => {
    const file = path.join(REPO_ROOT, "projects", "customer-360", "project.yaml");
    const text = fs
      .readFileSync(file, "utf8")
      .replace("      OUTPUT_TABLE: customer_value\n", "      EXTRA: x\n");
    assert.throws(
      () => validateSpecText(text, file),
      (e: Error) =>
        /jobs\[1\]\.parameters — scripts\/silver_to_gold\.py:\d+ reads parameter OUTPUT_TABLE, which this job does not pass/.test(
          e.message,
        ) &&
        /jobs\[1\]\.parameters\.EXTRA — is passed but scripts\/silver_to_gold\.py never reads it/.test(
          e.message,
        ),
    );
  });
});
