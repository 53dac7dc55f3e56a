"""Iceberg table declarations (project.yaml ``tables``) as Spark DDL, for local catalogs.

On AWS the project stack creates the same tables in the Glue Data Catalog; locally the runner and
the tests create them in a Hadoop catalog with this module, so both start from one declaration.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

# Iceberg primitive type (as declared in project.yaml) -> Spark SQL type.
# https://iceberg.apache.org/docs/1.10.0/spark-getting-started/#spark-type-to-iceberg-type
_TYPES = {
    "boolean": "BOOLEAN",
    "int": "INT",
    "long": "BIGINT",
    "float": "FLOAT",
    "double": "DOUBLE",
    "date": "DATE",
    "timestamptz": "TIMESTAMP",
    "timestamp": "TIMESTAMP_NTZ",
    "string": "STRING",
    "binary": "BINARY",
}
_DECIMAL = re.compile(r"^decimal\((\d+),\s*(\d+)\)$")
_PARAM_TRANSFORM = re.compile(r"^(bucket|truncate)\[(\d+)\]$")
_TRANSFORMS = {
    "identity": "{c}",
    "year": "years({c})",
    "month": "months({c})",
    "day": "days({c})",
    "hour": "hours({c})",
}


def spark_type(iceberg_type: str) -> str:
    if iceberg_type in _TYPES:
        return _TYPES[iceberg_type]
    m = _DECIMAL.match(iceberg_type)
    if m:
        return f"DECIMAL({m.group(1)},{m.group(2)})"
    raise ValueError(f"unsupported column type {iceberg_type!r}")


def partition_expr(field: Mapping[str, Any]) -> str:
    col = f"`{field['column']}`"
    transform = str(field.get("transform", "identity"))
    if transform in _TRANSFORMS:
        return _TRANSFORMS[transform].format(c=col)
    m = _PARAM_TRANSFORM.match(transform)
    if m:
        return f"{m.group(1)}({m.group(2)}, {col})"
    raise ValueError(f"unsupported partition transform {transform!r}")


def create_table_sql(table_id: str, table: Mapping[str, Any]) -> str:
    cols: Sequence[Mapping[str, Any]] = table["columns"]
    columns = ", ".join(
        f"`{c['name']}` {spark_type(str(c['type']))}{' NOT NULL' if c.get('required') else ''}" for c in cols
    )
    parts = [partition_expr(p) for p in table.get("partitionBy", [])]
    partitioned = f" PARTITIONED BY ({', '.join(parts)})" if parts else ""
    return (
        f"CREATE TABLE IF NOT EXISTS {table_id} ({columns}) USING iceberg{partitioned} "
        "TBLPROPERTIES ('format-version'='2')"
    )
