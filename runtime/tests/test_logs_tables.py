import io
import json

import pytest

from glue_runtime.logs import job_logger
from glue_runtime.tables import create_table_sql, partition_expr, spark_type


def test_logs_are_json_keyed_by_run_id() -> None:
    out = io.StringIO()
    log = job_logger("job-a", "jr_42", "p-1", stream=out)
    log.info("hello %s", "world", extra={"phase": "extract", "rows": 3})
    entry = json.loads(out.getvalue())
    assert entry["message"] == "hello world"
    assert (entry["job_run_id"], entry["job_name"], entry["project_id"]) == ("jr_42", "job-a", "p-1")
    assert entry["phase"] == "extract" and entry["rows"] == 3 and entry["level"] == "INFO"


def test_table_ddl_from_declaration() -> None:
    sql = create_table_sql(
        "c.`db`.`t`",
        {
            "columns": [{"name": "id", "type": "string"}, {"name": "ts", "type": "timestamptz"}],
            "partitionBy": [{"column": "ts", "transform": "day"}, {"column": "id", "transform": "bucket[8]"}],
        },
    )
    assert sql == (
        "CREATE TABLE IF NOT EXISTS c.`db`.`t` (`id` STRING, `ts` TIMESTAMP) USING iceberg "
        "PARTITIONED BY (days(`ts`), bucket(8, `id`)) TBLPROPERTIES ('format-version'='2')"
    )
    assert spark_type("decimal(12, 2)") == "DECIMAL(12,2)"
    with pytest.raises(ValueError, match="unsupported column type"):
        spark_type("varchar")
    with pytest.raises(ValueError, match="unsupported partition transform"):
        partition_expr({"column": "x", "transform": "week"})
