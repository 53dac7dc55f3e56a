/**
 * Rules AWS enforces that the mock runtime cannot see: the AWS cron grammar (components/cron.ts) and the glue-schedule-aws-cron policy. Each is checked at spec validation
 * (file:line) and by a pack policy, and each test here fails if the rule is dropped.
 */
import { strict as assert } from "assert";
import { firesOn, minIntervalMinutes, parseAwsCron, scheduleProblem } from "../../components/cron";
import { T } from "../../policy-pack/lib/types";
import { runResourcePolicy } from "../support/policyHarness";
import { policy } from "../support/awsRules";

describe("AWS cron grammar (components/cron.ts)", () => {
  for (const [expr, why] of [
    ["cron(0 * * * *)", /has 5 fields; AWS cron has six/],
    ["cron(0 2 * * * *)", /exactly one of Day-of-month and Day-of-week must be '\?'/],
    ["cron(0 2 ? * ? *)", /exactly one of Day-of-month and Day-of-week must be '\?'/],
    ["cron(99 99 * * ? *)", /Minutes 99 is outside 0–59/],
    ["cron(0 24 * * ? *)", /Hours 24 is outside 0–23/],
    ["cron(0 0 32 * ? *)", /Day-of-month 32 is outside 1–31/],
    ["cron(0 0 * 13 ? *)", /Month 13 is outside 1–12/],
    ["cron(0 0 ? * 8 *)", /Day-of-week 8 is outside 1–7/],
    ["cron(0 0 * * ? 2200)", /Year 2200 is outside 1970–2199/],
    ["cron(0 0 * FOO ? *)", /Month "FOO" is not a number or JAN–DEC/],
    ["cron(0 0 ? * FRI-MON *)", /runs backwards/],
    ["cron(0 0 ? * MON#6 *)", /week number must be 1–5/],
    ["cron(0 0 LW * ? *)", /L stands alone/],
    ["cron(0/0 * * * ? *)", /increment "\/0" must be a whole number ≥ 1/],
    ["0 2 * * ? *", /is not written cron/],
  ] as const) {
    it(`rejects ${expr} with a valid example`, () => {
      const p = parseAwsCron(expr).problem;
      assert.match(p ?? "", why);
      assert.match(p ?? "", /e\.g\. cron\(15 12 \* \* \? \*\)/);
    });
  }

  it("accepts AWS's documented examples and L/W/# forms", () => {
    for (const expr of [
      "cron(15 12 * * ? *)",
      "cron(0 18 ? * MON-FRI *)",
      "cron(0 8 1 * ? *)",
      "cron(0/15 * * * ? *)",
      "cron(0/5 8-17 ? * MON-FRI *)",
      "cron(0 0 L * ? *)",
      "cron(0 0 15W * ? *)",
      "cron(0 0 ? * 6L *)",
      "cron(0 0 ? * MON#1 *)",
      "cron(0 0 ? jan,Feb,MAR sun 2027-2030)",
    ])
      assert.equal(parseAwsCron(expr).problem, undefined, expr);
  });

  it("computes the fastest interval, across midnight too", () => {
    const gap = (e: string) => minIntervalMinutes(parseAwsCron(e).cron!, 2027);
    assert.equal(gap("cron(0/15 * * * ? *)"), 15);
    assert.equal(gap("cron(1/10 * * * ? *)"), 10);
    assert.equal(gap("cron(0 2 * * ? *)"), 1440);
    assert.equal(gap("cron(0,59 0,23 * * ? *)"), 1, "23:59 then 00:00 the next day");
    assert.equal(gap("cron(0 0,23 * * ? *)"), 60, "23:00 then 00:00 the next day");
    assert.equal(gap("cron(0 0,23 ? * MON *)"), 1380, "Monday 23:00 does not run into Tuesday 00:00");
    assert.equal(gap("cron(0 0 1 * ? *)"), undefined, "once a day at most, never on consecutive days");
  });

  it("evaluates L, W and # on real dates", () => {
    const c = (e: string) => parseAwsCron(e).cron!;
    assert.ok(firesOn(c("cron(0 0 L * ? *)"), 2028, 2, 29), "leap-year February ends on the 29th");
    assert.ok(!firesOn(c("cron(0 0 L * ? *)"), 2028, 2, 28));
    // 2027-05-01 is a Saturday: 1W is Monday the 3rd (it never leaves the month).
    assert.ok(firesOn(c("cron(0 0 1W * ? *)"), 2027, 5, 3));
    // MON#1 in March 2027 is the 1st; 6L (last Friday) in April 2027 is the 30th.
    assert.ok(firesOn(c("cron(0 0 ? * MON#1 *)"), 2027, 3, 1));
    assert.ok(firesOn(c("cron(0 0 ? * 6L *)"), 2027, 4, 30));
    assert.ok(!firesOn(c("cron(0 0 ? * 6L *)"), 2027, 4, 23));
  });

  it("enforces AWS's 5-minute floor even when the configured minimum is lower", () => {
    assert.match(scheduleProblem("cron(0/4 * * * ? *)", 1) ?? "", /every 4 minutes.*minimum interval of 5/);
    assert.equal(scheduleProblem("cron(0/5 * * * ? *)", 1), undefined);
    assert.match(scheduleProblem("cron(0/5 * * * ? *)", 30) ?? "", /minimum interval of 30/);
  });
});

describe("pack: glue-schedule-aws-cron", () => {
  const run = (type: string, schedule: string | undefined) =>
    runResourcePolicy(policy("glue-schedule-aws-cron"), type, { schedule }).violations;

  it("rejects the issue's examples on triggers and crawlers", () => {
    for (const bad of ["cron(0 * * * *)", "cron(0 2 * * * *)", "cron(99 99 * * ? *)"]) {
      assert.equal(run(T.trigger, bad).length, 1, bad);
      assert.equal(run(T.crawler, bad).length, 1, bad);
    }
  });

  it("accepts valid schedules and refuses ones faster than AWS's 5-minute floor", () => {
    assert.deepEqual(run(T.trigger, "cron(15 12 * * ? *)"), []);
    assert.deepEqual(run(T.trigger, undefined), []);
    assert.deepEqual(run(T.trigger, "cron(0/10 * * * ? *)"), []);
    assert.equal(run(T.trigger, "cron(0/2 * * * ? *)").length, 1);
  });
});
