"""Shared cleaning rules for customer records."""
from pyspark.sql import DataFrame
from pyspark.sql import functions as F


def clean_customers(df: DataFrame) -> DataFrame:
    return (
        df.filter(F.col("customer_id").isNotNull())
        .withColumn("email", F.lower(F.trim(F.col("email"))))
        .withColumn("country", F.upper(F.coalesce(F.col("country"), F.lit("UNKNOWN"))))
        .dropDuplicates(["customer_id"])
    )
