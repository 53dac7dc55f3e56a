"""glue_runtime: the platform's job runtime for AWS Glue Spark jobs (Glue 5.1: Spark 3.5, Python 3.11).

A job subclasses ``BaseJob`` and ends with ``main(MyJob)``; see runtime/README.md.
"""

from .context import ContextError, JobContext, build_context
from .job import BaseJob, ValidationFailed
from .lake import Lake
from .services import AwsServices, LogServices, RunRecord, Services
from .validation import Rules, SchemaError, ValidationResult, evaluate

__all__ = [
    "AwsServices",
    "BaseJob",
    "ContextError",
    "JobContext",
    "Lake",
    "LogServices",
    "Rules",
    "RunRecord",
    "SchemaError",
    "Services",
    "ValidationFailed",
    "ValidationResult",
    "build_context",
    "evaluate",
    "main",
]


def main(job_class: type[BaseJob]) -> None:
    """Script entry point on Glue. Locally, run scripts with ``python -m glue_runtime.local``."""
    try:
        import awsglue  # noqa: F401  (present only in the Glue job image)
    except ImportError as missing:
        raise SystemExit(
            "awsglue is not available: this is not a Glue job run. Run the job locally with "
            "`npm run job -- projects/<slug> <job>` (python -m glue_runtime.local)."
        ) from missing
    from .glue import run_on_glue

    run_on_glue(job_class)
