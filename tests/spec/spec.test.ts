import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { formatProblem, SpecError } from "../../components/spec/problems";
import { loadProjectSpec, validateSpecText } from "../../components/spec/validate";
import { PROJECT_SPEC_SCHEMA } from "../../components/spec/schema";
import { schemaText, SCHEMA_FILE } from "../../tools/writeSchema";
import { runStack } from "../../tools/runner/runStack";
import { DEFAULT_ACCOUNT } from "../../tools/runner/mocks";
import { REPO_ROOT } from "../../tools/runner/discover";

const SAMPLE = path.join(REPO_ROOT, "projects", "customer-360");
const BASE = fs.readFileSync(path.join(SAMPLE, "project.yaml"), "utf8");

/** A copy of the sample project in a temp `projects/customer-360/` folder, with its scripts. */
function sandbox(text: string, slug = "customer-360"): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "spec-"));
  const dir = path.join(root, "projects", slug);
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(path.join(SAMPLE, "scripts"), path.join(dir, "scripts"), { recursive: true });
  const file = path.join(dir, "project.yaml");
  fs.writeFileSync(file, text);
  return file;
}

function problemsOf(text: string, opts = {}): string[] {
  const file = sandbox(text);
  try {
    loadProjectSpec(file, opts);
  } catch (e) {
    if (e instanceof SpecError) return e.problems.map((p) => formatProblem({ ...p, file: "project.yaml" }));
    throw e;
  }
  return [];
}

/** Runs the real project program on a spec, as stack customer-360-dev. */
function runProgram(file: string) {
  return runStack({
    program: path.join(REPO_ROOT, "projects", "index.ts"),
    project: "glue-project",
    stack: "customer-360-dev",
    config: { "aws:region": "eu-west-1", "glue-project:spec": file, "glue-project:env": "dev" },
    preview: true,
    account: DEFAULT_ACCOUNT,
    stackOutputs: () => ({}),
  });
}

const replace = (from: string | RegExp, to: string) => {
  const out = BASE.replace(from, to);
  assert.notEqual(out, BASE, `fixture edit did not apply: ${String(from)}`);
  return out;
};

