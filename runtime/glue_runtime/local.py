"""Local runs: the same job code on local files, a local Iceberg (Hadoop) catalog and local Spark.

    python -m glue_runtime.local projects/<slug> <job> [--work-dir DIR] [--run-id ID]

reads the job from ``projects/<slug>/project.yaml``, copies the project's sample data
(``projects/<slug>/data/<layer>/<table>/*.csv``) into a work folder that stands in for the lake,
creates the declared Iceberg tables, and runs the job with side effects logged instead of sent.
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import shutil
import sys
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from pyspark.sql import DataFrame, SparkSession

from .context import LAYERS, build_context
from .job import BaseJob
from .lake import Lake
from .logs import job_logger
from .services import LogServices, RunRecord, Services
from .tables import create_table_sql

RUNTIME_DIR = Path(__file__).resolve().parent.parent
ICEBERG_CATALOG = "glue_catalog"
_PLACEHOLDER_KINDS = ("lake", "db")


def local_spark(warehouse: Path, cores: int = 2, memory: str = "2g") -> SparkSession:
    """A local session with the Iceberg runtime jar and a Hadoop catalog named like the Glue one."""
    jars = sorted(str(p) for p in (RUNTIME_DIR / ".jars").glob("*.jar"))
    if not jars:
        raise RuntimeError("no Iceberg jar in runtime/.jars: run runtime/setup.sh first")
    cat = f"spark.sql.catalog.{ICEBERG_CATALOG}"
    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("glue-runtime-local")
        .config("spark.jars", ",".join(jars))
        .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
        .config(cat, "org.apache.iceberg.spark.SparkCatalog")
        .config(f"{cat}.type", "hadoop")
        .config(f"{cat}.warehouse", str(warehouse))
        .config("spark.sql.shuffle.partitions", str(cores * 2))
        .config("spark.default.parallelism", str(cores * 2))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", memory)
        .getOrCreate()
    )


def load_project(project_dir: Path) -> dict[str, Any]:
    with (project_dir / "project.yaml").open(encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    if not isinstance(spec, dict):
        raise ValueError(f"{project_dir / 'project.yaml'}: not a mapping")
    return spec


def find_job(spec: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    jobs: dict[str, Mapping[str, Any]] = {str(j["name"]): j for j in spec.get("jobs", [])}
    if name not in jobs:
        raise SystemExit(f"no job {name!r} in project {spec.get('slug')!r} (jobs: {', '.join(sorted(jobs))})")
    return jobs[name]


def expand(value: str, lake: Mapping[str, str], databases: Mapping[str, str]) -> str:
    for layer in LAYERS:
        value = value.replace(f"${{lake.{layer}}}", lake[layer])
        if layer in databases:
            value = value.replace(f"${{db.{layer}}}", databases[layer])
    return value


def load_job_class(script: Path, extra_py_files: Sequence[Path] = ()) -> type[BaseJob]:
    """The one BaseJob subclass a script defines (its helpers are importable like on Glue)."""
    for folder in {script.parent, *(p.parent for p in extra_py_files)}:
        if str(folder) not in sys.path:
            sys.path.insert(0, str(folder))
    name = f"_glue_job_{script.stem}_{uuid.uuid4().hex[:8]}"
    module_spec = importlib.util.spec_from_file_location(name, script)
    if module_spec is None or module_spec.loader is None:
        raise ImportError(f"cannot load {script}")
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    found = [
        c
        for _, c in inspect.getmembers(module, inspect.isclass)
        if issubclass(c, BaseJob) and c.__module__ == name
    ]
    if len(found) != 1:
        raise ImportError(f"{script} must define exactly one BaseJob subclass (found {len(found)})")
    return found[0]


class LocalProject:
    """A project's lake, catalog databases and tables in a local work folder."""

    def __init__(
        self, project_dir: Path, work_dir: Path, spark: SparkSession, db_prefix: str = "local"
    ) -> None:
        self.dir = project_dir.resolve()
        self.spec = load_project(self.dir)
        self.spark = spark
        self.work_dir = work_dir.resolve()
        self.lake_dir = self.work_dir / "lake"
        self.lake = {layer: f"{(self.lake_dir / layer).as_uri()}/" for layer in LAYERS}
        declared = self.spec.get("catalog", {}).get("databases", [])
        self.databases = {layer: f"{db_prefix}_{layer}" for layer in declared}
        if not self.lake_dir.exists():
            sample = self.dir / "data"
            if sample.exists():
                shutil.copytree(sample, self.lake_dir)
            for layer in LAYERS:
                (self.lake_dir / layer).mkdir(parents=True, exist_ok=True)
        self._create_tables()

    def _create_tables(self) -> None:
        for db in self.databases.values():
            self.spark.sql(f"CREATE NAMESPACE IF NOT EXISTS {ICEBERG_CATALOG}.`{db}`")
        for table in self.spec.get("tables", []):
            db = self.databases[str(table["layer"])]
            self.spark.sql(create_table_sql(f"{ICEBERG_CATALOG}.`{db}`.`{table['name']}`", table))

    def read_source(self, database: str, table: str, transformation_ctx: str) -> DataFrame:
        """Local stand-in for a crawled catalog table: the CSV files of lake/<layer>/<table>/."""
        layer = next(layer for layer, db in self.databases.items() if db == database)
        path = self.lake_dir / layer / table
        return self.spark.read.option("header", "true").csv(str(path))

    def argv(self, job: Mapping[str, Any], run_id: str, resources: Mapping[str, str]) -> list[str]:
        args: dict[str, str] = {
            "JOB_NAME": str(job["name"]),
            "JOB_RUN_ID": run_id,
            "PROJECT_ID": str(self.spec["projectId"]),
            "ENV": "local",
            "QUARANTINE_PATH": f"{(self.lake_dir / 'quarantine').as_uri()}/",
            "DLQ_URL": resources.get("dlq_url", "local-dlq"),
            "TOPIC_ARN": resources.get("topic_arn", "local-topic"),
            "STATE_TABLE": resources.get("state_table", "local-state"),
            "KEY_ALIAS": "alias/local",
            "METRICS_NAMESPACE": resources.get("metrics_namespace", "GluePlatform/Jobs"),
        }
        for layer in LAYERS:
            args[f"LAKE_{layer.upper()}"] = self.lake[layer]
        for layer, db in self.databases.items():
            args[f"DB_{layer.upper()}"] = db
        if job.get("iceberg"):
            args["ICEBERG_CATALOG"] = ICEBERG_CATALOG
        for key, value in (job.get("parameters") or {}).items():
            args[str(key)] = expand(str(value), self.lake, self.databases)
        return [token for key, value in args.items() for token in (f"--{key}", value)]

    def run(
        self,
        job_name: str,
        services: Services | None = None,
        run_id: str | None = None,
        resources: Mapping[str, str] | None = None,
    ) -> RunRecord:
        job = find_job(self.spec, job_name)
        script = self.dir / str(job["script"])
        extra = [self.dir / str(p) for p in job.get("extraPyFiles", [])]
        job_class = load_job_class(script, extra)
        run_id = run_id or f"jr_local_{uuid.uuid4().hex}"
        ctx = build_context(self.argv(job, run_id, resources or {}), job_class.parameters)
        logger = job_logger(ctx.job_name, ctx.run_id, ctx.project_id)
        lake = Lake(self.spark, ctx, self.read_source)
        return job_class(ctx, lake, services or LogServices(logger), logger).run()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m glue_runtime.local", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("project", type=Path, help="project folder, e.g. projects/customer-360")
    parser.add_argument("job", help="job name in project.yaml")
    parser.add_argument(
        "--work-dir", type=Path, help="lake and warehouse folder (default runtime/.local/<slug>)"
    )
    parser.add_argument("--run-id", help="job run id (default: a new one)")
    parser.add_argument("--fresh", action="store_true", help="start from the sample data again")
    args = parser.parse_args(argv)
    slug = args.project.resolve().name
    work = args.work_dir or RUNTIME_DIR / ".local" / slug
    if args.fresh and work.exists():
        shutil.rmtree(work)
    spark = local_spark(work / "warehouse")
    spark.sparkContext.setLogLevel("WARN")
    record = LocalProject(args.project, work, spark).run(args.job, run_id=args.run_id)
    print(f"{args.job}: {record.status}, {record.rows_written} rows written to {', '.join(record.outputs)}")
    print(f"work folder: {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
