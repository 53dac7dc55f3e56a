from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from glue_runtime.transforms import (
    add_processing_metadata,
    cast_columns,
    clean_email,
    deduplicate_latest,
    standardize_phone,
    trim_strings,
)
from glue_runtime.validation import Rules, SchemaError, evaluate, release

# The rules of the seed document's customer import example.
SEED_RULES = Rules.from_dict(
    {
        "required_columns": ["customer_id", "email", "first_name", "last_name"],
        "unique_columns": ["customer_id", "email"],
        "string_patterns": {"email": r"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$"},
    }
)


def test_seed_rules_flag_each_row_with_every_rule_it_breaks(spark: SparkSession) -> None:
    df = spark.createDataFrame(
        [
            ("1", "a@example.com", "A", "X"),
            ("2", "b@example.com", "B", None),
            ("2", "bad", "C", "Z"),
            ("3", "a@example.com", "D", "W"),
            (None, "e@example.com", "E", "V"),
        ],
        "customer_id string, email string, first_name string, last_name string",
    )
    result = evaluate(df, SEED_RULES)
    try:
        assert (result.total, result.invalid) == (5, 5)
        assert result.per_rule == {
            "required:customer_id": 1,
            "required:email": 0,
            "required:first_name": 0,
            "required:last_name": 1,
            "pattern:email": 1,
            "unique:customer_id": 2,
            "unique:email": 2,
        }
        flags = {r["first_name"]: sorted(r["_violations"]) for r in result.invalid_rows.collect()}
        assert flags["B"] == ["required:last_name", "unique:customer_id"]
        assert flags["C"] == ["pattern:email", "unique:customer_id"]
        assert flags["E"] == ["required:customer_id"]  # a null key is not a duplicate
        assert not result.passed(SEED_RULES)
        assert result.valid_rows.count() == 0
    finally:
        release(result)


def test_valid_rows_drop_the_flag_column_and_fraction_tolerance(spark: SparkSession) -> None:
    df = spark.createDataFrame([(i, i % 10) for i in range(100)], "id int, v int")
    rules = Rules(
        unique_columns=[("id", "v")], checks={"v_below_9": F.col("v") < 9}, max_invalid_fraction=0.1
    )
    result = evaluate(df, rules)
    try:
        assert (result.total, result.invalid) == (100, 10)
        assert result.passed(rules)
        assert result.valid_rows.columns == ["id", "v"]
        assert result.valid_rows.count() == 90
    finally:
        release(result)


def test_missing_columns_fail_before_any_spark_job(spark: SparkSession) -> None:
    df = spark.createDataFrame([("x",)], "a string")
    try:
        evaluate(df, Rules(required_columns=["a", "b"]))
    except SchemaError as e:
        assert "b" in str(e)
    else:
        raise AssertionError("expected SchemaError")


def test_transformations(spark: SparkSession) -> None:
    df = spark.createDataFrame(
        [
            (" A@B.COM ", "(555) 010-1234", "1", "2026-01-01T00:00:00Z", " x "),
            ("", "12", "2", "2026-01-02T00:00:00Z", ""),
        ],
        "email string, phone string, id string, ts string, name string",
    )
    out = cast_columns(trim_strings(df), {"id": "long", "ts": "timestamp"})
    out = out.withColumn("email", clean_email(F.col("email"))).withColumn(
        "phone", standardize_phone(F.col("phone"))
    )
    rows = out.orderBy("id").collect()
    assert (rows[0]["email"], rows[0]["phone"], rows[0]["id"], rows[0]["name"]) == (
        "a@b.com",
        "+15550101234",
        1,
        "x",
    )
    assert (rows[1]["email"], rows[1]["phone"], rows[1]["name"]) == (None, None, None)
    latest = deduplicate_latest(
        spark.createDataFrame(
            [("k", 1, "old"), ("k", 2, "new"), ("j", 1, "only")], "k string, n int, v string"
        ),
        ["k"],
        "n",
    )
    assert sorted((r["k"], r["v"]) for r in latest.collect()) == [("j", "only"), ("k", "new")]
    meta = (
        add_processing_metadata(df, "job", "jr_1").select("_job_name", "_job_run_id", "_processed_at").first()
    )
    assert meta is not None and meta["_job_run_id"] == "jr_1" and meta["_processed_at"] is not None
