import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { nameProblem, NameKind } from "../../components/nameLimits";
import { projectIdOfName } from "../../components/naming";
import { REQUIRED_TAG_KEYS } from "../../components/tags";
import { REPO_ROOT } from "../../tools/runner/discover";
import { CapturedResource } from "../../tools/runner/runStack";
import { inputs, ofType, one, stackNamed } from "../support/offline";

const SAMPLES = [
  ["customer-360", ["dev", "prod"]],
  ["churn-features", ["dev", "prod"]],
  ["clickstream", ["dev"]],
] as const;

const NAME_KIND: Record<string, NameKind> = {
  "aws:s3/bucket:Bucket": "s3Bucket",
  "aws:iam/role:Role": "iamRole",
  "aws:iam/policy:Policy": "iamPolicy",
  "aws:glue/job:Job": "glueName",
  "aws:glue/crawler:Crawler": "glueName",
  "aws:glue/trigger:Trigger": "glueName",
  "aws:glue/workflow:Workflow": "glueName",
  "aws:glue/connection:Connection": "glueName",
  "aws:glue/catalogDatabase:CatalogDatabase": "glueDatabase",
  "aws:sqs/queue:Queue": "sqsQueue",
  "aws:sns/topic:Topic": "snsTopic",
  "aws:dynamodb/table:Table": "dynamoTable",
  "aws:cloudwatch/eventRule:EventRule": "eventRule",
  "aws:budgets/budget:Budget": "budget",
  "aws:kms/alias:Alias": "kmsAlias",
};

const doc = (v: unknown) =>
  JSON.parse(String(v)) as {
    Statement: {
      Sid?: string;
      Action: string | string[];
      Resource: string | string[];
      Condition?: unknown;
    }[];
  };

