"""Filing weekly reports with evidence (``POST /api/tasks/<id>/reports/``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lantian.web.audit.log import verify_log
from lantian.web.audit.models import AuditEntry
from lantian.web.ledger import models as m
from lantian.web.ledger.evidence import MAX_EVIDENCE_BYTES
from lantian.web.org.models import User
from lantian.web.org.roles import Role
from tests.web.ledger.factories import Ledger, area_task
from tests.web.ledger.files import PDF, PNG, upload


def post_report(client: Any, task: Any, **fields: Any) -> Any:
    data = {"week": "2019-W36", "text": "本周压减水泥产能60万吨", **fields}
    return client.post(f"/api/tasks/{task.pk}/reports/", data)  # multipart


def test_lead_files_a_weekly_report_with_evidence(
    client_for: Any, ledger: Ledger, pin: Any, media: Path
) -> None:
    response = post_report(
        client_for("lead"),
        ledger.task,
        indicator_values=json.dumps({"压减水泥产能": 60}),
        milestones_met=["2019-06-30"],
        evidence=[upload("验收报告.pdf", PDF), upload("现场.png", PNG)],
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["week"] == "2019-W36"
    assert body["unit_name"] == "石家庄市生态环境局"
    assert body["indicator_values"] == {"压减水泥产能": 60.0}
    assert body["milestones_met"] == ["2019-06-30"]
    assert sorted(e["name"] for e in body["evidence"]) == ["现场.png", "验收报告.pdf"]
    report = m.Report.objects.get(pk=body["id"])
    assert report.filed_by.username == "lead"
    assert report.filed_at.date().isoformat() == "2019-09-06"
    stored = report.evidence.get(name="验收报告.pdf")
    assert stored.size == len(PDF)
    assert Path(stored.file.path).read_bytes() == PDF
    assert Path(stored.file.path).is_relative_to(media)


def test_report_is_audited_and_the_log_verifies(client_for: Any, ledger: Ledger, pin: Any) -> None:
    before = AuditEntry.objects.count()
    post_report(client_for("lead"), ledger.task, evidence=[upload("a.pdf", PDF)])
    entries = list(AuditEntry.objects.order_by("seq"))[before:]
    assert [(e.action, e.object_type, e.actor_name) for e in entries] == [
        ("create", "ledger.report", "lead"),
        ("create", "ledger.evidence", "lead"),
    ]
    assert entries[0].before is None
    assert entries[0].after is not None and entries[0].after["week"] == "2019-W36"
    assert verify_log().ok


def test_report_status_moves_from_not_started_to_on_track(
    client_for: Any, ledger: Ledger, pin: Any
) -> None:
    client = client_for("lead")
    url = f"/api/tasks/{ledger.task.pk}/?on=2019-06-10"
    assert client.get(url).json()["state"]["status"] == "not_started"
    pin("2019-06-01")
    post_report(client, ledger.task, week="2019-W22")
    state = client.get(url).json()["state"]
    # 2019-06-10: 20 days before the 06-30 milestone, a report filed → on track
    assert (state["status"], state["deadline"], state["days_left"]) == (
        "on_track",
        "2019-06-30",
        20,
    )


def test_oversized_evidence_is_refused_and_nothing_is_stored(
    client_for: Any, ledger: Ledger, pin: Any
) -> None:
    big = PDF + b"0" * (MAX_EVIDENCE_BYTES + 1 - len(PDF))
    response = post_report(client_for("lead"), ledger.task, evidence=[upload("big.pdf", big)])
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False and body["status"] == 400
    assert body["error"].startswith("evidence:") and "10 MB" in body["error"]
    assert not m.Report.objects.exists() and not m.Evidence.objects.exists()


def test_evidence_at_the_size_limit_is_accepted(client_for: Any, ledger: Ledger, pin: Any) -> None:
    exact = PDF + b"0" * (MAX_EVIDENCE_BYTES - len(PDF))
    response = post_report(client_for("lead"), ledger.task, evidence=[upload("ok.pdf", exact)])
    assert response.status_code == 201, response.content


def test_wrong_type_of_evidence_is_refused(client_for: Any, ledger: Ledger, pin: Any) -> None:
    client = client_for("lead")
    exe = post_report(client, ledger.task, evidence=[upload("tool.exe", b"MZ\x90\x00")])
    assert exe.status_code == 400 and "tool.exe" in exe.json()["error"]
    disguised = post_report(client, ledger.task, evidence=[upload("fake.pdf", b"MZ\x90\x00")])
    assert disguised.status_code == 400 and "fake.pdf" in disguised.json()["error"]
    assert not m.Report.objects.exists()


def test_report_refuses_unknown_indicator_milestone_and_week(
    client_for: Any, ledger: Ledger, pin: Any
) -> None:
    client = client_for("lead")
    bad_indicator = post_report(client, ledger.task, indicator_values=json.dumps({"x": 1}))
    assert bad_indicator.status_code == 400
    assert bad_indicator.json()["errors"].keys() == {"indicator_values"}
    bad_milestone = post_report(client, ledger.task, milestones_met=["2019-05-01"])
    assert bad_milestone.json()["errors"].keys() == {"milestones_met"}
    bad_week = post_report(client, ledger.task, week="2019-36")
    assert bad_week.json()["errors"].keys() == {"week"}
    assert not m.Report.objects.exists()


def test_cooperating_unit_cannot_report(client_for: Any, ledger: Ledger, pin: Any) -> None:
    response = post_report(client_for("cooperating"), ledger.task)
    assert response.status_code == 403
    assert response.json()["ok"] is False
    assert not m.Report.objects.exists()


def test_unrelated_department_cannot_see_or_report(
    client_for: Any, ledger: Ledger, pin: Any
) -> None:
    client = client_for("other_dept")
    assert client.get("/api/tasks/").json()["count"] == 0
    detail = client.get(f"/api/tasks/{ledger.task.pk}/")
    missing = client.get("/api/tasks/999999/")
    # the same answer as for a task that does not exist: its existence is not leaked
    assert detail.status_code == missing.status_code == 404
    assert detail.json() == missing.json()
    assert post_report(client, ledger.task).status_code == 404
    assert not m.Report.objects.exists()


def test_report_as_json_without_files(client_for: Any, ledger: Ledger, pin: Any) -> None:
    response = client_for("lead").post(
        f"/api/tasks/{ledger.task.pk}/reports/",
        {"week": "2019-W36", "indicator_values": {"压减水泥产能": 120.5}},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["indicator_values"] == {"压减水泥产能": 120.5}
    assert response.json()["evidence"] == []


def test_status_label_follows_the_language(client_for: Any, ledger: Ledger, pin: Any) -> None:
    client = client_for("lead")
    url = f"/api/tasks/{ledger.task.pk}/?on=2019-07-01"
    assert client.get(url).json()["state"]["label"] == "逾期"
    assert client.get(url, headers={"accept-language": "en"}).json()["state"]["label"] == "overdue"


# --- areas report for themselves (responsible areas) ------------------------------------------


def area_row(client: Any, day: str) -> dict[str, Any]:
    rows = client.get(f"/api/dispatch/?on={day}").json()["areas"]
    assert [r["name"] for r in rows] == ["长安区"]
    row: dict[str, Any] = rows[0]
    return row


def test_an_area_files_its_own_report_and_its_gap_closes(
    client_for: Any, ledger: Ledger, pin: Any
) -> None:
    """Task 24 lists 长安区. On Saturday 2019-09-07 the report week is W36 (report day Friday
    09-06): before the area files, 长安区 misses its W36 report on task 24; after, it does not,
    while 市生态环境局 still misses its own."""
    area = client_for("area")
    before = area_row(area, "2019-09-07")
    assert (before["tasks"], before["reports_missing"]) == (1, 1)

    response = post_report(area, ledger.task, evidence=[upload("街道巡查.pdf", PDF)])
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["reporter"], body["area_name"], body["unit"], body["unit_name"]) == (
        "长安区",
        "长安区",
        None,
        None,
    )
    assert body["area"] == ledger.task.areas.get().pk
    report = m.Report.objects.get(pk=body["id"])
    assert (report.area, report.unit, report.filed_by.username) == (
        ledger.task.areas.get(),
        None,
        "area",
    )
    assert [e.name for e in report.evidence.all()] == ["街道巡查.pdf"]
    entries = list(AuditEntry.objects.filter(actor_name="area").order_by("seq"))
    assert [(e.action, e.object_type) for e in entries] == [
        ("create", "ledger.report"),
        ("create", "ledger.evidence"),
    ]
    assert entries[0].after is not None
    assert (entries[0].after["area_id"], entries[0].after["unit_id"]) == (report.area_id, None)
    assert verify_log().ok

    assert area_row(area, "2019-09-07")["reports_missing"] == 0
    office = client_for("office").get("/api/dispatch/?on=2019-09-07").json()
    eco = next(r for r in office["units"] if r["name"] == "石家庄市生态环境局")
    assert eco["reports_missing"] == 1  # the area's report does not count for the lead unit


def test_an_area_cannot_report_on_another_areas_task(
    client_for: Any, ledger: Ledger, pin: Any
) -> None:
    # task 25 lists 桥西区: 长安区 does not see it, and gets the answer of a missing task
    response = post_report(client_for("area"), ledger.hidden)
    assert response.status_code == 404
    assert not m.Report.objects.exists()


def test_an_area_does_not_report_for_an_area_above_or_below(
    client: Any, client_for: Any, personas: Any, ledger: Ledger, pin: Any
) -> None:
    """长安区 sees a task of its town 建北街道 (areas look down) but does not report for it: 403.
    A 建北街道 user does not see 长安区's task 24 at all: 404."""
    town_task = area_task(ledger.plan, "27", personas.areas["street"])
    district = post_report(client_for("area"), town_task)
    assert district.status_code == 403
    assert district.json()["error"] == "只有本任务的牵头单位、责任单位或所列责任区域可以报送进展。"
    street = User.objects.create(username="street", role=Role.AREA, area=personas.areas["street"])
    client.force_login(street)
    assert post_report(client, ledger.task).status_code == 404
    assert post_report(client, town_task).status_code == 201
    assert [r.area.name for r in m.Report.objects.all()] == ["建北街道"]
