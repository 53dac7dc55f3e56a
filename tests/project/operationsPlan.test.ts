import { strict as assert } from "assert";
import * as fc from "fast-check";
import { arns } from "../../components/arn";
import { ENVIRONMENTS, PROJECT_BUCKET_PURPOSES, ProjectNames } from "../../components/naming";
import {
  dashboardBody,
  planOperations,
  planStorage,
  topicPolicy,
} from "../../components/project/operationsPlan";

const scopes = fc.record({
  partition: fc.constantFrom("aws", "aws-cn", "aws-us-gov"),
  accountId: fc.stringMatching(/^[0-9]{12}$/),
  region: fc.constantFrom("eu-west-1", "us-east-1", "cn-north-1", "us-gov-west-1"),
});
const jobNames = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,19}$/), { maxLength: 7 });
const kinds = fc.constantFrom("sparkEtl", "streaming", "pythonShell", "ray");
type Widget = { x: number; y: number; width: number; height: number; properties: { title: string } };

describe("operations plan (pure)", () => {
  it("the topic policy allows only this project's rules, alarms and budget, each by source ARN, over TLS", () => {
    fc.assert(
      fc.property(
        fc.uuid({ version: 4 }),
        scopes,
        fc.constantFrom(...ENVIRONMENTS),
        fc.boolean(),
        (id, scope, env, dq) => {
          const names = new ProjectNames(id, env);
          const doc = topicPolicy(scope, names, dq);
          const topic = arns.snsTopic(scope, names.topic());
          assert.ok(doc.Statement.every((s) => s.Resource === topic));
          const rules = doc.Statement[0].Condition?.ArnEquals?.["aws:SourceArn"];
          const expected = [arns.eventRule(scope, names.jobFailureRule())];
          if (dq) expected.push(arns.eventRule(scope, names.dataQualityResultsRule()));
          assert.deepEqual([rules].flat(), expected);
          assert.equal(
            doc.Statement[1].Condition?.ArnLike?.["aws:SourceArn"],
            `arn:${scope.partition}:cloudwatch:${scope.region}:${scope.accountId}:alarm:project-${id}-*`,
          );
          assert.equal(
            doc.Statement[2].Condition?.ArnEquals?.["aws:SourceArn"],
            `arn:${scope.partition}:budgets::${scope.accountId}:budget/${names.budget()}`,
          );
          // No statement is pinned by the account alone (every project shares it).
          assert.ok(doc.Statement.every((s) => !JSON.stringify(s).includes("aws:SourceAccount")));
          assert.deepEqual(doc.Statement[3], {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "sns:Publish",
            Resource: topic,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          });
        },
      ),
    );
  });

  it("the dashboard lays out one widget per job, two per row, without overlap", () => {
    fc.assert(
      fc.property(jobNames, (ns) => {
        const body = dashboardBody(
          "eu-west-1",
          ns.map((n) => ({ name: n, physicalName: `p-${n}` })),
        ) as {
          widgets: Widget[];
        };
        assert.deepEqual(
          body.widgets.map((w) => w.properties.title),
          ns,
        );
        const cells = new Set(body.widgets.map((w) => `${w.x},${w.y}`));
        assert.equal(cells.size, ns.length);
        for (const w of body.widgets) assert.ok(w.x + w.width <= 24, "a dashboard is 24 units wide");
      }),
    );
  });

  it("alarms only the Spark jobs, the failure rule matches only the project's jobs, DQ rule only with rulesets", () => {
    fc.assert(
      fc.property(
        fc.uuid({ version: 4 }),
        scopes,
        fc.constantFrom(...ENVIRONMENTS),
        fc.array(
          fc.tuple(
            jobNames.map((n) => n[0] ?? "a"),
            kinds,
          ),
          { maxLength: 5 },
        ),
        fc.boolean(),
        fc.boolean(),
        (id, scope, env, jobSpecs, dq, active) => {
          const names = new ProjectNames(id, env);
          const unique = [...new Map(jobSpecs.map(([n, k]) => [n, k])).entries()];
          const jobs = unique.map(([name, kind]) => ({ name, kind, physicalName: names.job(name) }));
          const ops = planOperations({
            names,
            scope,
            env,
            jobs,
            hasDataQuality: dq,
            costAllocationTagsActive: active,
          });
          assert.deepEqual(
            ops.failedTaskAlarms.map((a) => a.jobName),
            jobs.filter((j) => j.kind === "sparkEtl" || j.kind === "streaming").map((j) => j.name),
          );
          for (const a of ops.failedTaskAlarms) assert.equal(a.dimensions.JobName, names.job(a.jobName));
          const pattern = ops.jobFailureRule.eventPattern as { detail: { jobName: { prefix: string }[] } };
          assert.deepEqual(pattern.detail.jobName, [{ prefix: names.namePrefix("job") }]);
          assert.equal(ops.dataQualityResultsRule !== undefined, dq);
          assert.equal(ops.jobStateTable.deletionProtection, env === "prod");
          assert.equal(ops.budgetTagState === "active", active);
          assert.equal(ops.deadLetterQueue.messageRetentionSeconds, 1_209_600, "SQS maximum, 14 days");
        },
      ),
    );
  });

  it("storage: prod keeps keys and noncurrent versions longer; only temp objects expire", () => {
    for (const env of ENVIRONMENTS) {
      const s = planStorage(env);
      const prod = env === "prod";
      assert.equal(s.keyDeletionWindowDays, prod ? 30 : 7);
      for (const purpose of PROJECT_BUCKET_PURPOSES) {
        const lc = s.lifecycle[purpose];
        assert.equal(lc.noncurrentVersionExpirationDays, prod ? 90 : 30);
        assert.equal(lc.expirationDays, purpose === "temp" ? 14 : undefined);
        assert.ok(lc.abortIncompleteUploadDays >= 1);
      }
    }
  });
});
