"""The platform's data-quality evaluator (components/project/dq/evaluate_rulesets.py).

SNS goes to moto's server on loopback (the ``aws`` fixture: the project topic with a capture queue).
moto implements no Glue Data Quality operation (StartDataQualityRulesetEvaluationRun,
GetDataQualityRulesetEvaluationRun, GetDataQualityResult), so the Glue side is a botocore Stubber:
each call's parameters are checked against the API model and the expected values, and the responses
are the documented shapes.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from glue_runtime_pytest import REGION, AwsFixture

SCRIPT = Path(__file__).resolve().parents[2] / "components" / "project" / "dq" / "evaluate_rulesets.py"
ROLE = "arn:aws:iam::123456789012:role/project-00000000-0000-4000-8000-000000000000-glue-job-role"


def load_evaluator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("evaluate_rulesets", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


evaluator = load_evaluator()


def job_args(topic_arn: str, rulesets: str = "complete,unique") -> dict[str, str]:
    argv = [
        "evaluate_rulesets.py",
        "--RULESETS",
        rulesets,
        "--DATABASE",
        "silver_db",
        "--TABLE",
        "customers",
        "--ROLE_ARN",
        ROLE,
        "--TOPIC_ARN",
        topic_arn,
        "--TIMEOUT_MINUTES",
        "30",
    ]
    args: dict[str, str] = evaluator.arguments(argv)
    return args


def stubbed_glue(statuses: list[str], results: dict[str, dict[str, Any]]) -> tuple[Any, Stubber]:
    glue = boto3.client(
        "glue", region_name=REGION, aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    stub = Stubber(glue)
    stub.add_response(
        "start_data_quality_ruleset_evaluation_run",
        {"RunId": "dqrun-1"},
        {
            "DataSource": {"GlueTable": {"DatabaseName": "silver_db", "TableName": "customers"}},
            "Role": ROLE,
            "RulesetNames": ["complete", "unique"],
            "NumberOfWorkers": 2,
            "Timeout": 30,
            "AdditionalRunOptions": {"CloudWatchMetricsEnabled": True},
        },
    )
    for i, status in enumerate(statuses):
        last = i == len(statuses) - 1
        stub.add_response(
            "get_data_quality_ruleset_evaluation_run",
            {
                "RunId": "dqrun-1",
                "Status": status,
                **({"ResultIds": list(results)} if last and results else {}),
            },
            {"RunId": "dqrun-1"},
        )
    for result_id, result in results.items():
        stub.add_response(
            "get_data_quality_result", {"ResultId": result_id, **result}, {"ResultId": result_id}
        )
    stub.activate()
    return glue, stub


def passed(ruleset: str) -> dict[str, Any]:
    return {"RulesetName": ruleset, "Score": 1.0, "RuleResults": [{"Name": "Rule_1", "Result": "PASS"}]}


def test_a_passing_evaluation_waits_for_the_run_and_publishes_a_summary(aws: AwsFixture) -> None:
    glue, stub = stubbed_glue(
        ["STARTING", "RUNNING", "SUCCEEDED"], {"r1": passed("complete"), "r2": passed("unique")}
    )
    sleeps: list[float] = []
    summary = evaluator.evaluate(
        job_args(aws.resources["topic_arn"]), glue, aws.client("sns"), sleep=sleeps.append
    )
    stub.assert_no_pending_responses()
    assert sleeps == [evaluator.POLL_SECONDS, evaluator.POLL_SECONDS]
    assert summary == {
        "runId": "dqrun-1",
        "status": "SUCCEEDED",
        "table": "silver_db.customers",
        "scores": {"complete": 1.0, "unique": 1.0},
        "failedRules": [],
    }
    [message] = aws.notifications()
    assert message["_subject"] == "Data quality passed: customers"
    assert message["failedRules"] == [] and message["runId"] == "dqrun-1"


def test_a_failed_rule_fails_the_run_and_says_which(aws: AwsFixture) -> None:
    failing = {
        "RulesetName": "unique",
        "Score": 0.5,
        "RuleResults": [{"Name": "Rule_1", "Result": "PASS"}, {"Name": "Rule_2", "Result": "FAIL"}],
    }
    glue, stub = stubbed_glue(["SUCCEEDED"], {"r1": passed("complete"), "r2": failing})
    with pytest.raises(SystemExit, match=r"data quality failed.*Rule_2"):
        evaluator.evaluate(
            job_args(aws.resources["topic_arn"]), glue, aws.client("sns"), sleep=lambda _: None
        )
    stub.assert_no_pending_responses()
    [message] = aws.notifications()
    assert message["_subject"] == "Data quality FAILED: customers"
    assert message["failedRules"] == ["Rule_2"]
    assert message["scores"] == {"complete": 1.0, "unique": 0.5}


def test_a_run_that_does_not_succeed_fails_even_without_results(aws: AwsFixture) -> None:
    glue, stub = stubbed_glue(["RUNNING", "TIMEOUT"], {})
    with pytest.raises(SystemExit, match="TIMEOUT"):
        evaluator.evaluate(
            job_args(aws.resources["topic_arn"]), glue, aws.client("sns"), sleep=lambda _: None
        )
    stub.assert_no_pending_responses()
    [message] = aws.notifications()
    assert message["status"] == "TIMEOUT" and message["_subject"].startswith("Data quality FAILED")


def test_a_missing_argument_stops_before_any_call() -> None:
    with pytest.raises(SystemExit, match="missing job argument --TABLE"):
        evaluator.arguments(["evaluate_rulesets.py", "--RULESETS", "a", "--DATABASE", "d"])
    with pytest.raises(SystemExit, match="missing job argument --TIMEOUT_MINUTES"):
        evaluator.arguments(
            [
                *["--RULESETS", "a", "--DATABASE", "d", "--TABLE", "t", "--ROLE_ARN", ROLE],
                *["--TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:t", "--TIMEOUT_MINUTES"],
            ]
        )
