"""pytest plugin for job tests (registered in runtime/pyproject.toml): one shared local Spark session,
moto's AWS server on a free loopback port, per-test AWS resources, and local projects in tmp folders.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer
from pyspark.sql import DataFrame, SparkSession

from glue_runtime.local import ICEBERG_CATALOG, LocalProject, local_spark
from glue_runtime.services import AwsServices, RunRecord

REPO_ROOT = Path(__file__).resolve().parent.parent
REGION = "eu-west-1"


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparkSession]:
    session = local_spark(tmp_path_factory.mktemp("warehouse"), cores=2, memory="1g")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """moto's AWS server on loopback; any credentials work."""
    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
    }.items():
        os.environ.setdefault(key, value)
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@dataclass
class AwsFixture:
    """The project's queue, topic (with a capture queue subscribed), state table and metrics namespace."""

    endpoint: str
    resources: dict[str, str]
    services: AwsServices
    session: boto3.Session
    capture_url: str

    def client(self, name: str) -> Any:
        return self.session.client(name, region_name=REGION, endpoint_url=self.endpoint)  # type: ignore[call-overload]

    def _drain(self, url: str) -> list[dict[str, Any]]:
        sqs = self.client("sqs")
        out: list[dict[str, Any]] = []
        while True:
            got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"])
            msgs = got.get("Messages", [])
            if not msgs:
                return out
            for m in msgs:
                out.append(json.loads(m["Body"]))
                sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])

    def dead_letters(self) -> list[dict[str, Any]]:
        return self._drain(self.resources["dlq_url"])

    def notifications(self) -> list[dict[str, Any]]:
        """Messages published to the topic (SNS envelopes unwrapped)."""
        return [
            json.loads(env["Message"]) | {"_subject": env.get("Subject")}
            for env in self._drain(self.capture_url)
        ]

    def audit(self, job_name: str) -> list[dict[str, Any]]:
        ddb = self.client("dynamodb")
        items = ddb.query(
            TableName=self.resources["state_table"],
            KeyConditionExpression="jobName = :j",
            ExpressionAttributeValues={":j": {"S": job_name}},
        )["Items"]
        return [{k: next(iter(v.values())) for k, v in item.items()} for item in items]

    def metric_names(self) -> set[str]:
        cw = self.client("cloudwatch")
        metrics = cw.list_metrics(Namespace=self.resources["metrics_namespace"])["Metrics"]
        return {m["MetricName"] for m in metrics}


@pytest.fixture
def aws(moto_endpoint: str) -> AwsFixture:
    session = boto3.Session(region_name=REGION)
    suffix = uuid.uuid4().hex[:10]

    def client(name: str) -> Any:
        return session.client(name, region_name=REGION, endpoint_url=moto_endpoint)  # type: ignore[call-overload]

    sqs, sns, ddb = client("sqs"), client("sns"), client("dynamodb")
    dlq_url = sqs.create_queue(QueueName=f"dlq-{suffix}")["QueueUrl"]
    capture_url = sqs.create_queue(QueueName=f"capture-{suffix}")["QueueUrl"]
    capture_arn = sqs.get_queue_attributes(QueueUrl=capture_url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    topic_arn = sns.create_topic(Name=f"topic-{suffix}")["TopicArn"]
    sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=capture_arn)
    table = f"state-{suffix}"
    ddb.create_table(
        TableName=table,
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[
            {"AttributeName": "jobName", "KeyType": "HASH"},
            {"AttributeName": "runId", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "jobName", "AttributeType": "S"},
            {"AttributeName": "runId", "AttributeType": "S"},
        ],
    )
    resources = {
        "dlq_url": dlq_url,
        "topic_arn": topic_arn,
        "state_table": table,
        "metrics_namespace": f"Test/{suffix}",
    }
    services = AwsServices(session, REGION, endpoint_url=moto_endpoint)
    return AwsFixture(moto_endpoint, resources, services, session, capture_url)


class ProjectRun:
    """A sample project in a tmp folder on the shared session, wired to the test's AWS resources."""

    def __init__(self, project: LocalProject, aws: AwsFixture) -> None:
        self.project = project
        self.aws = aws
        self.spark = project.spark

    @property
    def lake_dir(self) -> Path:
        return self.project.lake_dir

    def run(self, job: str, run_id: str | None = None) -> RunRecord:
        return self.project.run(job, services=self.aws.services, run_id=run_id, resources=self.aws.resources)

    def table(self, layer: str, name: str) -> DataFrame:
        return self.spark.table(f"{ICEBERG_CATALOG}.`{self.project.databases[layer]}`.`{name}`")

    def snapshots(self, layer: str, name: str) -> int:
        return self.spark.sql(
            f"SELECT * FROM {ICEBERG_CATALOG}.`{self.project.databases[layer]}`.`{name}`.snapshots"
        ).count()

    def replace_source(self, layer: str, table: str, csv_text: str) -> None:
        folder = self.lake_dir / layer / table
        for old in folder.glob("*"):
            old.unlink()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "data.csv").write_text(csv_text, encoding="utf-8")


@pytest.fixture
def local_project(spark: SparkSession, aws: AwsFixture, tmp_path: Path) -> Callable[[str], ProjectRun]:
    """``local_project("customer-360")`` (or a path): the project's sample data in a fresh lake."""

    def make(project: str) -> ProjectRun:
        folder = Path(project) if os.sep in project else REPO_ROOT / "projects" / project
        prefix = f"t{uuid.uuid4().hex[:8]}"
        return ProjectRun(LocalProject(folder, tmp_path / prefix, spark, db_prefix=prefix), aws)

    return make
