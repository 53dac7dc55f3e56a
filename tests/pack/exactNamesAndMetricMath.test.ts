/**
 * Exact names (a policy target or destination names exactly one resource of the project, parsed
 * whole) and the metric math allowlist (expressions only combine the request's own metrics).
 */
import { strict as assert } from "assert";
import { notOwnResource, parseResourceName } from "../../policy-pack/lib/exactNames";
import { expressionProblem } from "../../policy-pack/lib/metricScope";

const P = "project-7d3f6a2e-1b4c-4d5e-8f90-a1b2c3d4e5f6";
const ACCOUNT = "123456789012";

describe("exact names: a target names exactly one resource of the project", () => {
  it("accepts the project's resources in every form", () => {
    for (const [value, bucket] of [
      [`https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/${P}-glue-dlq`, false],
      [`https://eu-west-1.queue.amazonaws.com/${ACCOUNT}/${P}-glue-dlq.fifo`, false],
      [`arn:aws:sns:eu-west-1:${ACCOUNT}:${P}-glue-notifications`, false],
      [`arn:aws:sqs:eu-west-1:${ACCOUNT}:${P}-glue-dlq`, false],
      [`arn:aws:iam::${ACCOUNT}:role/glue/${P}-glue-job-role`, false],
      [`arn:aws:iam::${ACCOUNT}:policy/${P}-read`, false],
      [`arn:aws:glue:eu-west-1:${ACCOUNT}:workflow/${P}-workflow-nightly`, false],
      [`arn:aws:events:eu-west-1:${ACCOUNT}:rule/${P}-job-failures`, false],
      [`arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/${P}-job-state/backup/01700000000000-abcdef12`, false],
      [`arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:${P}-alarm-x`, false],
      [`alias/${P}-key`, false],
      [`${P}-job-orders`, false],
      [`${P}-artifacts-dev`, true],
    ] as const)
      assert.equal(notOwnResource(value, P, bucket), undefined, value);
  });

  it("refuses the prefix anywhere but as the whole name's start", () => {
    const base = `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}`;
    for (const [value, bucket] of [
      [`${base}/${P}-glue-dlq/../glue-platform-events`, false],
      [`${base}/glue-platform-events?ref=${P}-glue-dlq`, false],
      [`${base}/glue-platform-events#${P}-glue-dlq`, false],
      [`${base}/%2e%2e/${P}-glue-dlq`, false],
      [`https://user@sqs.eu-west-1.amazonaws.com/${ACCOUNT}/${P}-glue-dlq`, false],
      [`https://sqs.eu-west-1.amazonaws.com:443/${ACCOUNT}/${P}-glue-dlq`, false],
      [`arn:aws:sns:eu-west-1:${ACCOUNT}:glue-platform-alerts/${P}-glue-notifications`, false],
      [`arn:aws:sns:eu-west-1:${ACCOUNT}:shared-${P}-topic`, false],
      [`arn:aws:iam::${ACCOUNT}:role/${P}/admin`, false],
      [`arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/glue-platform-audit/backup/${P}-x`, false],
      [`glue-lake-silver-${ACCOUNT}-eu-west-1-dev/${P}/`, true],
      [`ab-${P}-logs`, true],
      [`${P}-UPPER-dev`, true],
      [`other-${P}-job`, false],
      [`${P}-job orders`, false],
    ] as const)
      assert.ok(notOwnResource(value, P, bucket), value);
  });

  it("says why a value does not parse", () => {
    const parsed = parseResourceName(`https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/q?x=1`);
    assert.ok("problem" in parsed && /no further path, query, fragment/.test(parsed.problem));
  });
});

describe("metric math allowlist: expressions combine only the request's own metrics", () => {
  it("accepts metric math over the request's ids", () => {
    for (const e of [
      "m1 / (m1 + m2) * 100",
      'FILL(SUM(METRICS("errors")), REPEAT)',
      "IF(done > 0 AND failed >= 1, failed / done, 0)",
      "SLICE(SORT(METRICS(), AVG, DESC, 10), 0, 5)",
      "ANOMALY_DETECTION_BAND(m1, 2)",
      "-m1 ^ 2 != 1.5e3 || TIME_SERIES(0) == RATE(m_1)",
    ])
      assert.equal(expressionProblem(e), undefined, e);
  });

  it("refuses functions and words that read outside the request", () => {
    for (const e of [
      "INSIGHT_RULE_METRIC('glue-platform-all-job-errors', 'Sum')",
      "m1 / SERVICE_QUOTA(m1)",
      'SEARCH(\'{Glue,JobName} JobName="project-"\', "Sum", 300)',
      "SELECT SUM(x) FROM Glue",
      "select sum(x) from Glue",
      "LAMBDA('fn', 'arg')",
      "lambda('fn')",
      "DB_PERF_INSIGHTS('RDS', 'db-X', 'os.cpu')",
      "m1 + NEW_FUNCTION(m1)",
      "m1 + UNKNOWN_WORD",
      'm1 + "text"',
      "m1 + ${x}",
    ])
      assert.ok(expressionProblem(e), e);
  });
});
