"""BaseJob.run() against moto's server: audit, DLQ, notifications and metrics on each outcome."""

from pathlib import Path

import pytest
from pyspark.sql import DataFrame, SparkSession

from glue_runtime import BaseJob, Rules, build_context
from glue_runtime.lake import Lake
from glue_runtime.logs import job_logger
from glue_runtime_pytest import AwsFixture


def make_job(
    job_class: type[BaseJob], spark: SparkSession, aws: AwsFixture, tmp_path: Path, run_id: str = "jr_1"
) -> BaseJob:
    args = {
        "JOB_NAME": "job-a",
        "JOB_RUN_ID": run_id,
        "PROJECT_ID": "p-1",
        "ENV": "test",
        "LAKE_BRONZE": f"{tmp_path.as_uri()}/bronze/",
        "LAKE_SILVER": f"{tmp_path.as_uri()}/silver/",
        "LAKE_GOLD": f"{tmp_path.as_uri()}/gold/",
        "DB_BRONZE": "bronze_db",
        "QUARANTINE_PATH": f"{tmp_path.as_uri()}/quarantine/",
        "DLQ_URL": aws.resources["dlq_url"],
        "TOPIC_ARN": aws.resources["topic_arn"],
        "STATE_TABLE": aws.resources["state_table"],
        "KEY_ALIAS": "alias/k",
        "METRICS_NAMESPACE": aws.resources["metrics_namespace"],
    }
    ctx = build_context([t for k, v in args.items() for t in (f"--{k}", v)], job_class.parameters)

    def read_source(database: str, table: str, transformation_ctx: str) -> DataFrame:
        return spark.createDataFrame([(1, "a"), (2, "b"), (2, "c")], "id int, v string")

    logger = job_logger(ctx.job_name, ctx.run_id, ctx.project_id)
    return job_class(ctx, Lake(spark, ctx, read_source), aws.services, logger)


class WritesParquet(BaseJob):
    rules = Rules(required_columns=["id"])

    def extract(self) -> DataFrame:
        return self.lake.read_source("bronze", "t")

    def load(self, df: DataFrame) -> list[str]:
        return [self.lake.write_parquet(df, "silver", "out/", partition_by=["id"])]


class UniqueIds(WritesParquet):
    rules = Rules(unique_columns=["id"])


class BrokenExtract(WritesParquet):
    def extract(self) -> DataFrame:
        raise ConnectionError("source unavailable")


def test_success_writes_audits_notifies_and_emits_metrics(
    spark: SparkSession, aws: AwsFixture, tmp_path: Path
) -> None:
    record = make_job(WritesParquet, spark, aws, tmp_path).run()
    assert record.status == "SUCCEEDED" and record.rows_written == 3
    assert spark.read.parquet(record.outputs[0]).count() == 3
    make_job(WritesParquet, spark, aws, tmp_path, run_id="jr_2").run()  # rerun: partitions replaced
    assert spark.read.parquet(record.outputs[0]).count() == 3
    assert [a["status"] for a in aws.audit("job-a")] == ["SUCCEEDED", "SUCCEEDED"]
    assert [n["_subject"] for n in aws.notifications()] == ["[test] job-a SUCCEEDED"] * 2
    assert aws.dead_letters() == []
    assert {
        "RowsWritten",
        "RowsValidated",
        "RunSucceeded",
        "RunFailed",
        "DurationSeconds",
    } <= aws.metric_names()


def test_validation_failure_quarantines_and_writes_nothing(
    spark: SparkSession, aws: AwsFixture, tmp_path: Path
) -> None:
    with pytest.raises(RuntimeError, match="2 of 3 rows"):
        make_job(UniqueIds, spark, aws, tmp_path).run()
    assert not (tmp_path / "silver").exists()
    [dead] = aws.dead_letters()
    assert dead["quarantinePath"].endswith("/quarantine/job-a/jr_1/")
    assert sorted(r["v"] for r in spark.read.json(dead["quarantinePath"]).collect()) == ["b", "c"]
    [audit] = aws.audit("job-a")
    assert audit["status"] == "FAILED" and audit["rowsQuarantined"] == "2"


def test_any_failure_is_audited_dead_lettered_and_reraised(
    spark: SparkSession, aws: AwsFixture, tmp_path: Path
) -> None:
    with pytest.raises(ConnectionError):
        make_job(BrokenExtract, spark, aws, tmp_path).run()
    [dead] = aws.dead_letters()
    assert dead["error"] == "ConnectionError: source unavailable" and dead["quarantinePath"] is None
    [note] = aws.notifications()
    assert note["status"] == "FAILED"
    [audit] = aws.audit("job-a")
    assert audit["status"] == "FAILED" and "source unavailable" in audit["error"]


def test_a_run_id_is_audited_once(spark: SparkSession, aws: AwsFixture, tmp_path: Path) -> None:
    make_job(WritesParquet, spark, aws, tmp_path).run()
    with pytest.raises(Exception, match="ConditionalCheckFailed"):
        make_job(WritesParquet, spark, aws, tmp_path).run()
