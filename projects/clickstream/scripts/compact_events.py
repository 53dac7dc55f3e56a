"""Compact small event files into daily Parquet."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "INPUT_DB", "INPUT_TABLE", "OUTPUT_PATH", "ENV"])
glue = GlueContext(SparkContext.getOrCreate())
job = Job(glue)
job.init(args["JOB_NAME"], args)
events = glue.create_dynamic_frame.from_catalog(database=args["INPUT_DB"], table_name=args["INPUT_TABLE"], transformation_ctx="events")
events.toDF().coalesce(8).write.mode("append").partitionBy("event_date").parquet(args["OUTPUT_PATH"])
job.commit()
