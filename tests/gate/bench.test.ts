import { strict as assert } from "assert";
import { judgeAtLeast, judgeAtMost, median, missedSummary } from "../../tools/benchJudge";

describe("bench verdicts", () => {
  it("judge the median of repeated runs, so one noisy run does not fail a target", () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    const noisy = judgeAtMost("check / floor", [2.6, 2.7, 4.9], 3.0);
    assert.equal(noisy.ok, true, "one slow run out of three is noise");
    assert.equal(noisy.median, 2.7);
    const slow = judgeAtMost("check / floor", [3.3, 3.45, 3.2], 3.0);
    assert.equal(slow.ok, false);
    assert.ok(Math.abs(slow.over - 0.1) < 1e-9);
    assert.equal(judgeAtLeast("throughput", [25000, 9000, 21000], 20000).ok, true);
  });

  it("names each missed figure with its median, target and miss in percent", () => {
    const text = missedSummary(
      [
        judgeAtMost("check / floor", [3.3, 3.45, 3.2], 3.0),
        judgeAtMost("1000-job / 100-job", [9, 10, 11], 12),
      ],
      (_, v) => v.toFixed(2),
    );
    assert.equal(
      text,
      "1 target missed (medians of repeated runs):\n  check / floor: median 3.30 vs target 3.00, 10% off (runs: 3.30, 3.45, 3.20)",
    );
    assert.equal(
      missedSummary([judgeAtMost("x", [1], 2)], (_, v) => String(v)),
      "all targets met (medians of repeated runs)",
    );
  });
});
