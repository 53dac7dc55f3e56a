import { strict as assert } from "assert";
import { readFileSync } from "fs";
import { join } from "path";
import { AuditReport } from "../../tools/audit/report";
import { actionOf, AUDIT_ACTIONS, auditReadOnlyPolicy } from "../../tools/audit/readOnlyPolicy";
import { main as auditMain } from "../../tools/audit";
import { applyOutOfBandChanges } from "../../tools/auditDemo/seed";
import { faultProxy, runDemoAudit, seededMoto, STACK } from "../support/liveAudit";
import { REPO_ROOT } from "../support/paths";

describe("live audit against moto's AWS server on loopback", function () {
  this.timeout(300000);
  const seeded = seededMoto();
  const run = () => runDemoAudit(seeded.moto.endpoint);
  const find = (r: AuditReport, kind: string, name: string) =>
    r.findings.filter((f) => f.kind === kind && f.name === name);

  it("a freshly seeded project audits clean, with read-only calls only", async () => {
    const { r, clients } = await run();
    assert.deepEqual(r.failures, []);
    assert.deepEqual(r.findings, []);
    assert.equal(r.exitCode, 0);
    const actions = new Set(clients.calls.map((x) => actionOf(x.service, x.operation)));
    assert.ok(actions.size >= 10);
    for (const a of actions)
      assert.ok((AUDIT_ACTIONS as readonly string[]).includes(a), `${a} is not in the read-only policy`);
    for (const a of actions) assert.match(a.split(":")[1], /^(Get|List|Describe)/);
    assert.deepEqual(auditReadOnlyPolicy().Statement[0].Action, [...AUDIT_ACTIONS]);
  });

  it("reports out-of-band changes in the right category with the right fields", async () => {
    const P = seeded.project;
    const jobName = `${P}-job-raw-to-silver`;
    await applyOutOfBandChanges(seeded.c, P);

    const { r } = await run();
    assert.deepEqual(r.failures, []);
    assert.equal(r.exitCode, 1);
    const jobDrift = find(r, "drifted", jobName)[0];
    assert.deepEqual(jobDrift?.fields?.map((f) => f.field).sort(), ["connections", "numberOfWorkers"]);
    assert.deepEqual(jobDrift?.fields?.find((f) => f.field === "numberOfWorkers")?.live, 60);
    const jobPolicies = find(r, "violation", jobName).map((f) => f.policy);
    assert.ok(
      jobPolicies.includes("glue-job-requires-project-connection") &&
        jobPolicies.includes("glue-job-worker-limits"),
      jobPolicies.join(),
    );
    assert.equal(find(r, "shadow", "console-export").length, 1);
    assert.ok(find(r, "violation", "console-export").some((f) => f.policy === "glue-resource-naming"));
    assert.deepEqual(
      find(r, "drifted", `${P}-glue-sg`)[0]?.fields?.map((f) => f.field),
      ["ingress"],
    );
    assert.ok(
      find(r, "violation", `${P}-glue-sg`).some((f) => f.policy === "security-group-no-open-ingress"),
    );
    const bucket = r.findings.filter(
      (f) => f.name === `${P}-temp-dev` && f.type.includes("ServerSideEncryption"),
    );
    assert.ok(
      bucket.some((f) => f.kind === "missing" || f.kind === "drifted" || f.kind === "violation"),
      JSON.stringify(r.findings.filter((f) => f.name.includes("temp"))),
    );
    assert.deepEqual(
      find(r, "drifted", `${P}-glue-data-access`)[0]?.fields?.map((f) => f.field),
      ["policy"],
    );
    assert.ok(
      find(r, "violation", `${P}-glue-data-access`).some(
        (f) =>
          f.policy === "iam-no-wildcard-data-resources" &&
          /statement #1 allows s3:\* on \*/.test(f.message ?? ""),
      ),
    );
    assert.equal(find(r, "missing", `${P}-crawler-raw-customers`).length, 1);
  });

  it("an endpoint that fails or throttles some calls gives exit 2 and names them", async () => {
    const proxy = await faultProxy(seeded.moto.endpoint, (req, res) => {
      const target = String(req.headers["x-amz-target"] ?? "");
      if (target.endsWith(".GetCrawlers")) {
        res.writeHead(500, { "content-type": "application/x-amz-json-1.1" });
        res.end(JSON.stringify({ __type: "InternalServiceException", message: "injected failure" }));
        return true;
      }
      if (target.endsWith(".GetTriggers")) {
        res.writeHead(400, { "content-type": "application/x-amz-json-1.1" });
        res.end(JSON.stringify({ __type: "ThrottlingException", message: "Rate exceeded" }));
        return true;
      }
      return false;
    });
    try {
      const { r } = await runDemoAudit(proxy.url, { maxAttempts: 2 });
      assert.equal(r.exitCode, 2);
      const ops = r.failures.map((f) => f.operation);
      assert.ok(ops.includes("glue:GetCrawlers") && ops.includes("glue:GetTriggers"), ops.join());
      assert.match(
        r.failures.find((f) => f.operation === "glue:GetTriggers")?.message ?? "",
        /ThrottlingException/,
      );
    } finally {
      proxy.close();
    }
  });

  it("the CLI validates flags, prints the read-only policy and audits an endpoint", async () => {
    const lines: string[] = [];
    assert.equal(await auditMain(["--env", "qa"], (l) => lines.push(l)), 2);
    assert.equal(await auditMain(["--print-policy"], (l) => lines.push(l)), 0);
    assert.match(lines.join("\n"), /--env must be one of dev, prod[\s\S]*"GluePlatformLiveAuditReadOnly"/);
    const out: string[] = [];
    const code = await auditMain(
      ["--env", "dev", "--stacks", STACK, "--endpoint-url", seeded.moto.endpoint],
      (l) => out.push(l),
    );
    assert.equal(code, 1);
    assert.match(out.join("\n"), /audit of dev \(account 123456789012, eu-west-1\)[\s\S]*drifted/);
  });
});

describe("the audit's read-only IAM policy", () => {
  it("is published in docs/audit-readonly-policy.json and grants only Get/List/Describe actions", () => {
    const published = JSON.parse(
      readFileSync(join(REPO_ROOT, "docs", "audit-readonly-policy.json"), "utf8"),
    ) as unknown;
    assert.deepEqual(published, auditReadOnlyPolicy());
    for (const a of AUDIT_ACTIONS) assert.match(a.split(":")[1], /^(Get|List|Describe)/);
  });
});
