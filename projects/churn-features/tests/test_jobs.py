"""churn-features jobs end to end on local Spark + Iceberg, side effects against moto's server."""

import datetime as dt
from collections.abc import Callable

import pytest

from glue_runtime import ValidationFailed
from glue_runtime_pytest import ProjectRun

Project = Callable[[str], ProjectRun]


def test_usage_to_features_and_rerun(local_project: Project) -> None:
    p = local_project("churn-features")
    assert p.run("usage-extract").rows_written == 7
    usage = {(r["customer_id"], r["usage_date"]): r for r in p.table("silver", "usage").collect()}
    assert usage[("c-001", dt.date(2026, 11, 20))]["logins"] == 2
    assert usage[("c-001", dt.date(2026, 11, 20))]["minutes"] == 17

    assert p.run("build-features").status == "SUCCEEDED"
    features = {r["customer_id"]: r for r in p.table("gold", "churn_features").collect()}
    assert features["c-001"]["as_of"] == dt.date(2026, 11, 26)
    assert (features["c-001"]["logins_7d"], features["c-001"]["inactive"]) == (3, 0)
    assert (features["c-002"]["logins_7d"], features["c-002"]["inactive"]) == (0, 1)  # only a page view
    assert features["c-004"]["minutes_30d"] == 3

    p.run("usage-extract")
    p.run("build-features")
    assert p.table("silver", "usage").count() == 7
    assert p.table("gold", "churn_features").count() == 4
    assert [n["status"] for n in p.aws.notifications()] == ["SUCCEEDED"] * 4


def test_bad_usage_writes_nothing(local_project: Project) -> None:
    p = local_project("churn-features")
    p.replace_source(
        "bronze",
        "usage_events",
        "customer_id,event_time,event_type,minutes\n"
        "c-001,2026-11-20T08:00:00Z,login,12\n"
        "bad id,2026-11-20T08:00:00Z,login,1\n"
        "c-002,2026-11-20T08:00:00Z,login,-5\n",
    )
    with pytest.raises(ValidationFailed, match="2 of 3 rows"):
        p.run("usage-extract")
    assert p.snapshots("silver", "usage") == 0
    [dead] = p.aws.dead_letters()
    rows = {r["customer_id"]: r["_violations"] for r in p.spark.read.json(dead["quarantinePath"]).collect()}
    assert rows == {"bad id": "pattern:customer_id", "c-002": "check:non_negative_minutes"}
    assert [n["status"] for n in p.aws.notifications()] == ["FAILED"]
    assert [a["status"] for a in p.aws.audit("usage-extract")] == ["FAILED"]
