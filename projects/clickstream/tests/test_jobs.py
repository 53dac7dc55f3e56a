"""clickstream's compaction job end to end on local Spark + Iceberg, side effects against moto."""

from collections.abc import Callable

import pytest

from glue_runtime import ValidationFailed
from glue_runtime_pytest import ProjectRun

Project = Callable[[str], ProjectRun]


def test_compaction_dedupes_redeliveries_and_reruns(local_project: Project) -> None:
    p = local_project("clickstream")
    record = p.run("compact-events")
    assert record.status == "SUCCEEDED" and record.rows_written == 7  # e-0005 was delivered twice
    events = p.table("silver", "events")
    assert events.count() == 7
    partitions = p.spark.sql(
        f"SELECT * FROM glue_catalog.`{p.project.databases['silver']}`.`events`.partitions"
    ).count()
    assert partitions == 2  # two event days

    p.run("compact-events")
    assert p.table("silver", "events").count() == 7
    assert [a["status"] for a in p.aws.audit("compact-events")] == ["SUCCEEDED", "SUCCEEDED"]


def test_unknown_event_types_write_nothing(local_project: Project) -> None:
    p = local_project("clickstream")
    p.replace_source(
        "bronze",
        "events",
        "event_id,session_id,user_id,event_type,page,event_time\n"
        "e-1,s-1,u-1,page_view,/home,2026-11-27T10:00:00Z\n"
        "e-2,s-1,u-1,scroll,/home,2026-11-27T10:00:01Z\n",
    )
    with pytest.raises(ValidationFailed, match="1 of 2 rows"):
        p.run("compact-events")
    assert p.snapshots("silver", "events") == 0
    [dead] = p.aws.dead_letters()
    assert dead["rowsQuarantined"] == 1 and dead["quarantinePath"]
    assert [n["status"] for n in p.aws.notifications()] == ["FAILED"]
    assert [a["status"] for a in p.aws.audit("compact-events")] == ["FAILED"]
