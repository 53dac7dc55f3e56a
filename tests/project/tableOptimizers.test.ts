/**
 * Table optimizers: the spec fields (schema and the orphan-retention rule, with file:line), the
 * optimizer role's least-privilege document, and the pack's judgement (glue-table-optimizer-scope) on
 * the stack a spec with optimizers produces, then on that stack broken one way at a time.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SpecError } from "../../components/spec/problems";
import { validateSpecText } from "../../components/spec/validate";
import { ProjectNames } from "../../components/naming";
import { CheckedStack, PACK, runOfflineCheck } from "../../tools/gate/offlineCheck";
import { evaluateStack } from "../../tools/gate/evaluate";
import { CapturedResource } from "../../tools/runner/runStack";
import { glueTableOptimizerScope } from "../../policy-pack/policies/glueTableOptimizerScope";
import { optimizerAccess } from "../../tools/isolation/optimizerProbes";

const PROJECT_ID = "3c9b1f0e-7a2d-4e5f-9b8c-0d1e2f3a4b5c";
const OPTIMIZER = "aws:glue/catalogTableOptimizer:CatalogTableOptimizer";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

function spec(tables: string, jobs = "jobs: []"): string {
  return `slug: optimizer-fixture
projectId: ${PROJECT_ID}
displayName: Optimizer fixture
owner: team@example.com
costCenter: CC-1
environments: [dev]
monthlyBudgetUsd: { dev: 100 }
notificationEmails: [team@example.com]
catalog:
  databases: [bronze, silver, gold]
${jobs}
tables:
${tables}`;
}

const TABLES = `  - name: orders
    layer: silver
    columns:
      - { name: order_id, type: string }
    optimizers:
      compaction: { minInputFiles: 50 }
      retention: { snapshotRetentionPeriodInDays: 7, runRateInHours: 12 }
  - name: daily
    layer: gold
    columns:
      - { name: day, type: date }
    optimizers:
      orphanFileDeletion: {}
  - name: plain
    layer: gold
    columns:
      - { name: x, type: long }
`;

function problemsOf(text: string, dir: string): { field: string; line: number; why: string }[] {
  try {
    validateSpecText(text, path.join(dir, "project.yaml"));
  } catch (e) {
    if (e instanceof SpecError) return e.problems.map((p) => ({ field: p.field, line: p.line, why: p.why }));
    throw e;
  }
  return [];
}

describe("table optimizers", function () {
  this.timeout(180000);
  let dir: string;
  let stack: CheckedStack;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "optimizers-"));
    fs.writeFileSync(path.join(dir, "project.yaml"), spec(TABLES));
    const stacks = await runOfflineCheck({
      envs: ["dev"],
      specs: [path.join(dir, "project.yaml")],
      onlyExtra: true,
    });
    assert.equal(stacks.length, 1);
    stack = stacks[0];
    assert.equal(stack.error, undefined, stack.error);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe("spec", () => {
    it("accepts optimizers with defaults and reports bad knobs at their line", () => {
      assert.deepEqual(problemsOf(spec(TABLES), dir), []);
      const bad = spec(TABLES.replace("runRateInHours: 12", "runRateInHours: 1"));
      const found = problemsOf(bad, dir);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.match(found[0].field, /^tables\[0\]\.optimizers\.retention\.runRateInHours$/);
      assert.equal(found[0].line, bad.split("\n").findIndex((l) => l.includes("runRateInHours")) + 1);
      const unknown = problemsOf(spec(TABLES.replace("compaction: {", "compaction: { strategy: sort,")), dir);
      assert.ok(
        unknown.some((p) => /compaction/.test(p.field)),
        JSON.stringify(unknown),
      );
    });

    it("refuses an orphan-file retention no longer than the longest job may run", () => {
      fs.mkdirSync(path.join(dir, "scripts"), { recursive: true });
      fs.writeFileSync(path.join(dir, "scripts", "job.py"), "print('x')\n");
      const jobs = `jobs:
  - name: long
    kind: pythonShell
    script: scripts/job.py
    timeoutMinutes: 1500`;
      const tables = TABLES.replace(
        "orphanFileDeletion: {}",
        "orphanFileDeletion: { orphanFileRetentionPeriodInDays: 1 }",
      );
      const text = spec(tables, jobs);
      const found = problemsOf(text, dir).filter((p) => /orphan/.test(p.field));
      assert.equal(found.length, 1, JSON.stringify(problemsOf(text, dir)));
      assert.equal(found[0].field, "tables[1].optimizers.orphanFileDeletion.orphanFileRetentionPeriodInDays");
      assert.match(found[0].why, /job "long" may run \(1500 minutes\)/);
      assert.equal(
        found[0].line,
        text.split("\n").findIndex((l) => l.includes("orphanFileRetentionPeriodInDays")) + 1,
      );
      // Two days outlast the job: accepted.
      assert.deepEqual(
        problemsOf(spec(tables.replace("PeriodInDays: 1", "PeriodInDays: 2"), jobs), dir).filter((p) =>
          /orphan/.test(p.field),
        ),
        [],
      );
    });
  });

  describe("stack", () => {
    const names = new ProjectNames(PROJECT_ID, "dev");
    const optimizers = () => stack.resources.filter((r) => r.type === OPTIMIZER);

    it("creates one optimizer per declared type, on the project's tables, as the optimizer role", () => {
      const got = optimizers()
        .map((r) => `${String(r.inputs.databaseName)}/${String(r.inputs.tableName)}:${String(r.inputs.type)}`)
        .sort();
      assert.deepEqual(got, [
        `${names.catalogDatabase("gold")}/daily:orphan_file_deletion`,
        `${names.catalogDatabase("silver")}/orders:compaction`,
        `${names.catalogDatabase("silver")}/orders:retention`,
      ]);
      for (const r of optimizers()) {
        const c = r.inputs.configuration as { roleArn: string; enabled: boolean };
        assert.match(c.roleArn, new RegExp(`:role/${names.tableOptimizerRole()}$`));
        assert.equal(c.enabled, true);
      }
      const retention = optimizers().find((r) => r.inputs.type === "retention") as CapturedResource;
      assert.deepEqual((retention.inputs.configuration as Record<string, unknown>).retentionConfiguration, {
        icebergConfiguration: {
          cleanExpiredFiles: true,
          snapshotRetentionPeriodInDays: 7,
          runRateInHours: 12,
        },
      });
      assert.deepEqual(
        stack.violations.filter((v) => v.level === "mandatory"),
        [],
      );
    });

    it("grants the role only the optimized tables: no writes where only orphan files are deleted", () => {
      const doc = JSON.parse(
        String(
          stack.resources.find(
            (r) => r.type === ROLE_POLICY && r.inputs.name === names.tableOptimizerRolePolicy(),
          )?.inputs.policy,
        ),
      ) as {
        Statement: { Sid: string; Effect: string; Action: string | string[]; Resource: string | string[] }[];
      };
      const resources = (sid: string) => [doc.Statement.find((s) => s.Sid === sid)?.Resource ?? []].flat();
      const prefix = names.lakePrefix();
      assert.deepEqual(
        resources("ReadAndDeleteOptimizedTableFiles").map((r) =>
          r.replace(/^arn:aws:s3:::glue-lake-(\w+)-.*?\//, "$1/"),
        ),
        [`silver/${prefix}orders/*`, `gold/${prefix}daily/*`],
      );
      // Orphan-file deletion needs neither PutObject nor UpdateTable (optimization-prerequisites.html).
      assert.deepEqual(
        resources("WriteCompactedFiles").map((r) => r.replace(/^arn:aws:s3:::glue-lake-(\w+)-.*?\//, "$1/")),
        [`silver/${prefix}orders/*`],
      );
      assert.ok(resources("CommitOptimizedTables").every((r) => !r.includes("/daily")));
      assert.ok(
        resources("CommitOptimizedTables").some((r) =>
          r.endsWith(`table/${names.catalogDatabase("silver")}/orders`),
        ),
      );
      // The table without optimizers is reachable by no statement.
      assert.ok(doc.Statement.every((s) => [s.Resource].flat().every((r) => !r.includes("plain"))));
      const trust = JSON.parse(
        String(
          stack.resources.find((r) => r.inputs.name === names.tableOptimizerRole())?.inputs.assumeRolePolicy,
        ),
      ) as { Statement: { Principal: unknown }[] };
      assert.deepEqual(trust.Statement[0].Principal, { Service: "glue.amazonaws.com" });
    });

    describe("isolation of the optimizer role", () => {
      const FOREIGN = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
      it("reaches only the optimized tables of its own project, writes only where it rewrites", async () => {
        const results = (await optimizerAccess(stack, PROJECT_ID, FOREIGN)) ?? [];
        assert.ok(results.length >= 50, String(results.length));
        assert.deepEqual(
          results.filter((r) => r.decisions.some((d) => d.startsWith("error"))).map((r) => r.probe.id),
          [],
        );
        assert.deepEqual(
          results
            .filter((r) => r.allowed !== r.probe.expectAllowed)
            .map((r) => `${r.probe.id}: ${r.decisions}`),
          [],
        );
        // Every access kind occurs, allowed and denied.
        for (const access of ["none", "orphan-only", "rewrite"])
          assert.ok(
            results.some((r) => r.probe.access === access),
            access,
          );
        assert.ok(results.some((r) => r.allowed) && results.some((r) => !r.allowed));
      });
      it("catches a widened optimizer policy", async () => {
        const widened = structuredClone(stack);
        const policy = widened.resources.find(
          (r) => r.type === ROLE_POLICY && r.inputs.name === names.tableOptimizerRolePolicy(),
        ) as CapturedResource;
        const doc = JSON.parse(String(policy.inputs.policy)) as { Statement: unknown[] };
        doc.Statement.push({
          Effect: "Allow",
          Action: "s3:PutObject",
          Resource: "arn:aws:s3:::glue-lake-*/*",
        });
        (policy.inputs as Record<string, unknown>).policy = JSON.stringify(doc);
        const results = (await optimizerAccess(widened, PROJECT_ID, FOREIGN)) ?? [];
        const leaks = results.filter((r) => r.allowed && !r.probe.expectAllowed).map((r) => r.probe.id);
        assert.ok(leaks.length > 0 && leaks.every((id) => id.includes("table-put-object")), leaks.join("\n"));
        assert.ok(leaks.some((id) => id.startsWith("foreign")));
      });
    });

    describe("glue-table-optimizer-scope", () => {
      const judge = (resources: CapturedResource[]) =>
        evaluateStack(resources, [glueTableOptimizerScope], new Map(), PACK, {
          project: stack.project,
          stack: stack.name,
          config: stack.config,
        }).then((v) => v.map((x) => x.message).join("\n"));
      const mutate = (f: (inputs: Record<string, unknown>) => void) =>
        stack.resources.map((r) => {
          if (r.type !== OPTIMIZER || r.name !== "silver-orders-compaction") return r;
          // The pack judges the resource's outputs (its inputs at preview): change both.
          const inputs = structuredClone(r.inputs) as Record<string, unknown>;
          f(inputs);
          return {
            ...r,
            inputs: inputs as typeof r.inputs,
            outputs: structuredClone(inputs) as typeof r.outputs,
          };
        });
      const other = "project-0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";

      it("passes the planned optimizers", async () => {
        assert.equal(optimizers().length, 3);
        assert.equal(await judge(stack.resources), "");
      });
      it("blocks another project's database, an undeclared table, a foreign role, an unknown type, a foreign orphan location", async () => {
        assert.match(
          await judge(mutate((i) => (i.databaseName = `${other}-catalog-db-silver`))),
          /works on database "project-0f1e2d3c-[^"]+", not one of project/,
        );
        assert.match(
          await judge(mutate((i) => (i.tableName = "customers"))),
          /table "customers" in .* is not a table this stack declares/,
        );
        assert.match(
          await judge(
            mutate(
              (i) =>
                ((i.configuration as Record<string, unknown>).roleArn =
                  `arn:aws:iam::123456789012:role/${names.jobRole()}`),
            ),
          ),
          /runs as role "project-[^"]+-glue-job-role"/,
        );
        assert.match(
          await judge(mutate((i) => (i.type = "rewrite"))),
          /type "rewrite" is not a table optimizer type/,
        );
        assert.match(await judge(mutate((i) => (i.catalogId = "999999999999"))), /catalogId differs/);
        const orphan = stack.resources.map((r) => {
          if (r.type !== OPTIMIZER || r.inputs.type !== "orphan_file_deletion") return r;
          const inputs = structuredClone(r.inputs) as Record<
            string,
            { orphanFileDeletionConfiguration: { icebergConfiguration: { location: string } } }
          >;
          inputs.configuration.orphanFileDeletionConfiguration.icebergConfiguration.location = `s3://glue-lake-gold-123456789012-eu-west-1-dev/${other}/`;
          return {
            ...r,
            inputs: inputs as typeof r.inputs,
            outputs: structuredClone(inputs) as typeof r.outputs,
          };
        });
        assert.match(
          await judge(orphan as CapturedResource[]),
          /deletes orphan files under .*outside the project's lake prefix/,
        );
      });
    });
  });
});
