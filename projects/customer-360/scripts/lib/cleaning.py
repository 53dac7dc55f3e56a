"""Shared cleaning rules for customer records (shipped with the job through extraPyFiles)."""

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from glue_runtime.transforms import (
    cast_columns,
    clean_email,
    deduplicate_latest,
    standardize_phone,
    trim_strings,
)

CUSTOMER_TYPES = {"lifetime_value": "double", "updated_at": "timestamp"}


def clean_customers(df: DataFrame) -> DataFrame:
    """Typed, trimmed customers; one row per customer_id (the latest update wins)."""
    typed = cast_columns(trim_strings(df), CUSTOMER_TYPES)
    cleaned = (
        typed.withColumn("email", clean_email(F.col("email")))
        .withColumn("phone", standardize_phone(F.col("phone")))
        .withColumn("country", F.upper(F.coalesce(F.col("country"), F.lit("UNKNOWN"))))
    )
    return deduplicate_latest(cleaned, ["customer_id"], "updated_at")
