"""Evaluates a project's Glue Data Quality rulesets on a catalog table and reports the outcome.

Started by the workflow after the job named in the spec (``dataQuality[].afterJob``). Arguments:
``--RULESETS`` (comma list), ``--DATABASE``, ``--TABLE``, ``--ROLE_ARN`` (the evaluation runs as the
project's job role), ``--TOPIC_ARN``, ``--TIMEOUT_MINUTES``. The summary goes to the project topic;
the run fails when a rule fails, so the project's job-failure alarm and rule fire too. AWS sources:
StartDataQualityRulesetEvaluationRun / GetDataQualityRulesetEvaluationRun / GetDataQualityResult
(https://docs.aws.amazon.com/glue/latest/webapi/API_StartDataQualityRulesetEvaluationRun.html).
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import boto3

TERMINAL = {"SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT"}


def argument(name: str) -> str:
    flag = f"--{name}"
    if flag not in sys.argv:
        raise SystemExit(f"missing job argument {flag}")
    return sys.argv[sys.argv.index(flag) + 1]


def main() -> None:
    glue: Any = boto3.client("glue")
    rulesets = [r for r in argument("RULESETS").split(",") if r]
    run = glue.start_data_quality_ruleset_evaluation_run(
        DataSource={"GlueTable": {"DatabaseName": argument("DATABASE"), "TableName": argument("TABLE")}},
        Role=argument("ROLE_ARN"),
        RulesetNames=rulesets,
        NumberOfWorkers=2,
        Timeout=int(argument("TIMEOUT_MINUTES")),
        AdditionalRunOptions={"CloudWatchMetricsEnabled": True},
    )
    run_id = run["RunId"]
    while True:
        state = glue.get_data_quality_ruleset_evaluation_run(RunId=run_id)
        if state["Status"] in TERMINAL:
            break
        time.sleep(20)
    failed: list[str] = []
    scores: dict[str, float] = {}
    for result_id in state.get("ResultIds", []):
        result = glue.get_data_quality_result(ResultId=result_id)
        scores[result.get("RulesetName", result_id)] = result.get("Score", 0.0)
        failed += [r["Name"] for r in result.get("RuleResults", []) if r.get("Result") == "FAIL"]
    ok = state["Status"] == "SUCCEEDED" and not failed
    summary = {
        "runId": run_id,
        "status": state["Status"],
        "table": f"{argument('DATABASE')}.{argument('TABLE')}",
        "scores": scores,
        "failedRules": failed,
    }
    boto3.client("sns").publish(
        TopicArn=argument("TOPIC_ARN"),
        Subject=("Data quality passed: " if ok else "Data quality FAILED: ") + argument("TABLE"),
        Message=json.dumps(summary, indent=2),
    )
    if not ok:
        raise SystemExit(f"data quality failed: {json.dumps(summary)}")


if __name__ == "__main__":
    main()
