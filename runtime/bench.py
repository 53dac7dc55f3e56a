"""Runtime overhead benchmark: the same job (read CSV, transform, validate, write Iceberg) written on
the runtime and written as plain Spark, on generated data, in one local Spark session.

    runtime/.venv/bin/python runtime/bench.py [--rows 1000000] [--runs 3]

Prints one JSON object: median seconds per variant and the runtime / plain ratio (target <= 1.3).
The plain variant validates like a hand-written job does (one count of rule violations, then the
write: two reads of the source); the runtime validates the cached output in one aggregation.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from glue_runtime import BaseJob, LogServices, Rules, build_context
from glue_runtime.lake import Lake
from glue_runtime.local import ICEBERG_CATALOG, local_spark
from glue_runtime.transforms import cast_columns, clean_email

EMAIL = r"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$"
RULES = Rules(required_columns=["id", "email"], unique_columns=["id"], patterns={"email": EMAIL})


def transform(df: DataFrame) -> DataFrame:
    typed = cast_columns(df, {"id": "long", "amount": "double", "ts": "timestamp"})
    return typed.withColumn("email", clean_email(F.col("email"))).withColumn("day", F.to_date("ts"))


def generate(spark: SparkSession, rows: int, folder: Path) -> None:
    (
        spark.range(rows)
        .select(
            F.col("id").cast("string").alias("id"),
            F.concat(F.lit(" User"), F.col("id"), F.lit("@Example.com ")).alias("email"),
            F.element_at(
                F.array(*[F.lit(c) for c in ("US", "GB", "NL", "DE")]), (F.col("id") % 4 + 1).cast("int")
            ).alias("country"),
            (F.col("id") % 1000 / 10).cast("string").alias("amount"),
            F.date_format(
                F.timestamp_seconds(F.lit(1_764_000_000) + F.col("id") % 604800), "yyyy-MM-dd'T'HH:mm:ss'Z'"
            ).alias("ts"),
        )
        .write.option("header", "true")
        .csv(str(folder))
    )


def table_ddl(table: str) -> str:
    return (
        f"CREATE OR REPLACE TABLE {table} (id BIGINT, email STRING, country STRING, amount DOUBLE, "
        "ts TIMESTAMP, day DATE) USING iceberg PARTITIONED BY (day)"
    )


def plain(spark: SparkSession, source: Path, table: str) -> None:
    df = transform(spark.read.option("header", "true").csv(str(source)))
    bad = df.filter(F.col("id").isNull() | F.col("email").isNull() | ~F.col("email").rlike(EMAIL)).count() + (
        df.count() - df.select("id").distinct().count()
    )
    if bad:
        raise RuntimeError(f"{bad} bad rows")
    df.writeTo(table).overwritePartitions()


class BenchJob(BaseJob):
    rules = RULES

    def extract(self) -> DataFrame:
        return self.lake.read_source("bronze", "bench")

    def transform(self, df: DataFrame) -> DataFrame:
        return transform(df)

    def load(self, df: DataFrame) -> list[str]:
        return [self.lake.overwrite_partitions(df, "silver", "bench_runtime")]


def runtime(spark: SparkSession, source: Path, lake: Path) -> None:
    args = {
        "JOB_NAME": "bench",
        "JOB_RUN_ID": f"jr_{time.time_ns()}",
        "PROJECT_ID": "bench",
        "ENV": "local",
        "LAKE_BRONZE": f"{lake.as_uri()}/bronze/",
        "LAKE_SILVER": f"{lake.as_uri()}/silver/",
        "LAKE_GOLD": f"{lake.as_uri()}/gold/",
        "DB_BRONZE": "bench",
        "DB_SILVER": "bench",
        "QUARANTINE_PATH": f"{lake.as_uri()}/quarantine/",
        "DLQ_URL": "-",
        "TOPIC_ARN": "-",
        "STATE_TABLE": "-",
        "KEY_ALIAS": "-",
        "METRICS_NAMESPACE": "-",
        "ICEBERG_CATALOG": ICEBERG_CATALOG,
    }
    ctx = build_context([t for k, v in args.items() for t in (f"--{k}", v)])
    log = logging.getLogger("bench")
    log.addHandler(logging.NullHandler())
    log.propagate = False

    def read_source(database: str, table: str, transformation_ctx: str) -> DataFrame:
        return spark.read.option("header", "true").csv(str(source))

    BenchJob(ctx, Lake(spark, ctx, read_source), LogServices(log), log).run()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="glue-runtime-bench-") as tmp:
        root = Path(tmp)
        spark = local_spark(root / "warehouse", cores=2, memory="2g")
        spark.sparkContext.setLogLevel("ERROR")
        source = root / "bronze" / "bench"
        generate(spark, opts.rows, source)
        spark.sql(f"CREATE NAMESPACE IF NOT EXISTS {ICEBERG_CATALOG}.bench")
        for name in ("bench_plain", "bench_runtime"):
            spark.sql(table_ddl(f"{ICEBERG_CATALOG}.`bench`.`{name}`"))
        times: dict[str, list[float]] = {"plain": [], "runtime": []}
        plain(spark, source, f"{ICEBERG_CATALOG}.`bench`.`bench_plain`")  # warm-up (JIT, codegen)
        runtime(spark, source, root)
        for _ in range(opts.runs):
            for variant in ("plain", "runtime"):
                t0 = time.perf_counter()
                if variant == "plain":
                    plain(spark, source, f"{ICEBERG_CATALOG}.`bench`.`bench_plain`")
                else:
                    runtime(spark, source, root)
                times[variant].append(time.perf_counter() - t0)
        rows = spark.table(f"{ICEBERG_CATALOG}.`bench`.`bench_runtime`").count()
        spark.stop()
    plain_s, runtime_s = statistics.median(times["plain"]), statistics.median(times["runtime"])
    print(
        json.dumps(
            {
                "rows": rows,
                "runs": opts.runs,
                "plain_seconds": round(plain_s, 2),
                "runtime_seconds": round(runtime_s, 2),
                "ratio": round(runtime_s / plain_s, 3),
                "all": {k: [round(x, 2) for x in v] for k, v in times.items()},
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
