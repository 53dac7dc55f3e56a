"""customer-360 jobs end to end on local Spark + Iceberg, side effects against moto's server."""

from collections.abc import Callable

import pytest

from glue_runtime import ValidationFailed
from glue_runtime_pytest import ProjectRun

Project = Callable[[str], ProjectRun]


def test_bronze_to_silver_to_gold_and_rerun(local_project: Project) -> None:
    p = local_project("customer-360")

    first = p.run("raw-to-silver")
    assert first.status == "SUCCEEDED" and first.rows_written == 7
    silver = {r["customer_id"]: r for r in p.table("silver", "customers").collect()}
    assert len(silver) == 7
    assert silver["c-001"]["email"] == "ada.lovelace@example.com"  # trimmed, lower-cased
    assert silver["c-002"]["email"] == "grace.hopper@example.com"  # the latest update wins
    assert silver["c-006"]["country"] == "UNKNOWN"
    assert silver["c-002"]["phone"] == "+15550100002"

    gold = p.run("silver-to-gold")
    assert gold.status == "SUCCEEDED"
    value = {r["segment"]: r for r in p.table("gold", "customer_value").collect()}
    assert value["enterprise"]["customers"] == 2 and value["enterprise"]["total_value"] == pytest.approx(
        2210.5
    )

    # Reruns converge: no duplicate rows in silver or gold.
    assert p.run("raw-to-silver").status == "SUCCEEDED"
    assert p.run("silver-to-gold").status == "SUCCEEDED"
    assert p.table("silver", "customers").count() == 7
    assert p.table("gold", "customer_value").count() == 3

    audit = p.aws.audit("raw-to-silver")
    assert sorted(a["status"] for a in audit) == ["SUCCEEDED", "SUCCEEDED"]
    assert all(a["rowsWritten"] == "7" and a["endedAt"] for a in audit)
    notes = p.aws.notifications()
    assert [n["status"] for n in notes] == ["SUCCEEDED"] * 4
    assert p.aws.dead_letters() == []
    assert {"RowsWritten", "RunSucceeded", "DurationSeconds"} <= p.aws.metric_names()


BAD_CUSTOMERS = """customer_id,email,first_name,last_name,phone,country,segment,lifetime_value,updated_at
c-100,good@example.com,Good,Row,,US,smb,10.0,2026-11-05T08:00:00Z
c-101,not-an-email,Bad,Email,,US,smb,10.0,2026-11-05T08:00:00Z
c-102,good@example.com,Same,Email,,US,smb,10.0,2026-11-05T08:00:00Z
c-103,,No,Email,,US,smb,10.0,2026-11-05T08:00:00Z
c-104,fine@example.com,Fine,Row,,US,smb,10.0,2026-11-05T08:00:00Z
"""


def test_bad_data_writes_nothing_and_is_quarantined(local_project: Project) -> None:
    p = local_project("customer-360")
    p.replace_source("bronze", "customers", BAD_CUSTOMERS)

    with pytest.raises(ValidationFailed, match="4 of 5 rows"):
        p.run("raw-to-silver", run_id="jr_bad")

    assert p.table("silver", "customers").count() == 0
    assert p.snapshots("silver", "customers") == 0  # no commit at all

    [dead] = p.aws.dead_letters()
    assert dead["status"] == "FAILED" and dead["rowsQuarantined"] == 4
    quarantined = p.spark.read.json(dead["quarantinePath"]).collect()
    reasons = {r["customer_id"]: r["_violations"] for r in quarantined}
    assert reasons == {
        "c-100": "unique:email",
        "c-101": "pattern:email",
        "c-102": "unique:email",
        "c-103": "required:email",
    }
    [note] = p.aws.notifications()
    assert note["status"] == "FAILED" and "validation failed" in note["error"]
    [audit] = p.aws.audit("raw-to-silver")
    assert audit["status"] == "FAILED" and audit["runId"] == "jr_bad" and audit["rowsWritten"] == "0"
    assert "RunFailed" in p.aws.metric_names()
