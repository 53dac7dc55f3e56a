"""The Glue-only adapter: the few lines that need AWS Glue's own libraries (``awsglue``), which exist
only in the Glue job image, so no test runs them. Everything else is plain Spark and boto3.

- ``GlueContext`` + ``Job.init(JOB_NAME, args)``: the security configuration and job bookmarks take
  effect only after ``job.init`` (https://docs.aws.amazon.com/glue/latest/dg/monitor-continuations.html).
- raw reads: ``create_dynamic_frame.from_catalog(..., transformation_ctx=...)``, the read job
  bookmarks track (they do not track ``spark.read``), converted to a DataFrame.
- ``job.commit()`` after a successful run only, so a failed run does not advance the bookmark.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import boto3
from pyspark.sql import DataFrame

from .context import build_context
from .job import BaseJob
from .lake import Lake
from .logs import job_logger
from .services import AwsServices


def run_on_glue(job_class: type[BaseJob], argv: Sequence[str] | None = None) -> None:
    from awsglue.context import GlueContext  # only in the Glue runtime
    from awsglue.job import Job
    from pyspark.context import SparkContext

    argv = list(sys.argv if argv is None else argv)
    ctx = build_context(argv, job_class.parameters)
    glue = GlueContext(SparkContext.getOrCreate())
    glue_job = Job(glue)
    glue_job.init(ctx.job_name, {"JOB_NAME": ctx.job_name, **ctx.params})

    def read_source(database: str, table: str, transformation_ctx: str) -> DataFrame:
        frame = glue.create_dynamic_frame.from_catalog(
            database=database, table_name=table, transformation_ctx=transformation_ctx
        )
        df: DataFrame = frame.toDF()
        return df

    lake = Lake(glue.spark_session, ctx, read_source)
    logger = job_logger(ctx.job_name, ctx.run_id, ctx.project_id)
    job_class(ctx, lake, AwsServices(boto3.Session(), ctx.region), logger).run()
    glue_job.commit()
