"""Bronze -> silver: many small raw event files (crawled into bronze, read with job bookmarks)
compacted into the silver Iceberg table partitioned by day. Events delivered twice are merged by
event_id, so redeliveries and reruns add nothing."""

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from glue_runtime import BaseJob, Rules, main
from glue_runtime.transforms import cast_columns, deduplicate_latest, trim_strings

EVENT_TYPES = ("page_view", "click")


class CompactEvents(BaseJob):
    parameters = ("INPUT_TABLE", "OUTPUT_TABLE")

    def validation_rules(self) -> Rules:
        return Rules(
            required_columns=["event_id", "session_id", "event_type", "event_time"],
            unique_columns=["event_id"],
            patterns={"page": r"^/[A-Za-z0-9/_.-]*$"},
            checks={"known_event_type": F.col("event_type").isin(*EVENT_TYPES)},
        )

    def extract(self) -> DataFrame:
        return self.lake.read_source("bronze", self.param("INPUT_TABLE"), transformation_ctx="raw_events")

    def transform(self, df: DataFrame) -> DataFrame:
        events = cast_columns(trim_strings(df), {"event_time": "timestamp"})
        return deduplicate_latest(events, ["event_id"], "event_time").withColumn(
            "_job_run_id", F.lit(self.ctx.run_id)
        )

    def load(self, df: DataFrame) -> list[str]:
        return [self.lake.merge(df, "silver", self.param("OUTPUT_TABLE"), keys=["event_id"])]


if __name__ == "__main__":
    main(CompactEvents)
