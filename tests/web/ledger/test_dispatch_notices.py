"""Warning notices generated from the rules, stored once per week, rule and recipient, and
acknowledged by their recipient only (``docs/ledger.md`` §Notices).

The ledger of ``test_dispatch.py`` on Friday 2019-09-06: 市生态环境局 has task 24 overdue and
missed its reports on task 24 in W34 and W35; the office's unit missed task 25 in both weeks; the
areas report too (``Task.reporters``): 长安区 missed tasks 24 and 26, 桥西区 task 25, in both weeks,
and their missing-report notices go to the areas. Without a measurement store there is no
air-quality ranking and no monthly change, so no bottom-ranking notice and no 约谈 candidate.
"""

from __future__ import annotations

from typing import Any

import pytest

from lantian.web.audit.models import AuditEntry
from tests.web.ledger.test_dispatch import dispatch_ledger  # noqa: F401 (the fixture)

pytestmark = pytest.mark.usefixtures("dispatch_ledger")


def stored() -> list[tuple[str, str, str, list[str]]]:
    from lantian.web.ledger.models import Notice

    return [
        (n.week, n.rule, n.recipient, n.refs)
        for n in Notice.objects.order_by("rule", "recipient", "pk")
    ]


def test_generating_twice_gives_the_same_rows(client_for: Any, personas: Any, pin: Any) -> None:
    client = client_for("office")
    first = client.post("/api/notices/generate/?on=2019-09-06")
    assert first.status_code == 201
    office_unit = personas.units["office"].name
    expected = [
        ("2019-W36", "missing_reports", "桥西区", ["2019-W34", "2019-W35"]),
        ("2019-W36", "missing_reports", office_unit, ["2019-W34", "2019-W35"]),
        ("2019-W36", "missing_reports", "石家庄市生态环境局", ["2019-W34", "2019-W35"]),
        ("2019-W36", "missing_reports", "长安区", ["2019-W34", "2019-W35"]),
        ("2019-W36", "overdue_tasks", "石家庄市生态环境局", ["24"]),
    ]
    assert stored() == expected
    body = first.json()
    overdue = next(n for n in body["created"] if n["rule"] == "overdue_tasks")
    assert overdue["reason_zh"] == "石家庄市生态环境局有1项任务逾期未完成：24"
    assert overdue["acknowledged"] is False
    again = client.post("/api/notices/generate/?on=2019-09-06")
    assert again.status_code == 200
    assert (again.json()["created"], again.json()["existing"]) == ([], 5)
    page = client.post("/ledger/dispatch/notices/", {"on": "2019-09-06"})
    assert page.status_code == 302
    assert stored() == expected
    created = AuditEntry.objects.filter(object_type="ledger.notice", action="create")
    assert created.count() == 5
    from lantian.web.ledger.models import Notice

    changan = Notice.objects.get(rule="missing_reports", recipient="长安区")
    assert (changan.unit, changan.area) == (None, personas.areas["changan"])


def test_the_bottom_three_two_weeks_running_are_notified(
    client_for: Any, pin: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Composite-index ranks of W34 and W35 (the two full weeks before the dispatch week):
    the bottom three are {桥西区, 建北街道, 石家庄市} then {长安区, 建北街道, 石家庄市}."""
    from lantian.web.ledger import dispatch

    ranks = {
        "2019-W34": {"长安区": 1, "桥西区": 2, "建北街道": 3, "石家庄市": 4},
        "2019-W35": {"长安区": 2, "桥西区": 1, "建北街道": 3, "石家庄市": 4},
    }
    monkeypatch.setattr(dispatch, "air_ranking", lambda week, air: ranks[str(week)])
    client_for("office").post("/api/notices/generate/?on=2019-09-06")
    bottom = [(r, who, refs) for _w, r, who, refs in stored() if r == "bottom_ranking"]
    assert bottom == [
        ("bottom_ranking", "建北街道", ["2019-W34", "2019-W35"]),
        ("bottom_ranking", "石家庄市", ["2019-W34", "2019-W35"]),
    ]


def _lead_notice(client_for: Any) -> int:
    client_for("office").post("/api/notices/generate/?on=2019-09-06")
    from lantian.web.ledger.models import Notice

    return Notice.objects.get(rule="overdue_tasks").pk


def test_an_unrelated_department_cannot_acknowledge(client_for: Any, pin: Any) -> None:
    pk = _lead_notice(client_for)
    client = client_for("other_dept")
    assert client.post(f"/api/notices/{pk}/acknowledge/").status_code == 404
    assert client.post(f"/ledger/notices/{pk}/acknowledge/").status_code == 404
    assert client.get("/api/notices/").json()["results"] == []
    from lantian.web.ledger.models import Notice

    assert Notice.objects.get(pk=pk).acknowledged_at is None


def test_the_office_sees_but_does_not_acknowledge(client_for: Any, pin: Any) -> None:
    pk = _lead_notice(client_for)
    client = client_for("office")
    assert len(client.get("/api/notices/").json()["results"]) == 5
    assert client.post(f"/api/notices/{pk}/acknowledge/").status_code == 403


def test_the_recipient_acknowledges_once_recorded_and_audited(
    client_for: Any, personas: Any, pin: Any
) -> None:
    pk = _lead_notice(client_for)
    moment = pin("2019-09-09")
    client = client_for("lead")
    listed = client.get("/api/notices/").json()["results"]
    assert sorted(n["rule"] for n in listed) == ["missing_reports", "overdue_tasks"]
    html = client.get("/ledger/notices/").content.decode()
    assert f'id="acknowledge-{pk}"' in html
    response = client.post(f"/api/notices/{pk}/acknowledge/")
    assert response.status_code == 200
    body = response.json()
    assert (body["acknowledged"], body["acknowledged_by"]) == (True, "lead")
    assert body["acknowledged_at"] == moment.isoformat()
    entry = AuditEntry.objects.order_by("seq").last()
    assert entry is not None
    assert (entry.action, entry.object_type, entry.object_id, entry.actor_name) == (
        "acknowledge_notice",
        "ledger.notice",
        str(pk),
        "lead",
    )
    assert client.post(f"/api/notices/{pk}/acknowledge/").status_code == 400
    office_html = client_for("office").get("/ledger/notices/").content.decode()
    assert "lead 2019-09-09 10:00" in office_html


def test_an_area_acknowledges_its_own_notice_by_the_page(
    client_for: Any, pin: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lantian.web.ledger import dispatch
    from lantian.web.ledger.models import Notice

    ranks = {"长安区": 4, "桥西区": 1, "建北街道": 2, "石家庄市": 3}
    monkeypatch.setattr(dispatch, "air_ranking", lambda week, air: ranks)
    client_for("office").post("/api/notices/generate/?on=2019-09-06")
    mine = Notice.objects.get(rule="bottom_ranking", recipient="长安区")
    missing = Notice.objects.get(rule="missing_reports", recipient="长安区")
    client = client_for("area")
    seen = [n["id"] for n in client.get("/api/notices/").json()["results"]]
    assert seen == [mine.pk, missing.pk]  # ordered by week, rule, recipient
    assert client.post(f"/ledger/notices/{mine.pk}/acknowledge/").status_code == 302
    mine.refresh_from_db()
    assert mine.acknowledged_by is not None and mine.acknowledged_by.get_username() == "area"
