"""Silver -> gold: churn features per customer as of the latest usage day, replacing the gold table in
one Iceberg commit."""

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from glue_runtime import BaseJob, Rules, main


class BuildFeatures(BaseJob):
    parameters = ("INPUT_TABLE", "OUTPUT_TABLE")
    rules = Rules(required_columns=["customer_id", "as_of"], unique_columns=["customer_id"])

    def extract(self) -> DataFrame:
        return self.lake.read_table("silver", self.param("INPUT_TABLE"))

    def transform(self, df: DataFrame) -> DataFrame:
        as_of = df.agg(F.max("usage_date").alias("as_of"))
        days = F.datediff(F.col("as_of"), F.col("usage_date"))
        return (
            df.crossJoin(as_of)
            .groupBy("customer_id", "as_of")
            .agg(
                F.sum(F.when(days < 7, F.col("logins")).otherwise(0)).alias("logins_7d"),
                F.sum(F.when(days < 30, F.col("minutes")).otherwise(0)).alias("minutes_30d"),
                F.max("usage_date").alias("last_seen"),
            )
            .withColumn("inactive", (F.col("logins_7d") == 0).cast("int"))
            .withColumn("_job_run_id", F.lit(self.ctx.run_id))
        )

    def load(self, df: DataFrame) -> list[str]:
        return [self.lake.overwrite_partitions(df, "gold", self.param("OUTPUT_TABLE"))]


if __name__ == "__main__":
    main(BuildFeatures)
