"""Evaluates a project's Glue Data Quality rulesets on a catalog table and reports the outcome.

Started by the workflow after the job named in the spec (``dataQuality[].afterJob``). Arguments:
``--RULESETS`` (comma list), ``--DATABASE``, ``--TABLE``, ``--ROLE_ARN`` (the evaluation runs as the
project's job role), ``--TOPIC_ARN``, ``--TIMEOUT_MINUTES``. The summary goes to the project topic;
the run fails when a rule fails, so the project's job-failure alarm and rule fire too. AWS sources:
StartDataQualityRulesetEvaluationRun / GetDataQualityRulesetEvaluationRun / GetDataQualityResult
(https://docs.aws.amazon.com/glue/latest/webapi/API_StartDataQualityRulesetEvaluationRun.html).
Tested by runtime/tests/test_dq_evaluator.py.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import boto3

TERMINAL = {"SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT"}
ARGUMENTS = ("RULESETS", "DATABASE", "TABLE", "ROLE_ARN", "TOPIC_ARN", "TIMEOUT_MINUTES")
POLL_SECONDS = 20


def arguments(argv: Sequence[str]) -> dict[str, str]:
    """The job arguments (``--NAME value`` pairs, as Glue passes them); a missing one stops the run."""
    out: dict[str, str] = {}
    for name in ARGUMENTS:
        flag = f"--{name}"
        if flag not in argv or argv.index(flag) + 1 >= len(argv):
            raise SystemExit(f"missing job argument {flag}")
        out[name] = argv[argv.index(flag) + 1]
    return out


def evaluate(
    args: dict[str, str], glue: Any, sns: Any, sleep: Callable[[float], None] = time.sleep
) -> dict[str, Any]:
    """Runs one evaluation of the rulesets on the table, waits for it, publishes the summary to the
    topic and returns it; raises SystemExit when the run did not succeed or a rule failed."""
    rulesets = [r for r in args["RULESETS"].split(",") if r]
    run = glue.start_data_quality_ruleset_evaluation_run(
        DataSource={"GlueTable": {"DatabaseName": args["DATABASE"], "TableName": args["TABLE"]}},
        Role=args["ROLE_ARN"],
        RulesetNames=rulesets,
        NumberOfWorkers=2,
        Timeout=int(args["TIMEOUT_MINUTES"]),
        AdditionalRunOptions={"CloudWatchMetricsEnabled": True},
    )
    run_id = run["RunId"]
    while True:
        state = glue.get_data_quality_ruleset_evaluation_run(RunId=run_id)
        if state["Status"] in TERMINAL:
            break
        sleep(POLL_SECONDS)
    failed: list[str] = []
    scores: dict[str, float] = {}
    for result_id in state.get("ResultIds", []):
        result = glue.get_data_quality_result(ResultId=result_id)
        scores[result.get("RulesetName", result_id)] = result.get("Score", 0.0)
        failed += [r["Name"] for r in result.get("RuleResults", []) if r.get("Result") == "FAIL"]
    ok = state["Status"] == "SUCCEEDED" and not failed
    summary: dict[str, Any] = {
        "runId": run_id,
        "status": state["Status"],
        "table": f"{args['DATABASE']}.{args['TABLE']}",
        "scores": scores,
        "failedRules": failed,
    }
    sns.publish(
        TopicArn=args["TOPIC_ARN"],
        Subject=("Data quality passed: " if ok else "Data quality FAILED: ") + args["TABLE"],
        Message=json.dumps(summary, indent=2),
    )
    if not ok:
        raise SystemExit(f"data quality failed: {json.dumps(summary)}")
    return summary


def main() -> None:
    evaluate(arguments(sys.argv), boto3.client("glue"), boto3.client("sns"))


if __name__ == "__main__":
    main()
