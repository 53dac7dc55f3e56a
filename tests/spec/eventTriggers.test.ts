/**
 * Rules AWS enforces that the mock runtime cannot see: EVENT triggers fire (lake bucket → EventBridge → workflow). Each is checked at spec validation
 * (file:line) and by a pack policy, and each test here fails if the rule is dropped.
 */
import { strict as assert } from "assert";
import { StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy-pack/policies";
import { T } from "../../policy-pack/lib/types";
import { runStackPolicy } from "../support/policyHarness";
import { ofType, repositoryStacks } from "../support/offline";

describe("EVENT triggers fire: lake bucket → EventBridge → workflow", () => {
  it("the platform turns on EventBridge notifications for every lake bucket", async () => {
    const platforms = (await repositoryStacks()).filter((s) => s.project === "glue-platform" && !s.error);
    assert.ok(platforms.length > 0);
    for (const s of platforms) {
      const buckets = ofType(s, "aws:s3/bucket:Bucket")
        .map((b) => String(b.inputs.bucket))
        .filter((b) => /^glue-lake-(bronze|silver|gold)-/.test(b));
      const notified = ofType(s, "aws:s3/bucketNotification:BucketNotification")
        .filter((n) => n.inputs.eventbridge === true)
        .map((n) => String(n.inputs.bucket));
      assert.deepEqual(notified.sort(), buckets.sort(), s.name);
    }
  });

  it("every event trigger has a rule on its project's prefix targeting its workflow with a NotifyEvent role", async () => {
    const stacks = (await repositoryStacks()).filter((s) => s.project === "glue-project" && !s.error);
    let seen = 0;
    for (const s of stacks) {
      const rules = ofType(s, "aws:cloudwatch/eventRule:EventRule");
      const targets = ofType(s, "aws:cloudwatch/eventTarget:EventTarget");
      for (const t of ofType(s, T.trigger).filter((x) => x.inputs.type === "EVENT")) {
        seen++;
        const workflow = String(t.inputs.workflowName);
        const prefix = workflow.replace(/-workflow-.*$/, "/");
        const target = targets.find((x) => String(x.inputs.arn).endsWith(`:workflow/${workflow}`));
        assert.ok(target, `${t.urn}: no target`);
        const rule = rules.find((r) => r.inputs.name === target.inputs.rule);
        assert.ok(rule, `${t.urn}: no rule`);
        const pattern = JSON.parse(String(rule.inputs.eventPattern)) as {
          source: string[];
          "detail-type": string[];
          detail: { bucket: { name: string[] }; object: { key: { prefix: string }[] } };
        };
        assert.deepEqual(pattern.source, ["aws.s3"]);
        assert.deepEqual(pattern["detail-type"], ["Object Created"]);
        assert.match(pattern.detail.bucket.name[0], /^glue-lake-(bronze|silver|gold)-/);
        assert.ok(
          pattern.detail.object.key[0].prefix.startsWith(prefix),
          pattern.detail.object.key[0].prefix,
        );
        const roleName = String(target.inputs.roleArn).split("/").pop();
        const role = ofType(s, "aws:iam/role:Role").find((r) => r.inputs.name === roleName);
        assert.ok(role, `${t.urn}: no role ${roleName}`);
        assert.match(String(role.inputs.assumeRolePolicy), /events\.amazonaws\.com/);
        const grants = ofType(s, "aws:iam/rolePolicy:RolePolicy").map((p) => String(p.inputs.policy));
        assert.ok(
          grants.some((g) => g.includes("glue:NotifyEvent") && g.includes(`:workflow/${workflow}`)),
          `${t.urn}: no glue:NotifyEvent on the workflow`,
        );
      }
    }
    assert.ok(seen > 0 || stacks.every((s) => ofType(s, T.trigger).every((x) => x.inputs.type !== "EVENT")));
  });

  it("the pack rejects an EVENT trigger no rule targets", () => {
    const res = (type: string, name: string, props: Record<string, unknown>) => ({
      type,
      name,
      urn: `urn:pulumi:s::p::${type}::${name}`,
      props,
      dependencies: [],
      propertyDependencies: {},
    });
    const trigger = res(T.trigger, "t", { type: "EVENT", workflowName: "project-x-workflow-w" });
    const target = res("aws:cloudwatch/eventTarget:EventTarget", "e", {
      arn: "arn:aws:glue:eu-west-1:123456789012:workflow/project-x-workflow-w",
      roleArn: "arn:aws:iam::123456789012:role/r",
    });
    const p = policies.find((x) => x.name === "glue-event-trigger-wired") as StackValidationPolicy;
    assert.match(
      runStackPolicy(p, [trigger] as never).violations[0],
      /no EventBridge rule targets that workflow/,
    );
    assert.deepEqual(runStackPolicy(p, [trigger, target] as never).violations, []);
    const noRole = { ...target, props: { arn: target.props.arn } };
    assert.match(runStackPolicy(p, [trigger, noRole] as never).violations[0], /without a role/);
  });
});
