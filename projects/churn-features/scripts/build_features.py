"""Spark: churn features from usage."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

args = getResolvedOptions(sys.argv, ["JOB_NAME", "INPUT_DB", "INPUT_TABLE", "OUTPUT_PATH", "ENV"])
glue = GlueContext(SparkContext.getOrCreate())
job = Job(glue)
job.init(args["JOB_NAME"], args)
usage = glue.create_dynamic_frame.from_catalog(database=args["INPUT_DB"], table_name=args["INPUT_TABLE"]).toDF()
features = usage.withColumn("inactive", (F.col("logins_7d") == 0).cast("int"))
features.write.mode("overwrite").parquet(args["OUTPUT_PATH"])
job.commit()
