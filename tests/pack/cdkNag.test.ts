/** The peer run: cdk-nag's AwsSolutions pack over every repository stack's bucket, queue and IAM
 * resources shows nothing outside the accepted set of docs/decisions.md ("Accepted wildcards"). */
import { strict as assert } from "assert";
import { projectIdOfName, ProjectIdNames } from "../../components/naming";
import { nagFindings } from "../../tools/nag/peerCheck";
import { reasonsFor } from "../../tools/wildcards/accepted";
import { wildcardsOf } from "../../tools/wildcards/inventory";
import { CapturedResource } from "../../tools/runner/runStack";
import { repositoryStacks } from "../support/offline";

/** SQS3 is accepted only for a project's dead-letter queue (a DLQ has no DLQ of its own). */
function isDeadLetterQueue(resources: CapturedResource[], constructId: string): boolean {
  const q = resources.find((r) => `${r.type.split(":").pop()}-${r.name}` === constructId);
  const name = (q?.inputs as Record<string, unknown> | undefined)?.name;
  const id = projectIdOfName(typeof name === "string" ? name : undefined);
  return id !== undefined && name === new ProjectIdNames(id).deadLetterQueue();
}

function unexplained(name: string, resources: CapturedResource[]): string[] {
  const accepted = wildcardsOf(resources).filter((w) => reasonsFor(w).length > 0);
  return nagFindings(name, resources)
    .filter((f) => {
      if (f.rule === "AwsSolutions-SQS3") return !isDeadLetterQueue(resources, f.resource);
      if (f.rule !== "AwsSolutions-IAM5" || !f.detail) return true;
      const [kind, value] = [f.detail.split("::")[0], f.detail.slice(f.detail.indexOf("::") + 2)];
      return !accepted.some((w) => (kind === "Resource" ? w.resource === value : w.action === value));
    })
    .map((f) => `${name}: ${f.rule}${f.detail ? `[${f.detail}]` : ""} on ${f.resource}`);
}

describe("cdk-nag AwsSolutions peer run", () => {
  it("finds nothing outside the accepted set in any repository stack", async () => {
    const stacks = await repositoryStacks();
    assert.ok(stacks.some((s) => s.kind === "project"));
    const problems = stacks.flatMap((s) => unexplained(s.name, s.resources));
    assert.deepEqual(problems, []);
  });

  it("reports the gaps this repository closed when they are reopened", async () => {
    const s = (await repositoryStacks()).find((x) => x.kind === "project");
    assert.ok(s);
    const reopened = s.resources
      .filter(
        (r) =>
          r.type !== "aws:s3/bucketLogging:BucketLogging" && r.type !== "aws:sqs/queuePolicy:QueuePolicy",
      )
      .map((r) =>
        r.type === "aws:iam/policy:Policy" &&
        String((r.inputs as Record<string, unknown>).policy).includes("glue-job-state")
          ? {
              ...r,
              inputs: {
                ...r.inputs,
                policy: String((r.inputs as Record<string, unknown>).policy).replace(
                  /"(arn:[^"]*:table\/[^"]*-glue-job-state)"/,
                  '["$1","$1/index/*"]',
                ),
              },
            }
          : r,
      ) as CapturedResource[];
    const problems = unexplained(s.name, reopened).join("\n");
    assert.match(problems, /AwsSolutions-S1 on Bucket-scripts/);
    assert.match(problems, /AwsSolutions-SQS4 on Queue-dead-letter/);
    assert.match(problems, /AwsSolutions-IAM5\[Resource::arn:[^\]]*glue-job-state\/index\/\*\]/);
  });
});
