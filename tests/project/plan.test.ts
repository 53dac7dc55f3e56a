import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as fc from "fast-check";
import { arns } from "../../components/arn";
import { glueJobArgs, JobLocks } from "../../components/glue/jobArgs";
import {
  GLUE_COMMAND,
  PLATFORM_LIMITS,
  PLATFORM_LOCKED_ARGUMENTS,
  PYTHON_SHELL_DEFAULT_CAPACITY,
  REQUIRED_NON_OVERRIDABLE_ARGUMENTS,
  WORKER_TYPES_BY_KIND,
} from "../../components/limits";
import { ENVIRONMENTS, ROLE_KINDS } from "../../components/naming";
import { failoverOrder, planProject } from "../../components/project/plan";
import { contract } from "../support/contract";
import { JobSpec } from "../../components/spec/model";
import { loadProjectSpec } from "../../components/spec/validate";

const PROJECTS = path.join(__dirname, "..", "..", "projects");
/** Every project spec in the repository (a project added the README way is covered too). */
const SPECS = fs
  .readdirSync(PROJECTS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(PROJECTS, d.name, "project.yaml")))
  .map((d) => path.join(PROJECTS, d.name, "project.yaml"));

const scopes = fc.record({
  partition: fc.constantFrom("aws", "aws-cn", "aws-us-gov"),
  accountId: fc.stringMatching(/^[0-9]{12}$/),
  region: fc.constantFrom("eu-west-1", "us-east-1", "cn-north-1", "us-gov-west-1"),
});

/** Every string in a value, however deep. */
function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === "object") return Object.values(v).flatMap(strings);
  return [];
}

describe("plan: planProject tested directly (no Pulumi runtime)", () => {
  it("finds the repository's project specs", () => assert.ok(SPECS.length > 0));

  for (const file of SPECS) {
    const loaded = loadProjectSpec(file);
    const slug = path.basename(path.dirname(file));

    it(`${slug}: names, ARNs and locks come from the contract and the naming module, for any account`, () => {
      fc.assert(
        fc.property(scopes, fc.constantFrom(...ENVIRONMENTS), (scope, env) => {
          const plan = planProject(loaded, contract(env, scope), env);
          // Every ARN in the plan is in the contract's partition and account (or account-less S3).
          for (const arn of strings(plan).filter((s) => s.startsWith("arn:"))) {
            assert.ok(
              arn.startsWith(`arn:${scope.partition}:`),
              `${arn} is not in partition ${scope.partition}`,
            );
            const account = arn.split(":")[4];
            assert.ok(["", "*", scope.accountId].includes(account), `${arn} names another account`);
          }
          for (const kind of ROLE_KINDS)
            assert.equal(plan.roles[kind].arn, arns.role(scope, plan.roles[kind].name));
          for (const j of plan.jobs) {
            assert.equal(j.args.name, plan.names.job(j.spec.name));
            assert.equal(j.args.roleArn, plan.roles.job.arn);
            assert.deepEqual(
              j.args.connections,
              plan.subnets.map((s) => s.connectionName),
            );
            for (const a of REQUIRED_NON_OVERRIDABLE_ARGUMENTS)
              assert.ok(a in j.args.nonOverridableArguments, a);
            assert.equal(j.args.command.name, GLUE_COMMAND[j.spec.kind]);
          }
          assert.deepEqual(
            plan.subnets.map((s) => s.id).sort(),
            [...contract(env, scope).privateSubnetIds].sort(),
          );
        }),
        { numRuns: 15 },
      );
    });
  }

  it("failoverOrder is a rotation of the subnets, fixed by the project id", () => {
    fc.assert(
      fc.property(
        fc.uuid({ version: 4 }),
        fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 6 }),
        (id, subnets) => {
          const order = failoverOrder(subnets, id);
          assert.deepEqual([...order].sort(), [...subnets].sort());
          const start = subnets.indexOf(order[0]);
          assert.deepEqual(order, [...subnets.slice(start), ...subnets.slice(0, start)]);
          assert.deepEqual(failoverOrder(subnets, id), order);
        },
      ),
    );
  });
});

