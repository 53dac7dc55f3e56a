"""The typed job context: everything the platform tells a job through its arguments.

The platform stack passes these as non-overridable job arguments (components/glue/jobArgs.ts,
``RUNTIME_CONTEXT_ARGUMENTS``); a test keeps both lists equal. Glue hands arguments to the script as
``--NAME value`` pairs in ``sys.argv`` and adds ``--JOB_NAME`` and ``--JOB_RUN_ID`` itself
(https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-get-resolved-options.html).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

LAYERS = ("bronze", "silver", "gold")

# Arguments the platform sets on every runtime job (names without the leading "--").
CONTEXT_ARGUMENTS = (
    "PROJECT_ID",
    "ENV",
    "LAKE_BRONZE",
    "LAKE_SILVER",
    "LAKE_GOLD",
    "QUARANTINE_PATH",
    "DLQ_URL",
    "TOPIC_ARN",
    "STATE_TABLE",
    "KEY_ALIAS",
    "METRICS_NAMESPACE",
)
# Set only for the catalog databases a project declares ("DB_" + layer in upper case).
DATABASE_ARGUMENTS = tuple(f"DB_{layer.upper()}" for layer in LAYERS)
# Set only on jobs that write Iceberg: the Spark catalog name the platform's --conf configures.
ICEBERG_CATALOG_ARGUMENT = "ICEBERG_CATALOG"
# Added by Glue to every run.
GLUE_ARGUMENTS = ("JOB_NAME", "JOB_RUN_ID")


class ContextError(ValueError):
    """A job argument is missing or malformed."""


def parse_arguments(argv: Sequence[str]) -> dict[str, str]:
    """``--NAME value`` pairs of argv (the last occurrence wins); other tokens are ignored."""
    out: dict[str, str] = {}
    i = 0
    while i < len(argv):
        token = argv[i]
        if token.startswith("--") and len(token) > 2:
            name, eq, inline = token[2:].partition("=")
            if eq:
                out[name] = inline
            elif i + 1 < len(argv) and not argv[i + 1].startswith("--"):
                out[name] = argv[i + 1]
                i += 1
            else:
                out[name] = ""
        i += 1
    return out


@dataclass(frozen=True)
class JobContext:
    """What a run knows about itself and its project. Immutable."""

    job_name: str
    run_id: str
    project_id: str
    env: str
    lake: Mapping[str, str]
    databases: Mapping[str, str]
    quarantine_path: str
    dlq_url: str
    topic_arn: str
    state_table: str
    key_alias: str
    metrics_namespace: str
    iceberg_catalog: str | None = None
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def region(self) -> str | None:
        """The Region of the project's topic (arn:aws:sns:<region>:<account>:<name>), if known."""
        parts = self.topic_arn.split(":")
        return parts[3] if len(parts) > 5 and parts[3] else None

    def database(self, layer: str) -> str:
        if layer not in self.databases:
            raise ContextError(
                f"the project declares no {layer!r} catalog database "
                f"(declared: {', '.join(sorted(self.databases)) or 'none'}); "
                "add it under catalog.databases in project.yaml"
            )
        return self.databases[layer]

    def param(self, name: str) -> str:
        if name not in self.params:
            raise ContextError(
                f"job parameter {name!r} is not declared by the job "
                f"(declared: {', '.join(sorted(self.params))}); "
                "list it in the job class's `parameters` and pass it in project.yaml"
            )
        return self.params[name]


def build_context(argv: Sequence[str], parameters: Iterable[str] = ()) -> JobContext:
    """Parse argv into a context; ``parameters`` are the job-specific arguments the job reads.

    Every missing argument is reported at once, with how to fix it.
    """
    args = parse_arguments(argv)
    wanted = list(GLUE_ARGUMENTS) + list(CONTEXT_ARGUMENTS) + list(parameters)
    missing = [name for name in wanted if name not in args]
    if missing:
        raise ContextError(
            "missing job arguments: "
            + ", ".join(f"--{m}" for m in missing)
            + " (context arguments come from the platform's job definition; job parameters from "
            "the job's `parameters` in project.yaml)"
        )
    databases = {layer: args[f"DB_{layer.upper()}"] for layer in LAYERS if args.get(f"DB_{layer.upper()}")}
    return JobContext(
        job_name=args["JOB_NAME"],
        run_id=args["JOB_RUN_ID"],
        project_id=args["PROJECT_ID"],
        env=args["ENV"],
        lake=MappingProxyType({layer: args[f"LAKE_{layer.upper()}"] for layer in LAYERS}),
        databases=MappingProxyType(databases),
        quarantine_path=args["QUARANTINE_PATH"],
        dlq_url=args["DLQ_URL"],
        topic_arn=args["TOPIC_ARN"],
        state_table=args["STATE_TABLE"],
        key_alias=args["KEY_ALIAS"],
        metrics_namespace=args["METRICS_NAMESPACE"],
        iceberg_catalog=args.get(ICEBERG_CATALOG_ARGUMENT) or None,
        params=MappingProxyType({name: args[name] for name in parameters}),
    )
