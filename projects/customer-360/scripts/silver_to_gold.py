"""Silver -> gold: customer value per segment, replacing the gold table in one Iceberg commit."""

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from glue_runtime import BaseJob, Rules, main


class SilverToGold(BaseJob):
    parameters = ("INPUT_TABLE", "OUTPUT_TABLE")

    def validation_rules(self) -> Rules:
        return Rules(
            required_columns=["segment", "customers"],
            unique_columns=["segment"],
            checks={"non_negative_value": F.col("total_value") >= 0},
        )

    def extract(self) -> DataFrame:
        return self.lake.read_table("silver", self.param("INPUT_TABLE"))

    def transform(self, df: DataFrame) -> DataFrame:
        return (
            df.groupBy("segment")
            .agg(
                F.round(F.sum("lifetime_value"), 2).alias("total_value"), F.count(F.lit(1)).alias("customers")
            )
            .withColumn("_job_run_id", F.lit(self.ctx.run_id))
        )

    def load(self, df: DataFrame) -> list[str]:
        return [self.lake.overwrite_partitions(df, "gold", self.param("OUTPUT_TABLE"))]


if __name__ == "__main__":
    main(SilverToGold)