for (const [slug, envs] of SAMPLES) {
  const spec = parse(fs.readFileSync(path.join(REPO_ROOT, "projects", slug, "project.yaml"), "utf8")) as {
    projectId: string;
    jobs: { name: string }[];
    triggers?: { type: string }[];
    dataQuality?: { afterJob?: string }[];
    tables?: { optimizers?: object }[];
  };
  const P = `project-${spec.projectId}`;
  for (const env of envs) {
    describe(`project stack ${slug}-${env}`, () => {
      const stack = () => stackNamed(`${slug}-${env}`, env);

      it("reads the platform contract through a StackReference fed by the real platform program", async () => {
        const s = await stack();
        const ref = one(s, "pulumi:pulumi:StackReference");
        assert.equal(inputs(ref).name, `organization/glue-platform/${env}`);
        const outputs = (ref.outputs as { outputs: Record<string, unknown> }).outputs;
        const platformSubnets = ofType(await stackNamed(env, env), "aws:ec2/subnet:Subnet").length;
        assert.equal((outputs.privateSubnetIds as string[]).length, platformSubnets);
        // One connection per platform subnet, each in its subnet's AZ.
        const conns = ofType(s, "aws:glue/connection:Connection").map(
          (c) => inputs(c).physicalConnectionRequirements as Record<string, unknown>,
        );
        const ids = outputs.privateSubnetIds as string[];
        assert.deepEqual(conns.map((c) => c.subnetId).sort(), [...ids].sort());
        for (const c of conns)
          assert.equal(
            c.availabilityZone,
            (outputs.privateSubnetAzs as string[])[ids.indexOf(String(c.subnetId))],
          );
      });

      it("locks every job to the project's role, connection, security configuration and logging", async () => {
        const s = await stack();
        const jobs = ofType(s, "aws:glue/job:Job").map(inputs);
        // Plus the platform's data-quality evaluator when a ruleset runs after a job.
        const evaluator = (spec.dataQuality ?? []).some((d) => d.afterJob !== undefined) ? 1 : 0;
        assert.equal(jobs.length, spec.jobs.length + evaluator);
        for (const job of jobs) {
          assert.match(String(job.name), new RegExp(`^${P}-job-[a-z0-9-]+$`));
          assert.equal(job.roleArn, `arn:aws:iam::123456789012:role/${P}-glue-job-role`);
          const connections = job.connections as string[];
          assert.ok(connections.includes(`${P}-glue-network`));
          for (const c of connections) assert.match(c, new RegExp(`^${P}-glue-network(-\\d+)?$`));
          assert.equal(job.securityConfiguration, `${P}-glue-secconf-v1`);
          const locked = job.nonOverridableArguments as Record<string, string>;
          assert.equal(locked["--enable-metrics"], "true");
          assert.equal(locked["--enable-continuous-cloudwatch-log"], "true");
          assert.equal(locked["--enable-observability-metrics"], "true");
          assert.match(locked["--TempDir"], new RegExp(`^s3://${P}-temp-${env}/jobs/`));
          assert.match(
            String((job.command as Record<string, string>).scriptLocation),
            new RegExp(`^s3://${P}-scripts-${env}/jobs/[a-z0-9-]+/[0-9a-f]{16}/`),
          );
          assert.ok(Number(job.timeout) <= 480 && Number(job.timeout) >= 1);
          assert.ok(Number(job.maxRetries) <= 1);
          // Runtime jobs carry --ENV locked with their context; others as a default argument.
          assert.equal(locked["--ENV"] ?? (job.defaultArguments as Record<string, string>)["--ENV"], env);
          if (job.workerType !== undefined) assert.ok(Number(job.numberOfWorkers) <= 50);
        }
      });

      it("scopes crawlers to the project's role, databases, prefixes and connection", async () => {
        const s = await stack();
        for (const c of ofType(s, "aws:glue/crawler:Crawler").map(inputs)) {
          assert.equal(c.role, `arn:aws:iam::123456789012:role/${P}-glue-crawler-role`);
          assert.match(String(c.databaseName), new RegExp(`^${P}-catalog-db-(bronze|silver|gold)$`));
          assert.equal(c.securityConfiguration, `${P}-glue-secconf-v1`);
          const incremental =
            (c.recrawlPolicy as { recrawlBehavior?: string }).recrawlBehavior === "CRAWL_NEW_FOLDERS_ONLY";
          assert.deepEqual(c.schemaChangePolicy, {
            deleteBehavior: "LOG",
            updateBehavior: incremental ? "LOG" : "UPDATE_IN_DATABASE",
          });
          for (const t of c.s3Targets as Record<string, unknown>[]) {
            assert.match(
              String(t.path),
              new RegExp(`^s3://glue-lake-(bronze|silver|gold)-123456789012-eu-west-1-${env}/${P}/`),
            );
            assert.match(String(t.connectionName), new RegExp(`^${P}-glue-network(-\\d+)?$`));
          }
        }
      });

      it("creates runtime roles that trust only Glue, a dev role for people, policies scoped to the project", async () => {
        const s = await stack();
        const roles = ofType(s, "aws:iam/role:Role").map(inputs);
        const names = roles.map((r) => r.name).sort();
        assert.deepEqual(
          names.filter((n) => n !== `${P}-glue-events-role` && n !== `${P}-glue-optimizer-role`),
          [`${P}-glue-crawler-role`, `${P}-glue-dev-role`, `${P}-glue-job-role`],
        );
        // The table-optimizer role exists exactly when a declared table has optimizers.
        const optimized = (spec.tables ?? []).filter((t) => t.optimizers !== undefined);
        assert.equal(names.includes(`${P}-glue-optimizer-role`), optimized.length > 0);
        // The events role exists exactly when the spec has an event trigger.
        const eventTriggers = (spec.triggers ?? []).filter((t) => t.type === "event");
        assert.equal(names.includes(`${P}-glue-events-role`), eventTriggers.length > 0);
        const dev = roles.find((r) => r.name === `${P}-glue-dev-role`) as Record<string, unknown>;
        assert.deepEqual(doc(dev.assumeRolePolicy).Statement, [
          {
            Sid: "PeopleOfThisProject",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::123456789012:root" },
            Action: "sts:AssumeRole",
            Condition: {
              ArnLike: {
                "aws:PrincipalArn": ["arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*"],
              },
              StringEquals: { "aws:PrincipalTag/Project": P },
            },
          },
        ]);
        for (const r of roles.filter(
          (x) => x.name === `${P}-glue-job-role` || x.name === `${P}-glue-crawler-role`,
        )) {
          assert.deepEqual(doc(r.assumeRolePolicy).Statement, [
            {
              Effect: "Allow",
              Principal: { Service: "glue.amazonaws.com" },
              Action: "sts:AssumeRole",
              Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
            },
          ]);
          assert.equal(r.managedPolicyArns, undefined);
        }
        for (const a of ofType(s, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map(inputs)) {
          assert.match(String(a.policyArn), new RegExp(`^arn:aws:iam::123456789012:policy/${P}-glue-`));
        }
        const policies = ofType(s, "aws:iam/policy:Policy").map(inputs);
        const data = doc(policies.find((p) => p.name === `${P}-glue-data-access`)?.policy);
        const rw = data.Statement.find((x) => x.Sid === "ReadWriteOwnLakePrefixes");
        assert.deepEqual(
          rw?.Resource,
          ["bronze", "silver", "gold"].map(
            (l) => `arn:aws:s3:::glue-lake-${l}-123456789012-eu-west-1-${env}/${P}/*`,
          ),
        );
        const sessions = doc(policies.find((p) => p.name === `${P}-glue-dev-sessions`)?.policy).Statement[0];
        assert.deepEqual(sessions.Action, ["glue:CreateSession", "glue:TagResource"]);
        assert.ok(JSON.stringify(sessions.Condition).includes('"glue:VpcIds"'));
        const pass = doc(policies.find((p) => p.name === `${P}-glue-pass-role`)?.policy).Statement[0];
        assert.deepEqual(pass.Condition, { StringEquals: { "iam:PassedToService": "glue.amazonaws.com" } });
      });

      it("encrypts with a rotating project key through the security configuration", async () => {
        const s = await stack();
        const key = one(s, "aws:kms/key:Key");
        assert.equal(inputs(key).enableKeyRotation, true);
        assert.equal(key.protect, env === "prod");
        const enc = inputs(one(s, "aws:glue/securityConfiguration:SecurityConfiguration"))
          .encryptionConfiguration as Record<string, Record<string, unknown>>;
        assert.equal(enc.s3Encryption.s3EncryptionMode, "SSE-KMS");
        assert.equal(enc.cloudwatchEncryption.cloudwatchEncryptionMode, "SSE-KMS");
        assert.equal(enc.jobBookmarksEncryption.jobBookmarksEncryptionMode, "CSE-KMS");
        assert.deepEqual(
          ofType(s, "aws:s3/bucket:Bucket")
            .map((b) => inputs(b).bucket)
            .sort(),
          ["artifacts", "scripts", "temp"].map((p) => `${P}-${p}-${env}`),
        );
      });

      it("isolates the network: self-only ingress, egress to endpoints only", async () => {
        const s = await stack();
        const sg = inputs(one(s, "aws:ec2/securityGroup:SecurityGroup"));
        assert.equal(sg.name, `${P}-glue-sg`);
        assert.deepEqual(sg.ingress, [
          {
            description: "Glue workers to each other",
            protocol: "tcp",
            fromPort: 0,
            toPort: 65535,
            self: true,
          },
        ]);
        for (const e of sg.egress as Record<string, unknown>[])
          assert.equal(e.cidrBlocks, undefined, "no CIDR egress");
        for (const c of ofType(s, "aws:glue/connection:Connection"))
          assert.equal(inputs(c).connectionType, "NETWORK");
      });

      it("notifies and budgets: encrypted topic, failure rule, DLQ, job-state table, budget", async () => {
        const s = await stack();
        const rule = inputs(one(s, "aws:cloudwatch/eventRule:EventRule", "job-failed"));
        assert.deepEqual(JSON.parse(String(rule.eventPattern)).detail, {
          jobName: [{ prefix: `${P}-job-` }],
          state: ["FAILED", "TIMEOUT", "STOPPED", "ERROR"],
        });
        const table = inputs(one(s, "aws:dynamodb/table:Table"));
        assert.deepEqual(table.pointInTimeRecovery, { enabled: true });
        assert.equal((table.serverSideEncryption as Record<string, unknown>).enabled, true);
        const budget = inputs(one(s, "aws:budgets/budget:Budget"));
        assert.deepEqual(budget.costFilters, [{ name: "TagKeyValue", values: [`user:Project$${P}`] }]);
        const notes = budget.notifications as Record<string, unknown>[];
        assert.deepEqual(
          notes.map((n) => [n.notificationType, n.threshold]),
          [
            ["ACTUAL", 80],
            ["FORECASTED", 100],
          ],
        );
        assert.ok(inputs(one(s, "aws:sqs/queue:Queue")).kmsMasterKeyId !== undefined);
      });

      it("tags everything taggable and names nothing of another project", async () => {
        const s = await stack();
        for (const r of s.resources) {
          const i = inputs(r);
          if (r.custom && i.tags !== undefined) {
            for (const k of REQUIRED_TAG_KEYS)
              assert.ok((i.tags as Record<string, string>)[k], `${r.type} ${r.name} tag ${k}`);
            assert.equal((i.tags as Record<string, string>).Project, P);
          }
          const text = JSON.stringify(i);
          for (const m of text.matchAll(/project-([0-9a-f-]{36})/g))
            assert.equal(m[1], spec.projectId, `${r.type} ${r.name} names ${m[0]}`);
        }
      });

      it("keeps every physical name within its AWS limits", async () => {
        const s = await stack();
        const named = s.resources.filter((r: CapturedResource) => NAME_KIND[r.type]);
        assert.ok(named.length > 20);
        for (const r of named) {
          const name = String(inputs(r).bucket ?? inputs(r).name);
          assert.equal(nameProblem(NAME_KIND[r.type], name), undefined);
          if (r.type !== "aws:kms/alias:Alias") assert.equal(projectIdOfName(name), spec.projectId, name);
        }
      });
    });
  }
}
