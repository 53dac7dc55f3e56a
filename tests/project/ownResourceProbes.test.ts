/** The exact-name grants are proven by the access matrix: a prefix grant on the project's own jobs or
 * databases is caught as an unintended allow of a name the spec does not declare. */
import { strict as assert } from "assert";
import { accessMatrix } from "../../tools/isolation/accessMatrix";
import { CheckedStack } from "../../tools/gate/offlineCheck";
import { CapturedResource } from "../../tools/runner/runStack";
import { repositoryStacks } from "../support/offline";

type Doc = { Statement: Record<string, unknown>[] };

function editPolicy(s: CheckedStack, suffix: string, edit: (doc: Doc) => void): void {
  const p = s.resources.find(
    (r) => r.type === "aws:iam/policy:Policy" && String(r.inputs.name).endsWith(suffix),
  ) as CapturedResource;
  assert.ok(p, `${s.name}: no policy …${suffix}`);
  const doc = JSON.parse(String(p.inputs.policy)) as Doc;
  edit(doc);
  (p.inputs as Record<string, unknown>).policy = JSON.stringify(doc);
}

describe("isolation probes of the exact-name Glue grants", function () {
  this.timeout(300000);

  it("every dev project's declared jobs, crawlers and databases are probed by name", async () => {
    const m = await accessMatrix(await repositoryStacks(), "dev");
    const projects = new Map(m.results.map((r) => [r.probe.principal.slug, r.probe.principal]));
    for (const p of projects.values()) {
      const ids = new Set(m.results.filter((r) => r.probe.target === p.slug).map((r) => r.probe.id));
      assert.ok(p.glue.jobs.length > 0 && p.glue.databases.length > 0, p.slug);
      for (const job of p.glue.jobs)
        assert.ok(
          [...ids].some((id) => id.endsWith(`job-get (${job})`)),
          `${p.slug}: ${job} not probed`,
        );
      for (const c of p.glue.crawlers)
        assert.ok(
          [...ids].some((id) => id.endsWith(`crawler-start (${c})`)),
          `${p.slug}: ${c} not probed`,
        );
    }
  });

  it("catches prefix grants: a job-* or catalog-db-* grant allows names the spec does not declare", async () => {
    const stacks = structuredClone(await repositoryStacks()) as CheckedStack[];
    const s = stacks.find((x) => x.env === "dev" && x.kind === "project" && !x.error) as CheckedStack;
    const slug = s.name.replace(/-dev$/, "");
    editPolicy(s, "-glue-job-runtime", (doc) => {
      const st = doc.Statement.find((x) => x.Sid === "ManageOwnJobRuns") as Record<string, unknown>;
      st.Resource = [st.Resource].flat().map((r) => String(r).replace(/-job-[^/]*$/, "-job-*"));
    });
    editPolicy(s, "-glue-catalog-access", (doc) => {
      for (const st of doc.Statement)
        st.Resource = [st.Resource]
          .flat()
          .map((r) => String(r).replace(/(database|table)\/([^/]*-catalog-db-)[^/]*/, "$1/$2*"));
    });
    const m = await accessMatrix(stacks, "dev");
    const leaks = m.unintendedAllows.map((r) => r.probe.id);
    assert.ok(leaks.includes(`${slug}/job → ${slug}: job-undeclared (get)`), leaks.join("\n"));
    assert.ok(leaks.includes(`${slug}/job → ${slug}: catalog-undeclared-db`), leaks.join("\n"));
    assert.ok(
      leaks.every((id) => id.startsWith(`${slug}/`) && id.includes("undeclared")),
      leaks.join("\n"),
    );
  });
});