describe("project spec validation", () => {
  it("accepts every sample project", () => {
    for (const slug of ["customer-360", "churn-features", "clickstream"]) {
      const loaded = loadProjectSpec(path.join(REPO_ROOT, "projects", slug, "project.yaml"));
      assert.equal(loaded.spec.slug, slug);
      assert.ok(loaded.scripts.size > 0);
    }
  });

  it("publishes the schema it validates with", () => {
    assert.equal(fs.readFileSync(SCHEMA_FILE, "utf8"), schemaText(), "run npm run schema");
    assert.equal(PROJECT_SPEC_SCHEMA.additionalProperties, false);
  });

  // [what, spec text, exact problems]
  const corpus: [string, string, string[]][] = [
    [
      "malformed YAML",
      "slug: [unclosed\n",
      [
        "project.yaml:2:1 (yaml) — Flow sequence in block collection must be sufficiently indented and end with a ] — fix the YAML syntax at this position",
      ],
    ],
    [
      "duplicate key",
      BASE.replace("displayName: Customer 360", "displayName: Customer 360\ndisplayName: Again"),
      ["project.yaml:6:1 (yaml) — Map keys must be unique — fix the YAML syntax at this position"],
    ],
    [
      "missing owner",
      replace("owner: customer-data@example.com\n", ""),
      ["project.yaml:3:1 (document) — required field 'owner' is missing — add 'owner:' here"],
    ],
    [
      "bad owner email",
      replace("owner: customer-data@example.com", "owner: not-an-email"),
      ["project.yaml:6:1 owner — is not a valid email — write a valid email, e.g. team@example.com"],
    ],
    [
      "unknown field",
      replace("costCenter: CC-1042", "costCenter: CC-1042\ncostCentre: CC-1"),
      [
        "project.yaml:8:1 costCentre — is not a field of this object — remove it or fix its spelling (see projects/project.schema.json)",
      ],
    ],
    [
      "wrong type",
      replace("workers: 10", 'workers: "ten"'),
      ["project.yaml:26:5 jobs[0].workers — must be integer — write a integer value"],
    ],
    [
      "not a UUID v4",
      replace(/projectId: .*/, "projectId: 6fa459ea-ee8a-11ed-a05b-0242ac120002"),
      [
        "project.yaml:4:1 projectId — does not match the required pattern ^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$ — expected: lowercase UUID v4; never changes. See README.md (Adding a project, and adding a job to a project)",
      ],
    ],
    [
      "unknown job kind",
      replace("kind: sparkEtl\n    description: Aggregate", "kind: glueMagic\n    description: Aggregate"),
      [
        "project.yaml:34:5 jobs[1].kind — must be one of sparkEtl, pythonShell, ray, streaming — use one of the listed values",
      ],
    ],
    [
      "duplicate job names",
      replace("- name: silver-to-gold", "- name: raw-to-silver"),
      [
        'project.yaml:33:5 jobs[1].name — "raw-to-silver" is used twice in jobs — give every entry its own name',
        'project.yaml:77:9 triggers[2].actions[0].job — job "silver-to-gold" is not defined in this project — triggers may only use this project\'s jobs',
      ],
    ],
    [
      "workers over the project cap",
      replace("workers: 10", "workers: 30"),
      ["project.yaml:26:5 jobs[0].workers — is 30, above the cap of 20 workers per job — use ≤ 20"],
    ],
    [
      "looser limits than the platform",
      replace("maxWorkersPerJob: 20", "maxWorkersPerJob: 60"),
      [
        "project.yaml:15:3 limits.maxWorkersPerJob — is 60, looser than the platform's 50 — use a value ≤ 50 or remove it",
      ],
    ],
    [
      "timeout over the cap",
      replace("timeoutMinutes: 90", "timeoutMinutes: 720"),
      ["project.yaml:27:5 jobs[0].timeoutMinutes — is 720, above the cap of 480 — use ≤ 480"],
    ],
    [
      "end-of-life Glue version",
      replace('glueVersion: "5.1"\n    workerType: G.1X', 'glueVersion: "2.0"\n    workerType: G.1X'),
      [
        'project.yaml:24:5 jobs[0].glueVersion — "2.0" is not an allowed Glue version — use one of 4.0, 5.0, 5.1, 6.0 (≤2.0 is end-of-life)',
      ],
    ],
    [
      "FLEX on G.4X",
      replace("workerType: G.2X", "workerType: G.4X"),
      [
        "project.yaml:40:5 jobs[1].executionClass — FLEX needs G.1X or G.2X workers, not G.4X — use G.1X/G.2X or STANDARD",
      ],
    ],
    [
      "reserved argument",
      replace("OUTPUT_TABLE: customers\n", "OUTPUT_TABLE: customers\n      JOB_NAME: x\n"),
      [
        "project.yaml:33:7 jobs[0].parameters.JOB_NAME — --JOB_NAME is reserved by Glue or locked by the platform — rename the parameter",
      ],
    ],
    [
      "secret in parameters",
      replace("OUTPUT_TABLE: customers\n", "OUTPUT_TABLE: customers\n      DB_PASSWORD: hunter2\n"),
      [
        "project.yaml:33:7 jobs[0].parameters.DB_PASSWORD — is passed but scripts/raw_to_silver.py never reads it (it reads: INPUT_TABLE, OUTPUT_TABLE) — remove the parameter, or declare it in the script's `parameters`",
        "project.yaml:33:7 jobs[0].parameters.DB_PASSWORD — looks like a secret; job arguments are logged — keep secrets in Secrets Manager or a Glue connection and pass only its name",
      ],
    ],
    [
      "path traversal in script",
      replace("script: scripts/raw_to_silver.py", "script: ../../etc/passwd.py"),
      [
        "project.yaml:22:5 jobs[0].script — \"../../etc/passwd.py\" must be a relative path without '..' — put the file under this project's scripts/ folder and reference it as scripts/<file>",
      ],
    ],
    [
      "missing script",
      replace("script: scripts/raw_to_silver.py", "script: scripts/missing.py"),
      [
        'project.yaml:22:5 jobs[0].script — "scripts/missing.py" file scripts/missing.py does not exist — put the file under this project\'s scripts/ folder and reference it as scripts/<file>',
      ],
    ],
    [
      "crawler mixing raw and curated",
      replace("    zone: raw\n", "    zone: curated\n"),
      [
        "project.yaml:48:5 crawlers[0].database — a curated crawler cannot write to the bronze database — use silver or gold",
        "project.yaml:50:9 crawlers[0].targets[0].layer — a curated crawler cannot crawl bronze: raw and curated data are never crawled together — split it into a raw and a curated crawler",
      ],
    ],
    [
      "trigger naming an unknown job",
      replace("      - job: silver-to-gold\n", "      - job: other-projects-job\n"),
      [
        'project.yaml:77:9 triggers[2].actions[0].job — job "other-projects-job" is not defined in this project — triggers may only use this project\'s jobs',
      ],
    ],
    [
      "scheduled trigger without schedule",
      replace("    schedule: cron(0 2 * * ? *)\n", ""),
      [
        "project.yaml:56:5 triggers[0].schedule — a scheduled trigger needs a schedule — add schedule: cron(0 2 * * ? *)",
      ],
    ],
    [
      "unknown placeholder",
      replace("OUTPUT_TABLE: customer_value", 'OUTPUT_TABLE: "${lake.platinum}customers/"'),
      [
        "project.yaml:44:7 jobs[1].parameters.OUTPUT_TABLE — placeholder ${lake.platinum} is unknown — use ${lake.<bronze|silver|gold>} or ${db.<layer>}",
      ],
    ],
    [
      "Ray while disabled",
      replace(
        'kind: sparkEtl\n    description: Aggregate customer lifetime value per segment\n    script: scripts/silver_to_gold.py\n    glueVersion: "5.1"\n    workerType: G.2X\n    workers: 8\n    executionClass: FLEX\n    iceberg: true',
        "kind: ray\n    description: Aggregate customer lifetime value per segment\n    script: scripts/silver_to_gold.py\n    workers: 8",
      ),
      [
        "project.yaml:34:5 jobs[1].kind — Glue for Ray is closed to new AWS customers and disabled on this platform — use a sparkEtl or pythonShell job, or ask the platform team to enable Ray",
      ],
    ],
    [
      "several problems at once",
      replace("workers: 10", "workers: 99").replace("timeoutMinutes: 90", "timeoutMinutes: 999"),
      [
        "project.yaml:27:5 jobs[0].timeoutMinutes — is 999, above the cap of 480 — use ≤ 480",
        "project.yaml:26:5 jobs[0].workers — is 99, above the cap of 20 workers per job — use ≤ 20",
        "project.yaml:18:1 jobs — can hold 115 DPU at once (workers × DPU × maxConcurrentRuns), above the project cap of 100 — lower workers or maxConcurrentRuns",
      ],
    ],
  ];
  for (const [what, text, expected] of corpus) {
    it(`rejects ${what} with file:line:col field — why — fix, and registers nothing`, async () => {
      assert.deepEqual(problemsOf(text).sort(), [...expected].sort());
      const run = await runProgram(sandbox(text));
      assert.ok(run.error instanceof SpecError, String(run.error));
      assert.deepEqual(
        run.resources.map((r) => r.type),
        ["pulumi:pulumi:Stack"],
      );
    });
  }

  it("rejects a spec that reuses another project's id", () => {
    const churnId = /projectId: (.*)/.exec(
      fs.readFileSync(path.join(REPO_ROOT, "projects/churn-features/project.yaml"), "utf8"),
    )?.[1] as string;
    const problems = problemsOf(replace(/projectId: .*/, `projectId: ${churnId}`), {
      otherProjects: new Map([[churnId, "churn-features"]]),
    });
    assert.deepEqual(problems, [
      'project.yaml:4:1 projectId — is already the id of project "churn-features" — every project has its own UUID v4; generate a new one (npm run onboard does)',
    ]);
  });

  it("rejects an environment the spec does not list", () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, "projects/clickstream/project.yaml"), "utf8");
    assert.throws(
      () =>
        validateSpecText(text, path.join(REPO_ROOT, "projects/clickstream/project.yaml"), { env: "prod" }),
      /environments — does not include "prod"/,
    );
  });

  it("deploys nothing from an invalid spec, saying so", async () => {
    const run = await runProgram(sandbox(replace("workers: 10", "workers: 99")));
    assert.ok(run.error instanceof SpecError, String(run.error));
    assert.match(run.error.message, /project spec is invalid \(2 problems\); nothing was deployed/);
    assert.deepEqual(
      run.resources.map((r) => r.type),
      ["pulumi:pulumi:Stack"],
    );
  });
});
