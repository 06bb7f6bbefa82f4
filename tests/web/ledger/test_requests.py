"""Extension and closing requests, and the office's decisions (approve / send back)."""

from __future__ import annotations

from typing import Any

from lantian.web.audit.log import verify_log
from lantian.web.audit.models import AuditEntry
from lantian.web.ledger import models as m
from tests.web.ledger.factories import Ledger


def decide(client: Any, kind: str, pk: int, decision: str, reason: str = "") -> Any:
    return client.post(
        f"/api/requests/{kind}/{pk}/decide/",
        {"decision": decision, "reason": reason},
        content_type="application/json",
    )


def status_on(client: Any, task: Any, day: str) -> str:
    state: str = client.get(f"/api/tasks/{task.pk}/?on={day}").json()["state"]["status"]
    return state


def test_office_approves_a_closing_request_and_the_task_is_closed(
    client_for: Any, ledger: Ledger, pin: Any
) -> None:
    lead = client_for("lead")
    pin("2019-12-20")
    filed = lead.post(
        f"/api/tasks/{ledger.task.pk}/reports/",
        {"week": "2019-W51", "text": "全部完成", "complete": "true"},
    )
    assert filed.status_code == 201
    request = lead.post(
        f"/api/tasks/{ledger.task.pk}/closing-requests/",
        {"reason": "已完成压减260万吨"},
        content_type="application/json",
    )
    assert request.status_code == 201
    assert status_on(lead, ledger.task, "2019-12-21") == "done"

    pin("2019-12-27")
    office = client_for("office")
    response = decide(office, "closing", request.json()["id"], "approved")
    assert response.status_code == 200, response.content
    assert response.json()["decision"] == "approved"
    assert status_on(office, ledger.task, "2019-12-26") == "done"
    assert status_on(office, ledger.task, "2019-12-27") == "closed"
    entry = AuditEntry.objects.order_by("seq").last()
    assert entry is not None
    assert (entry.action, entry.object_type, entry.actor_name) == (
        "decide_closing",
        "ledger.closingrequest",
        "office",
    )
    assert entry.before is not None and entry.before["decision"] == ""
    assert entry.after is not None and entry.after["decision"] == "approved"
    assert verify_log().ok


def test_sending_back_needs_a_reason(client_for: Any, ledger: Ledger, pin: Any) -> None:
    office = client_for("office")
    refused = decide(office, "closing", ledger.closing.pk, "sent_back", "  ")
    assert refused.status_code == 400
    assert refused.json()["errors"].keys() == {"reason"}
    ledger.closing.refresh_from_db()
    assert ledger.closing.decision == ""
    sent = decide(office, "closing", ledger.closing.pk, "sent_back", "缺少验收材料")
    assert sent.status_code == 200
    assert (sent.json()["decision"], sent.json()["decision_reason"]) == (
        "sent_back",
        "缺少验收材料",
    )


def test_a_sent_back_closing_voids_the_completion_claim(
    client_for: Any, ledger: Ledger, pin: Any
) -> None:
    pin("2019-12-20")
    filed = client_for("lead").post(
        f"/api/tasks/{ledger.task.pk}/reports/",
        {"week": "2019-W51", "complete": "true", "milestones_met": ["2019-06-30"]},
    )
    assert filed.status_code == 201, filed.content
    pin("2019-12-23")
    office = client_for("office")
    assert status_on(office, ledger.task, "2019-12-22") == "done"
    decide(office, "closing", ledger.closing.pk, "sent_back", "缺少验收材料")
    # 12-23: the claim of 12-20 is void; the 12-31 milestone is 8 days away → on track
    assert status_on(office, ledger.task, "2019-12-23") == "on_track"


def test_a_request_is_decided_once(client_for: Any, ledger: Ledger, pin: Any) -> None:
    office = client_for("office")
    assert decide(office, "closing", ledger.closing.pk, "approved").status_code == 200
    again = decide(office, "closing", ledger.closing.pk, "sent_back", "改主意")
    assert again.status_code == 400 and again.json()["errors"].keys() == {"decision"}
    ledger.closing.refresh_from_db()
    assert ledger.closing.decision == "approved"


