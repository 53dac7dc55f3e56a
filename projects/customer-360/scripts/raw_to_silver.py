"""Bronze -> silver: read the raw customers table through the catalog (bookmarked), clean, write Parquet."""
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

from cleaning import clean_customers

args = getResolvedOptions(sys.argv, ["JOB_NAME", "INPUT_DB", "INPUT_TABLE", "OUTPUT_PATH", "PARTITION_COL", "ENV"])
glue = GlueContext(SparkContext.getOrCreate())
job = Job(glue)
job.init(args["JOB_NAME"], args)  # required for the security configuration and bookmarks

raw = glue.create_dynamic_frame.from_catalog(
    database=args["INPUT_DB"], table_name=args["INPUT_TABLE"], transformation_ctx="raw"
)
clean = clean_customers(raw.toDF())
clean.write.mode("append").partitionBy(args["PARTITION_COL"]).parquet(args["OUTPUT_PATH"])
job.commit()
