"""Bronze -> silver: raw usage events (crawled into bronze, read with job bookmarks) as daily usage per
customer in the silver Iceberg table, upserted by (customer_id, usage_date) so a rerun adds nothing."""

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from glue_runtime import BaseJob, Rules, main
from glue_runtime.transforms import cast_columns, trim_strings


class UsageExtract(BaseJob):
    parameters = ("INPUT_TABLE", "OUTPUT_TABLE")

    def validation_rules(self) -> Rules:
        return Rules(
            required_columns=["customer_id", "usage_date"],
            unique_columns=[("customer_id", "usage_date")],
            patterns={"customer_id": r"^c-[0-9]{3,}$"},
            checks={"non_negative_minutes": F.col("minutes") >= 0},
        )

    def extract(self) -> DataFrame:
        return self.lake.read_source("bronze", self.param("INPUT_TABLE"), transformation_ctx="usage_events")

    def transform(self, df: DataFrame) -> DataFrame:
        events = cast_columns(trim_strings(df), {"event_time": "timestamp", "minutes": "long"})
        return (
            events.withColumn("usage_date", F.to_date("event_time"))
            .groupBy("customer_id", "usage_date")
            .agg(
                F.sum((F.col("event_type") == "login").cast("long")).alias("logins"),
                F.sum("minutes").alias("minutes"),
            )
            .withColumn("_job_run_id", F.lit(self.ctx.run_id))
        )

    def load(self, df: DataFrame) -> list[str]:
        return [self.lake.merge(df, "silver", self.param("OUTPUT_TABLE"), keys=["customer_id", "usage_date"])]


if __name__ == "__main__":
    main(UsageExtract)