def test_approved_extension_moves_the_deadline(client_for: Any, ledger: Ledger, pin: Any) -> None:
    office = client_for("office")
    assert status_on(office, ledger.task, "2019-07-01") == "overdue"
    pin("2019-06-25")
    assert decide(office, "extension", ledger.extension.pk, "approved").status_code == 200
    detail = office.get(f"/api/tasks/{ledger.task.pk}/?on=2019-07-01").json()["state"]
    # 30 days before the new deadline, no report yet
    assert (detail["status"], detail["deadline"], detail["days_left"]) == (
        "not_started",
        "2019-07-31",
        30,
    )
    assert status_on(office, ledger.task, "2019-08-01") == "overdue"


def test_lead_requests_an_extension_to_a_later_date_only(
    client_for: Any, ledger: Ledger, pin: Any
) -> None:
    lead = client_for("lead")
    url = f"/api/tasks/{ledger.task.pk}/extension-requests/"
    earlier = lead.post(
        url,
        {"milestone": ledger.june.pk, "new_due": "2019-06-01", "reason": "x"},
        content_type="application/json",
    )
    assert earlier.status_code == 400 and earlier.json()["errors"].keys() == {"new_due"}
    foreign = lead.post(
        url,
        {"milestone": 999999, "new_due": "2019-08-01", "reason": "x"},
        content_type="application/json",
    )
    assert foreign.status_code == 400 and foreign.json()["errors"].keys() == {"milestone"}
    ok = lead.post(
        url,
        {"milestone": ledger.june.pk, "new_due": "2019-08-01", "reason": "设备延期到货"},
        content_type="application/json",
    )
    assert ok.status_code == 201
    created = m.ExtensionRequest.objects.get(pk=ok.json()["id"])
    assert (created.unit.name, created.requested_by.username) == ("石家庄市生态环境局", "lead")
    assert created.requested_at.date().isoformat() == "2019-09-06"


def test_only_the_office_decides(client_for: Any, ledger: Ledger, pin: Any) -> None:
    for persona in ("lead", "cooperating", "area"):
        response = decide(client_for(persona), "closing", ledger.closing.pk, "approved")
        assert response.status_code == 403
    ledger.closing.refresh_from_db()
    assert ledger.closing.decision == ""


def test_unknown_request_kind_or_id_is_404(client_for: Any, ledger: Ledger, pin: Any) -> None:
    office = client_for("office")
    assert decide(office, "holiday", ledger.closing.pk, "approved").status_code == 404
    assert decide(office, "closing", 999999, "approved").status_code == 404


def test_cooperating_unit_cannot_request(client_for: Any, ledger: Ledger, pin: Any) -> None:
    client = client_for("cooperating")
    response = client.post(
        f"/api/tasks/{ledger.task.pk}/closing-requests/",
        {"reason": "完成"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert m.ClosingRequest.objects.count() == 1  # the factory's only


def test_an_area_files_reports_but_no_requests(client_for: Any, ledger: Ledger, pin: Any) -> None:
    """长安区 reports on task 24, which lists it; extension and closing requests are the units'."""
    area = client_for("area")
    url = f"/api/tasks/{ledger.task.pk}"
    extension = area.post(
        f"{url}/extension-requests/",
        {"milestone": ledger.december.pk, "new_due": "2020-01-31", "reason": "资金未到位"},
        content_type="application/json",
    )
    closing = area.post(
        f"{url}/closing-requests/", {"reason": "已完成"}, content_type="application/json"
    )
    for response in (extension, closing):
        assert response.status_code == 403
        assert response.json()["error"] == "只有本任务的牵头单位或责任单位可以报送。"
    assert m.ExtensionRequest.objects.count() == m.ClosingRequest.objects.count() == 1
    assert area.get(f"/ledger/tasks/{ledger.task.pk}/extension/").status_code == 403
    assert area.get(f"/ledger/tasks/{ledger.task.pk}/closing/").status_code == 403
    assert (
        area.post(f"/ledger/tasks/{ledger.task.pk}/closing/", {"reason": "已完成"}).status_code
        == 403
    )
    assert m.ClosingRequest.objects.count() == 1
