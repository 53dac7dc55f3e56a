"""Bronze -> silver: raw customer CSV drops (crawled into the bronze database, read with job
bookmarks) cleaned into the silver Iceberg table, upserted by customer_id so a rerun adds nothing."""

from cleaning import clean_customers
from pyspark.sql import DataFrame

from glue_runtime import BaseJob, Rules, main
from glue_runtime.transforms import add_processing_metadata


class RawToSilver(BaseJob):
    parameters = ("INPUT_TABLE", "OUTPUT_TABLE")
    rules = Rules(
        required_columns=["customer_id", "email", "first_name", "last_name"],
        unique_columns=["customer_id", "email"],
        patterns={"email": r"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$"},
    )

    def extract(self) -> DataFrame:
        return self.lake.read_source("bronze", self.param("INPUT_TABLE"), transformation_ctx="raw_customers")

    def transform(self, df: DataFrame) -> DataFrame:
        return add_processing_metadata(clean_customers(df), self.ctx.job_name, self.ctx.run_id)

    def load(self, df: DataFrame) -> list[str]:
        return [self.lake.merge(df, "silver", self.param("OUTPUT_TABLE"), keys=["customer_id"])]


if __name__ == "__main__":
    main(RawToSilver)
