"""Reusable, pure DataFrame transformations (no IO). Compose them in a job's ``transform``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F
from pyspark.sql.types import StringType


def clean_email(col: Column) -> Column:
    """Trimmed, lower-case e-mail; empty strings become null."""
    trimmed = F.lower(F.trim(col))
    return F.when(trimmed == "", F.lit(None)).otherwise(trimmed)


def standardize_phone(col: Column, default_country_code: str = "1") -> Column:
    """Digits only, as +<country><number>; numbers with fewer than 7 digits become null."""
    digits = F.regexp_replace(col, r"[^0-9]", "")
    with_cc = F.when(F.length(digits) == 10, F.concat(F.lit(default_country_code), digits)).otherwise(digits)
    return F.when(F.length(digits) >= 7, F.concat(F.lit("+"), with_cc))


def trim_strings(df: DataFrame) -> DataFrame:
    """Trim every string column; empty strings become null."""
    out = df
    for field in df.schema.fields:
        if isinstance(field.dataType, StringType):
            trimmed = F.trim(F.col(field.name))
            out = out.withColumn(field.name, F.when(trimmed == "", F.lit(None)).otherwise(trimmed))
    return out


def cast_columns(df: DataFrame, types: Mapping[str, str]) -> DataFrame:
    """Cast named columns to Spark SQL types ("long", "double", "date", "timestamp", "decimal(12,2)")."""
    return df.select(*[F.col(c).cast(types[c]).alias(c) if c in types else F.col(c) for c in df.columns])


def deduplicate_latest(df: DataFrame, keys: Sequence[str], order_by: str) -> DataFrame:
    """One row per key: the one with the greatest ``order_by`` (ties: any one, deterministically per plan)."""
    window = Window.partitionBy(*keys).orderBy(F.col(order_by).desc_nulls_last())
    return df.withColumn("_rn", F.row_number().over(window)).filter(F.col("_rn") == 1).drop("_rn")


def add_processing_metadata(df: DataFrame, job_name: str, run_id: str) -> DataFrame:
    """Lineage columns: which job run wrote the row, and when."""
    return (
        df.withColumn("_job_name", F.lit(job_name))
        .withColumn("_job_run_id", F.lit(run_id))
        .withColumn("_processed_at", F.current_timestamp())
    )
