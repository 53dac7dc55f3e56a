"""Streaming: read the events stream table and append micro-batches to bronze."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "OUTPUT_PATH", "ENV"])
glue = GlueContext(SparkContext.getOrCreate())
job = Job(glue)
job.init(args["JOB_NAME"], args)
stream = glue.create_data_frame.from_catalog(database="bronze", table_name="events_stream")
glue.forEachBatch(
    frame=stream,
    batch_function=lambda df, _: df.write.mode("append").parquet(args["OUTPUT_PATH"]),
    options={"windowSize": "60 seconds", "checkpointLocation": args["TempDir"] + "checkpoint/"},
)
job.commit()
