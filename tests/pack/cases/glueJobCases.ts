/** Resource cases of the policy pack: Glue jobs: connections, roles, names, sizing, arguments, code (run by tests/pack/glueJobPolicies.test.ts). */
import { T } from "../../../policy-pack/lib/types";
import { JOB, OTHER, P, PROJECT, set, ResourceCase } from "../../support/policyCases";

export const GLUE_JOB_CASES: ResourceCase[] = [
  {
    policy: "glue-job-requires-project-connection",
    type: T.job,
    from: JOB,
    fails: [
      [
        "no connections",
        set(["connections"], undefined),
        /has no connection, so it would run outside the platform VPC/,
      ],
      [
        "another project's connection",
        set(["connections"], [`${OTHER}-glue-network`]),
        /uses connection\(s\) "project-418680bb.*instead of its project's/,
      ],
      ["unnamed job", set(["name"], "orders"), /is not named project-\{uuid\}-job-<name>/],
    ],
    unknown: ["connections"],
  },
  {
    policy: "glue-job-uses-project-job-role",
    type: T.job,
    from: JOB,
    fails: [
      [
        "crawler role",
        set(["roleArn"], `arn:aws:iam::123456789012:role/${P}-glue-crawler-role`),
        /runs as role ".*-glue-crawler-role"/,
      ],
      [
        "other project's role",
        set(["roleArn"], `arn:aws:iam::123456789012:role/${OTHER}-glue-job-role`),
        /runs as role "project-418680bb/,
      ],
    ],
    unknown: ["name"],
  },
  {
    policy: "glue-resource-naming",
    type: T.job,
    from: JOB,
    fails: [
      ["autonamed", set(["name"], undefined), /has no explicit name/],
      ["wrong kind in name", set(["name"], `${P}-crawler-x`), /does not follow project-\{uuid\}-job-<name>/],
    ],
    unknown: ["name"],
  },
  {
    policy: "glue-job-worker-limits",
    type: T.job,
    from: JOB,
    fails: [
      ["60 workers", set(["numberOfWorkers"], 60), /asks for 60 workers, above the cap of 50/],
      ["Z.2X on Spark", set(["workerType"], "Z.2X"), /uses worker type Z.2X, not allowed for glueetl jobs/],
      ["maxCapacity with workers", set(["maxCapacity"], 10), /sets maxCapacity on a worker-based job/],
      [
        "python shell with 5 DPU",
        (p) => ({
          ...p,
          command: { name: "pythonshell", scriptLocation: "s3://x/y.py" },
          workerType: undefined,
          numberOfWorkers: undefined,
          maxCapacity: 5,
        }),
        /has maxCapacity 5/,
      ],
    ],
    unknown: ["workerType"],
  },
  {
    policy: "glue-job-timeout",
    type: T.job,
    from: JOB,
    fails: [
      ["12-hour timeout", set(["timeout"], 720), /has timeout 720 minutes, outside 1–480/],
      ["no timeout", set(["timeout"], undefined), /has no timeout/],
    ],
    unknown: ["timeout"],
  },
  {
    policy: "glue-job-retries",
    type: T.job,
    from: JOB,
    fails: [
      ["3 retries", set(["maxRetries"], 3), /has maxRetries 3, above the cap of 1/],
      [
        "retries with queuing",
        (p) => ({ ...p, maxRetries: 1, jobRunQueuingEnabled: true }),
        /queues runs and retries 1 times/,
      ],
    ],
    unknown: ["maxRetries"],
  },
  {
    policy: "glue-uses-project-security-configuration",
    type: T.job,
    from: JOB,
    fails: [
      ["none", set(["securityConfiguration"], undefined), /has no security configuration/],
      [
        "other project's",
        set(["securityConfiguration"], `${OTHER}-glue-secconf-v1`),
        /not its own project's/,
      ],
    ],
    unknown: ["securityConfiguration"],
  },
  {
    policy: "glue-job-version-allowlist",
    type: T.job,
    from: JOB,
    fails: [
      ["Glue 2.0", set(["glueVersion"], "2.0"), /uses Glue 2\.0/],
      ["no version", set(["glueVersion"], undefined), /has no glueVersion/],
      [
        "Ray job",
        (p) => ({
          ...p,
          command: { name: "glueray", scriptLocation: "s3://x/y.py", runtime: "Ray2.4" },
          glueVersion: "4.0",
        }),
        /Glue for Ray is closed to new customers/,
      ],
    ],
    unknown: ["glueVersion"],
  },
  {
    policy: "glue-job-logging-arguments",
    type: T.job,
    from: JOB,
    fails: [
      [
        "metrics overridable",
        set(["nonOverridableArguments", "--enable-metrics"], undefined),
        /does not lock --enable-metrics/,
      ],
    ],
    unknown: ["nonOverridableArguments"],
  },
  {
    policy: "glue-job-no-secrets-in-arguments",
    type: T.job,
    from: JOB,
    fails: [
      [
        "password argument",
        set(["defaultArguments", "--db-password"], "x"),
        /--db-password is named like a secret/,
      ],
      [
        "access key value",
        set(["defaultArguments", "--creds"], "AKIAABCDEFGHIJKLMNOP"),
        /holds an AWS access key id/,
      ],
    ],
    unknown: ["defaultArguments"],
  },
  {
    // Computed outputs are not literals: this scan skips unknowns (other rules judge them).
    policy: "no-secrets-in-resource-values",
    type: T.job,
    from: JOB,
    fails: [
      ["token tag", set(["tags", "ApiToken"], "abc123"), /tags\.ApiToken is named like a secret/],
      [
        "access key in the description",
        set(["description"], "uses AKIAIOSFODNN7EXAMPLE"),
        /description holds an AWS access key id/,
      ],
    ],
    unknown: [],
  },
  {
    policy: "glue-job-code-from-project-bucket",
    type: T.job,
    from: JOB,
    fails: [
      [
        "script from elsewhere",
        set(["command", "scriptLocation"], "s3://some-public-bucket/x.py"),
        /script "s3:\/\/some-public-bucket\/x.py" is not in the project's scripts bucket/,
      ],
      [
        "other project's scripts",
        set(["command", "scriptLocation"], `s3://${OTHER}-scripts-dev/x.py`),
        /is not in the project's scripts bucket/,
      ],
      [
        "extra files elsewhere",
        set(["nonOverridableArguments", "--extra-py-files"], "s3://x/lib.py"),
        /--extra-py-files "s3:\/\/x\/lib.py"/,
      ],
      ["no TempDir", set(["nonOverridableArguments", "--TempDir"], undefined), /has no --TempDir/],
    ],
    unknown: ["command", "scriptLocation"],
  },
  {
    policy: "glue-job-bookmarks-on-batch",
    type: T.job,
    from: JOB,
    fails: [
      [
        "bookmarks disabled",
        set(["defaultArguments", "--job-bookmark-option"], "job-bookmark-disable"),
        /has job bookmarks job-bookmark-disable/,
      ],
    ],
    unknown: ["defaultArguments"],
  },
  {
    policy: "glue-job-flex-for-dev-batch",
    type: T.job,
    from: { stack: PROJECT, env: "dev", name: "silver-to-gold" },
    fails: [
      ["standard capacity", set(["executionClass"], "STANDARD"), /is a batch Spark job on STANDARD capacity/],
    ],
    unknown: ["executionClass"],
  },
];
