"""Environment-aware lake IO. Reads of raw data go through the platform's source reader (Glue: the
Data Catalog with ``transformation_ctx``, so job bookmarks apply; local: CSV files); Iceberg reads and
writes are plain Spark SQL on the catalog the platform configured, the same code on Glue and locally.

Writes are idempotent per run: ``merge`` (Iceberg MERGE INTO on a key) and ``overwrite_partitions``
(Iceberg dynamic partition overwrite) give the same table after a rerun; each is one atomic Iceberg
commit (https://iceberg.apache.org/docs/1.10.0/spark-writes/). ``write_parquet`` overwrites the
partitions present in the data (Spark dynamic partition overwrite), which is not atomic on S3.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Protocol

from pyspark.sql import DataFrame, SparkSession

from .context import ContextError, JobContext

_views = itertools.count()


class SourceReader(Protocol):
    def __call__(self, database: str, table: str, transformation_ctx: str) -> DataFrame: ...


class Lake:
    def __init__(self, spark: SparkSession, ctx: JobContext, read_source: SourceReader) -> None:
        self.spark = spark
        self.ctx = ctx
        self._read_source = read_source

    # --- reads ---
    def read_source(self, layer: str, table: str, transformation_ctx: str | None = None) -> DataFrame:
        """A raw (crawled) catalog table of a layer; bookmarked on Glue under ``transformation_ctx``."""
        return self._read_source(self.ctx.database(layer), table, transformation_ctx or f"{layer}_{table}")

    def table_id(self, layer: str, table: str) -> str:
        if not self.ctx.iceberg_catalog:
            raise ContextError(
                "this job has no Iceberg catalog (--ICEBERG_CATALOG); "
                "set `iceberg: true` on the job in project.yaml"
            )
        return f"{self.ctx.iceberg_catalog}.`{self.ctx.database(layer)}`.`{table}`"

    def read_table(self, layer: str, table: str) -> DataFrame:
        """An Iceberg table of the layer's database."""
        return self.spark.table(self.table_id(layer, table))

    # --- writes ---
    def merge(self, df: DataFrame, layer: str, table: str, keys: Sequence[str]) -> str:
        """Upsert rows by key (MERGE INTO): a rerun updates the same rows instead of adding copies."""
        if not keys:
            raise ValueError("merge needs at least one key column")
        target = self.table_id(layer, table)
        view = f"_glue_runtime_src_{next(_views)}"
        df.createOrReplaceTempView(view)
        on = " AND ".join(f"t.`{k}` <=> s.`{k}`" for k in keys)
        try:
            self.spark.sql(
                f"MERGE INTO {target} t USING {view} s ON {on} "
                "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *"
            )
        finally:
            self.spark.catalog.dropTempView(view)
        return target

    def overwrite_partitions(self, df: DataFrame, layer: str, table: str) -> str:
        """Replace the partitions present in ``df`` (the whole table if unpartitioned), atomically."""
        target = self.table_id(layer, table)
        df.writeTo(target).overwritePartitions()
        return target

    def append(self, df: DataFrame, layer: str, table: str) -> str:
        """Append (not idempotent: a rerun adds the rows again; prefer merge or overwrite_partitions)."""
        target = self.table_id(layer, table)
        df.writeTo(target).append()
        return target

    def path(self, layer: str, relative: str) -> str:
        base = self.ctx.lake[layer]
        return base + relative if base.endswith("/") else f"{base}/{relative}"

    def write_parquet(self, df: DataFrame, layer: str, relative: str, partition_by: Sequence[str]) -> str:
        """Partitioned Parquet under the layer's lake prefix, replacing only the partitions written."""
        if not partition_by:
            raise ValueError(
                "write_parquet needs partition columns: an unpartitioned overwrite replaces everything"
            )
        target = self.path(layer, relative)
        (
            df.write.mode("overwrite")
            .option("partitionOverwriteMode", "dynamic")
            .partitionBy(*partition_by)
            .parquet(target)
        )
        return target
