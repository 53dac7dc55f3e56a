import pytest

from glue_runtime.context import CONTEXT_ARGUMENTS, ContextError, build_context, parse_arguments

BASE = {
    "JOB_NAME": "project-x-job-a",
    "JOB_RUN_ID": "jr_1",
    "PROJECT_ID": "p-1",
    "ENV": "dev",
    "LAKE_BRONZE": "s3://bronze/project-p/",
    "LAKE_SILVER": "s3://silver/project-p/",
    "LAKE_GOLD": "s3://gold/project-p/",
    "DB_SILVER": "project-p-catalog-db-silver",
    "QUARANTINE_PATH": "s3://bronze/project-p/_quarantine/",
    "DLQ_URL": "https://sqs.eu-west-1.amazonaws.com/123456789012/q",
    "TOPIC_ARN": "arn:aws:sns:eu-west-1:123456789012:t",
    "STATE_TABLE": "state",
    "KEY_ALIAS": "alias/k",
    "METRICS_NAMESPACE": "GluePlatform/Jobs",
    "INPUT_TABLE": "customers",
}


def argv(args: dict[str, str]) -> list[str]:
    return ["script.py", *[t for k, v in args.items() for t in (f"--{k}", v)]]


def test_parse_arguments_pairs_equals_and_last_wins() -> None:
    assert parse_arguments(["s.py", "--A", "1", "--B=2", "--A", "3", "--FLAG"]) == {
        "A": "3",
        "B": "2",
        "FLAG": "",
    }


def test_build_context_types_every_field() -> None:
    ctx = build_context(argv(BASE), ["INPUT_TABLE"])
    assert ctx.job_name == "project-x-job-a" and ctx.run_id == "jr_1" and ctx.env == "dev"
    assert ctx.lake["silver"] == "s3://silver/project-p/"
    assert dict(ctx.databases) == {"silver": "project-p-catalog-db-silver"}
    assert ctx.region == "eu-west-1"
    assert ctx.iceberg_catalog is None
    assert ctx.param("INPUT_TABLE") == "customers"


def test_missing_arguments_are_all_reported() -> None:
    args = {k: v for k, v in BASE.items() if k not in ("DLQ_URL", "INPUT_TABLE")}
    with pytest.raises(ContextError, match=r"--DLQ_URL, --INPUT_TABLE"):
        build_context(argv(args), ["INPUT_TABLE"])


def test_undeclared_parameter_and_database_are_refused_with_a_fix() -> None:
    ctx = build_context(argv(BASE), [])
    with pytest.raises(ContextError, match="not declared by the job"):
        ctx.param("INPUT_TABLE")
    with pytest.raises(ContextError, match=r"catalog\.databases"):
        ctx.database("gold")


def test_every_context_argument_is_required() -> None:
    for name in CONTEXT_ARGUMENTS:
        args = {k: v for k, v in BASE.items() if k != name}
        with pytest.raises(ContextError, match=f"--{name}"):
            build_context(argv(args), [])
