"""Python shell: write a small usage extract to the project's silver prefix."""
import csv
import io
import sys

import boto3
from awsglue.utils import getResolvedOptions

args = getResolvedOptions(sys.argv, ["OUTPUT_PATH", "ENV"])
rows = [("customer_id", "logins_7d"), ("c-1", 4), ("c-2", 0)]
buf = io.StringIO()
csv.writer(buf).writerows(rows)
bucket, _, key = args["OUTPUT_PATH"].partition("/")
boto3.client("s3").put_object(
    Bucket=bucket, Key=f"{key}usage.csv", Body=buf.getvalue().encode(), ServerSideEncryption="aws:kms"
)
