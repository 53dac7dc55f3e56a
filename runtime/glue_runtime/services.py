"""The run's side effects outside the lake: audit record, dead-letter queue, notifications, metrics.

``AwsServices`` calls DynamoDB, SQS, SNS and CloudWatch with boto3 (the platform gives the job role
exactly these calls on the project's own table, queue, topic and metric namespace, and the VPC
endpoints to reach them privately). ``LogServices`` only logs, for local runs without AWS.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from .context import JobContext

if TYPE_CHECKING:
    import boto3


@dataclass
class RunRecord:
    """What the audit trail stores per run (DynamoDB item keyed by jobName + runId)."""

    status: str
    started_at: str
    ended_at: str | None = None
    rows_validated: int = 0
    rows_written: int = 0
    rows_quarantined: int = 0
    outputs: Sequence[str] = field(default_factory=list)
    quarantine_path: str | None = None
    error: str | None = None
    duration_seconds: float = 0.0


class Services(Protocol):
    def audit_start(self, ctx: JobContext, record: RunRecord) -> None: ...
    def audit_finish(self, ctx: JobContext, record: RunRecord) -> None: ...
    def send_dead_letter(self, ctx: JobContext, message: Mapping[str, Any]) -> None: ...
    def notify(self, ctx: JobContext, subject: str, message: Mapping[str, Any]) -> None: ...
    def put_metrics(self, ctx: JobContext, metrics: Mapping[str, float]) -> None: ...


def _item(ctx: JobContext, record: RunRecord) -> dict[str, Any]:
    item: dict[str, Any] = {
        "jobName": {"S": ctx.job_name},
        "runId": {"S": ctx.run_id},
        "projectId": {"S": ctx.project_id},
        "env": {"S": ctx.env},
        "status": {"S": record.status},
        "startedAt": {"S": record.started_at},
        "rowsValidated": {"N": str(record.rows_validated)},
        "rowsWritten": {"N": str(record.rows_written)},
        "rowsQuarantined": {"N": str(record.rows_quarantined)},
        "outputs": {"L": [{"S": o} for o in record.outputs]},
    }
    if record.ended_at:
        item["endedAt"] = {"S": record.ended_at}
        item["durationSeconds"] = {"N": f"{record.duration_seconds:.3f}"}
    if record.quarantine_path:
        item["quarantinePath"] = {"S": record.quarantine_path}
    if record.error:
        item["error"] = {"S": record.error[:4000]}
    return item


class AwsServices:
    """boto3 clients for one run. ``endpoint_url`` points every client at one endpoint (tests: moto)."""

    def __init__(self, session: boto3.Session, region: str | None, endpoint_url: str | None = None) -> None:
        kwargs: dict[str, Any] = {"region_name": region}
        if endpoint_url:
            kwargs["endpoint_url"] = endpoint_url
        self._dynamodb = session.client("dynamodb", **kwargs)
        self._sqs = session.client("sqs", **kwargs)
        self._sns = session.client("sns", **kwargs)
        self._cloudwatch = session.client("cloudwatch", **kwargs)

    def audit_start(self, ctx: JobContext, record: RunRecord) -> None:
        # A run id is written once: a second start of the same run is refused, never overwritten.
        self._dynamodb.put_item(
            TableName=ctx.state_table,
            Item=_item(ctx, record),
            ConditionExpression="attribute_not_exists(runId)",
        )

    def audit_finish(self, ctx: JobContext, record: RunRecord) -> None:
        self._dynamodb.put_item(TableName=ctx.state_table, Item=_item(ctx, record))

    def send_dead_letter(self, ctx: JobContext, message: Mapping[str, Any]) -> None:
        self._sqs.send_message(
            QueueUrl=ctx.dlq_url,
            MessageBody=json.dumps(message, default=str),
            MessageAttributes={
                "jobName": {"DataType": "String", "StringValue": ctx.job_name},
                "runId": {"DataType": "String", "StringValue": ctx.run_id},
            },
        )

    def notify(self, ctx: JobContext, subject: str, message: Mapping[str, Any]) -> None:
        self._sns.publish(
            TopicArn=ctx.topic_arn,
            Subject=subject[:100],  # SNS subjects are limited to 100 characters
            Message=json.dumps(message, default=str),
            MessageAttributes={"status": {"DataType": "String", "StringValue": str(message.get("status"))}},
        )

    def put_metrics(self, ctx: JobContext, metrics: Mapping[str, float]) -> None:
        dims = [{"Name": "ProjectId", "Value": ctx.project_id}, {"Name": "JobName", "Value": ctx.job_name}]
        data: list[Any] = [
            {
                "MetricName": name,
                "Dimensions": dims,
                "Value": float(value),
                "Unit": "Seconds" if name.endswith("Seconds") else "Count",
            }
            for name, value in metrics.items()
        ]
        self._cloudwatch.put_metric_data(Namespace=ctx.metrics_namespace, MetricData=data)


class LogServices:
    """Local stand-in: logs each side effect as a structured line instead of calling AWS."""

    def __init__(self, logger: logging.Logger) -> None:
        self._log = logger
        self.events: list[tuple[str, Mapping[str, Any]]] = []

    def _emit(self, kind: str, payload: Mapping[str, Any]) -> None:
        self.events.append((kind, payload))
        self._log.info("local %s", kind, extra={"side_effect": kind, "payload": dict(payload)})

    def audit_start(self, ctx: JobContext, record: RunRecord) -> None:
        self._emit("audit", _item(ctx, record))

    def audit_finish(self, ctx: JobContext, record: RunRecord) -> None:
        self._emit("audit", _item(ctx, record))

    def send_dead_letter(self, ctx: JobContext, message: Mapping[str, Any]) -> None:
        self._emit("dead_letter", message)

    def notify(self, ctx: JobContext, subject: str, message: Mapping[str, Any]) -> None:
        self._emit("notification", {"subject": subject, **message})

    def put_metrics(self, ctx: JobContext, metrics: Mapping[str, float]) -> None:
        self._emit("metrics", metrics)
