"""JSON structured logs, one object per line, keyed by the job run id.

Glue sends a job's stdout/stderr to CloudWatch Logs (continuous logging is locked on by the platform),
where the JSON fields are queryable with Logs Insights.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

_RESERVED = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def __init__(self, static: dict[str, str]) -> None:
        super().__init__()
        self._static = static

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **self._static,
        }
        for key, value in vars(record).items():
            if key not in _RESERVED and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def job_logger(job_name: str, run_id: str, project_id: str, stream: Any = None) -> logging.Logger:
    """A logger for one run; every line carries job_name, job_run_id and project_id."""
    logger = logging.getLogger(f"glue_runtime.{job_name}.{run_id}")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.setFormatter(
        JsonFormatter({"job_name": job_name, "job_run_id": run_id, "project_id": project_id})
    )
    logger.addHandler(handler)
    return logger