const LOCKS: JobLocks = {
  physicalName: "project-0b8f1c52-3c1e-4f7a-9a55-0d5c2f3b8a10-job-x",
  roleArn: "arn:aws:iam::123456789012:role/r",
  connectionNames: ["c1", "c2"],
  securityConfigurationName: "sc",
  scriptLocation: "s3://b/jobs/x/script.py",
  extraPyFiles: [],
  tempDir: "s3://b/temp/",
  sparkUiPath: "s3://b/spark-ui/",
  limits: PLATFORM_LIMITS,
  env: "dev",
};

const parameterKey = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,20}$/);
const sparkJobs: fc.Arbitrary<JobSpec> = fc.record({
  name: fc.constant("x"),
  kind: fc.constant("sparkEtl" as const),
  script: fc.constant("scripts/x.py"),
  glueVersion: fc.constantFrom(...PLATFORM_LIMITS.allowedGlueVersions),
  workerType: fc.constantFrom(...WORKER_TYPES_BY_KIND.sparkEtl),
  workers: fc.integer({ min: 1, max: PLATFORM_LIMITS.maxWorkersPerJob }),
  maxRetries: fc.integer({ min: 0, max: PLATFORM_LIMITS.maxRetries }),
  executionClass: fc.constantFrom("STANDARD" as const, "FLEX" as const),
  bookmarks: fc.boolean(),
  parameters: fc.dictionary(parameterKey, fc.string({ maxLength: 20 }), { maxKeys: 5 }),
});
const shellJobs: fc.Arbitrary<JobSpec> = fc.record(
  {
    name: fc.constant("x"),
    kind: fc.constant("pythonShell" as const),
    script: fc.constant("scripts/x.py"),
    maxCapacity: fc.constantFrom(0.0625 as const, 1 as const),
    maxRetries: fc.integer({ min: 0, max: PLATFORM_LIMITS.maxRetries }),
  },
  { requiredKeys: ["name", "kind", "script"] },
);

describe("plan: the job-argument builder (glueJobArgs) tested directly", () => {
  it("always locks logging, metrics and the temp dir, whatever the job sets", () => {
    fc.assert(
      fc.property(fc.oneof(sparkJobs, shellJobs), (job) => {
        const args = glueJobArgs(job, LOCKS);
        for (const a of REQUIRED_NON_OVERRIDABLE_ARGUMENTS)
          assert.equal(args.nonOverridableArguments[a], "true");
        assert.equal(args.nonOverridableArguments["--TempDir"], LOCKS.tempDir);
        // Nothing locked is left to the overridable defaults.
        for (const k of Object.keys(args.nonOverridableArguments))
          assert.ok(!(k in args.defaultArguments) || k === "--ENV", `${k} is both locked and a default`);
        assert.deepEqual(args.connections, LOCKS.connectionNames);
        assert.equal(args.securityConfiguration, LOCKS.securityConfigurationName);
        assert.equal(args.command.name, GLUE_COMMAND[job.kind]);
      }),
    );
  });

  it("user parameters become default arguments; the platform's locked names are never among them", () => {
    fc.assert(
      fc.property(sparkJobs, (job) => {
        const args = glueJobArgs(job, LOCKS);
        for (const [k, v] of Object.entries(job.parameters ?? {}))
          assert.equal(args.defaultArguments[`--${k}`], v);
        for (const k of PLATFORM_LOCKED_ARGUMENTS.filter((a) => a !== "--job-bookmark-option"))
          assert.ok(!(k in args.defaultArguments) || `${k}`.slice(2) in (job.parameters ?? {}), k);
      }),
    );
  });

  it("queues runs only without retries and never for FLEX; Python shell defaults its capacity", () => {
    fc.assert(
      fc.property(fc.oneof(sparkJobs, shellJobs), (job) => {
        const args = glueJobArgs(job, LOCKS);
        if ((job.maxRetries ?? 0) > 0) assert.equal(args.jobRunQueuingEnabled, false);
        if (job.kind === "sparkEtl" && job.executionClass === "FLEX")
          assert.equal(args.jobRunQueuingEnabled, false);
        if (job.kind === "pythonShell") {
          assert.equal(args.maxCapacity, job.maxCapacity ?? PYTHON_SHELL_DEFAULT_CAPACITY);
          assert.equal(args.workerType, undefined);
        } else {
          assert.equal(args.maxCapacity, undefined);
          assert.equal(args.numberOfWorkers, job.kind === "sparkEtl" ? job.workers : undefined);
        }
      }),
    );
  });
});
