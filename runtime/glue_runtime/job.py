"""The job lifecycle: extract -> transform -> validate -> load, with audit, quarantine, DLQ,
notifications and metrics around it.

``run()`` validates the complete output before any write. When validation fails nothing is loaded:
the offending rows go to the run's quarantine folder, a DLQ message points at them, the topic gets a
failure notification and the audit record ends FAILED. ``load`` should write with the idempotent,
atomic helpers of ``Lake`` (Iceberg MERGE or partition overwrite: one commit per table), so a rerun
never duplicates and a failed run never leaves half a table.
"""

from __future__ import annotations

import logging
import time
from abc import ABC, abstractmethod
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, ClassVar

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from .context import JobContext
from .lake import Lake
from .services import RunRecord, Services
from .validation import VIOLATIONS, Rules, ValidationResult, evaluate, release


class ValidationFailed(RuntimeError):  # noqa: N818 (reads as an outcome, like StopIteration)
    """The output broke the job's rules; nothing was written."""

    def __init__(self, result: ValidationResult) -> None:
        super().__init__(
            f"validation failed: {result.invalid} of {result.total} rows break the rules "
            f"({', '.join(f'{k}: {v}' for k, v in result.per_rule.items() if v)}); nothing was written"
        )
        self.result = result


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class BaseJob(ABC):
    """Subclass it, declare ``parameters`` and ``rules``, implement ``extract`` and ``load``."""

    # Job-specific arguments the job reads (the platform passes them from project.yaml `parameters`).
    parameters: ClassVar[Sequence[str]] = ()
    # Rules the transformed output must satisfy before any write.
    rules: ClassVar[Rules] = Rules()

    def __init__(self, ctx: JobContext, lake: Lake, services: Services, logger: logging.Logger) -> None:
        self.ctx = ctx
        self.lake = lake
        self.spark = lake.spark
        self.services = services
        self.log = logger

    def param(self, name: str) -> str:
        return self.ctx.param(name)

    @abstractmethod
    def extract(self) -> DataFrame:
        """Read the input (``self.lake.read_source`` / ``read_table``)."""

    def transform(self, df: DataFrame) -> DataFrame:
        """Pure DataFrame logic; the default passes the input through."""
        return df

    def validation_rules(self) -> Rules:
        return self.rules

    @abstractmethod
    def load(self, df: DataFrame) -> list[str]:
        """Write the validated rows; return the tables or paths written."""

    # --- orchestration ---
    def run(self) -> RunRecord:
        started = time.monotonic()
        record = RunRecord(status="RUNNING", started_at=_now())
        self.services.audit_start(self.ctx, record)
        self.log.info("run started", extra={"phase": "start"})
        result: ValidationResult | None = None
        try:
            source = self._phase("extract", self.extract)
            output = self._phase("transform", lambda: self.transform(source))
            rules = self.validation_rules()
            result = self._phase("validate", lambda: evaluate(output, rules))
            record.rows_validated = result.total
            self.log.info("validation", extra={"phase": "validate", **result.summary()})
            if result.invalid:
                record.quarantine_path = self._quarantine(result)
                record.rows_quarantined = result.invalid
            if not result.passed(rules):
                raise ValidationFailed(result)
            valid = result
            record.outputs = list(self._phase("load", lambda: self.load(valid.valid_rows)))
            record.rows_written = result.total - result.invalid
            record.status = "SUCCEEDED"
        except BaseException as error:
            record.status = "FAILED"
            record.error = f"{type(error).__name__}: {error}"
            self._finish(record, started, error)
            raise
        else:
            self._finish(record, started, None)
        finally:
            release(result)
        return record

    def _phase(self, name: str, step: Any) -> Any:
        t0 = time.monotonic()
        value = step()
        self.log.info("phase done", extra={"phase": name, "seconds": round(time.monotonic() - t0, 3)})
        return value

    def _quarantine(self, result: ValidationResult) -> str:
        """The run's invalid rows, with the rules each broke, as JSON lines in the run's own folder."""
        path = f"{self.ctx.quarantine_path.rstrip('/')}/{self.ctx.job_name}/{self.ctx.run_id}/"
        rows = result.invalid_rows.withColumn(VIOLATIONS, F.concat_ws(";", F.col(VIOLATIONS)))
        rows.write.mode("overwrite").json(path)
        self.log.warning(
            "rows quarantined", extra={"phase": "validate", "rows": result.invalid, "path": path}
        )
        return path

    def _finish(self, record: RunRecord, started: float, error: BaseException | None) -> None:
        record.ended_at = _now()
        record.duration_seconds = time.monotonic() - started
        message: dict[str, Any] = {
            "status": record.status,
            "projectId": self.ctx.project_id,
            "env": self.ctx.env,
            "jobName": self.ctx.job_name,
            "runId": self.ctx.run_id,
            "rowsValidated": record.rows_validated,
            "rowsWritten": record.rows_written,
            "rowsQuarantined": record.rows_quarantined,
            "outputs": list(record.outputs),
            "quarantinePath": record.quarantine_path,
            "error": record.error,
        }
        steps: list[tuple[str, Any]] = []
        if record.quarantine_path or error is not None:
            steps.append(("dead_letter", lambda: self.services.send_dead_letter(self.ctx, message)))
        subject = f"[{self.ctx.env}] {self.ctx.job_name} {record.status}"
        steps.append(("notify", lambda: self.services.notify(self.ctx, subject, message)))
        metrics = {
            "RowsValidated": float(record.rows_validated),
            "RowsWritten": float(record.rows_written),
            "RowsQuarantined": float(record.rows_quarantined),
            "RunSucceeded": 1.0 if record.status == "SUCCEEDED" else 0.0,
            "RunFailed": 1.0 if record.status == "FAILED" else 0.0,
            "DurationSeconds": record.duration_seconds,
        }
        steps.append(("metrics", lambda: self.services.put_metrics(self.ctx, metrics)))
        steps.append(("audit", lambda: self.services.audit_finish(self.ctx, record)))
        failures: list[BaseException] = []
        for name, step in steps:
            try:
                step()
            except Exception as side_error:  # one failing side effect must not hide the others
                failures.append(side_error)
                self.log.error("side effect failed", exc_info=True, extra={"side_effect": name})
        level = logging.INFO if error is None else logging.ERROR
        self.log.log(level, "run finished", extra={"phase": "end", **message})
        if failures and error is None:
            raise RuntimeError(f"the run succeeded but {len(failures)} side effect(s) failed; see the logs")
