"""The notices of a warning's events to the enterprises and their acknowledgement (签收).

Worked on ``small_list.csv`` (tests/web/emergency/conftest.py). At orange the notification list
is E0001 (cement line L1: the default 停产+国四及以下重型货车停运 for grade C; lime kilns L2 and L3:
their own 限产20%+国四及以下重型货车停运, from the file's 橙色预警措施 column), E0002, E0003,
E0005 (L2 and L3 停产), E0018 (自主减排) and N01 (估算削减10%): six enterprises; E0012's
保障类 boilers have no measure. At yellow E0005's lines ask nothing (its 黄色 column is empty and
a 小微 line has no default), so a downgrade to yellow notifies the five others with their yellow
measures and E0005 with no line (its measures end); the lift goes to the six notified before.

"Now" is pinned to 2019-09-06 10:00; the hook of ``desk.act`` is replaced here by calling
``receipts.notify_enterprises`` after each event (a second call adds nothing).
"""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework import exceptions
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from lantian.web.audit.models import AuditEntry
from lantian.web.emergency import changes, desk, receipts
from lantian.web.emergency.models import Enterprise, NoticeReceipt, ProductionLine
from lantian.web.ledger import clock
from tests.web.conftest import PERSONAS
from tests.web.emergency.conftest import NOW, Emergency, issue_orange, link
from tests.web.ledger.factories import at

pytestmark = pytest.mark.django_db

ORANGE_SIX = ["E0001", "E0002", "E0003", "E0005", "E0018", "N01"]


def notify_latest(warning: Any) -> None:
    """What the hook in ``desk.act`` does: notify the enterprises of the latest event."""
    event = warning.events.order_by("-at", "-pk").first()
    receipts.notify_enterprises(warning, event)


def act(em: Emergency, warning: Any, **data: Any) -> Any:
    event = desk.act(em.user("office"), warning, {"approver": "王某", **data})
    receipts.notify_enterprises(warning, event)
    warning.refresh_from_db()
    return event


def notice_of(warning: Any, list_id: str, kind: str = "issue") -> NoticeReceipt:
    return NoticeReceipt.objects.get(warning=warning, enterprise__list_id=list_id, event__kind=kind)


def enterprise_user(em: Emergency, username: str) -> Any:
    """Another user of the role ``enterprise`` (not linked to any enterprise)."""
    persona = em.user("enterprise")
    return type(persona).objects.create(username=username, role=persona.role, area=persona.area)


def set_now(monkeypatch: pytest.MonkeyPatch, moment: Any) -> None:
    monkeypatch.setattr(clock, "now", lambda: moment)


@pytest.fixture
def orange(emergency: Emergency) -> Any:
    warning = issue_orange(emergency)
    notify_latest(warning)
    return warning


def api(user: Any) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


# --- what is notified -------------------------------------------------------------------------


def test_issuing_notifies_each_enterprise_of_the_list_with_its_lines_at_orange(
    emergency: Emergency, orange: Any
) -> None:
    rows = NoticeReceipt.objects.filter(warning=orange).order_by("enterprise__list_id")
    assert [r.enterprise.list_id for r in rows] == ORANGE_SIX  # not E0012 (保障类)
    e0001 = notice_of(orange, "E0001")
    assert (e0001.level, e0001.event.kind, e0001.created_at) == ("orange", "issue", NOW)
    assert (e0001.measures_start, e0001.expected_end) == (at("2019-09-08", 0), at("2019-09-12", 0))
    assert e0001.acknowledged_at is None and e0001.acknowledged_by is None
    lines = {ln["line_id"]: ln for ln in e0001.lines}
    assert list(lines) == ["E0001-L1", "E0001-L2", "E0001-L3"]
    cement, kiln2, kiln3 = lines.values()
    assert (cement["name"], cement["measure"], cement["own"], cement["share"]) == (
        "熟料生产线1#",
        "停产+国四及以下重型货车停运",
        False,
        1.0,
    )
    assert cement["transport"] == "国四及以下重型货车停运"
    assert (kiln2["measure"], kiln2["own"], kiln2["capacity_unit"]) == (
        "限产20%+国四及以下重型货车停运",
        True,
        "t/d",
    )
    assert kiln2["share"] == pytest.approx(0.2)
    # baseline output min(EIA 257, permit 247, actual 168) t/d; 限产20% leaves 168 × 0.8
    assert kiln2["allowed_output"] == pytest.approx(134.4)
    # kiln 3: min(293, 270, 238) × 0.8
    assert kiln3["allowed_output"] == pytest.approx(190.4)
    e0018 = notice_of(orange, "E0018").lines
    assert [(ln["line_id"], ln["measure"], ln["share"]) for ln in e0018] == [
        ("E0018-L1", "自主减排", 0.0)
    ]
    assert [ln["line_id"] for ln in notice_of(orange, "E0005").lines] == ["E0005-L2", "E0005-L3"]
    # recorded in the audit log, as made by the office user who issued
    created = AuditEntry.objects.filter(object_type="emergency.noticereceipt", action="create")
    assert created.count() == 6
    assert set(created.values_list("actor_name", flat=True)) == {"office"}


def test_notifying_the_same_event_again_adds_nothing_and_an_assessment_notifies_no_one(
    emergency: Emergency, orange: Any
) -> None:
    issue = orange.events.get(kind="issue")
    assert receipts.notify_enterprises(orange, issue) == []
    assessment = orange.events.get(kind="assess")
    assert receipts.notify_enterprises(orange, assessment) == []
    assert NoticeReceipt.objects.count() == 6


def test_a_notice_keeps_what_was_notified_when_the_list_changes(
    emergency: Emergency, orange: Any
) -> None:
    kiln = ProductionLine.objects.get(line_id="E0001-L2")
    change = changes.propose_measure(
        emergency.user("enterprise"),
        kiln,
        {"level": "orange", "measure": "停产+国四及以下重型货车停运", "reason": "从严"},
    )
    changes.decide(emergency.user("office"), "measure", change.pk, {"decision": "approved"})
    kiln_notice = notice_of(orange, "E0001").lines[1]
    assert (kiln_notice["line_id"], kiln_notice["measure"]) == (
        "E0001-L2",
        "限产20%+国四及以下重型货车停运",
    )


def test_a_downgrade_notifies_the_new_list_and_releases_who_left_it_then_the_lift_all(
    emergency: Emergency, orange: Any
) -> None:
    act(emergency, orange, kind="downgrade", level="yellow")
    down = NoticeReceipt.objects.filter(event__kind="downgrade").order_by("enterprise__list_id")
    assert [(r.enterprise.list_id, r.level) for r in down] == [(k, "yellow") for k in ORANGE_SIX]
    e0001 = {ln["line_id"]: ln["measure"] for ln in notice_of(orange, "E0001", "downgrade").lines}
    # yellow: the cement line's default (grade C) and the kilns' own 限产10% (the file's column)
    assert e0001 == {
        "E0001-L1": "停产50%+国四及以下重型货车停运",
        "E0001-L2": "限产10%",
        "E0001-L3": "限产10%",
    }
    assert notice_of(orange, "E0005", "downgrade").lines == []  # its measures end
    n01 = notice_of(orange, "N01", "downgrade").lines
    assert [ln["measure"] for ln in n01] == ["估算削减5%"]

    act(emergency, orange, kind="lift")
    lift = NoticeReceipt.objects.filter(event__kind="lift").order_by("enterprise__list_id")
    assert [(r.enterprise.list_id, r.level) for r in lift] == [(k, "yellow") for k in ORANGE_SIX]
    # the lift names the measures that end: those of the enterprise's latest notice
    assert notice_of(orange, "E0001", "lift").lines == notice_of(orange, "E0001", "downgrade").lines
    assert notice_of(orange, "E0005", "lift").lines == []
    assert NoticeReceipt.objects.filter(warning=orange).count() == 18


def test_an_upgrade_notifies_the_red_measures(emergency: Emergency, orange: Any) -> None:
    act(emergency, orange, kind="upgrade", level="red", measures_start=at("2019-09-09", 0))
    e0001 = {ln["line_id"]: ln["measure"] for ln in notice_of(orange, "E0001", "upgrade").lines}
    # red: the file's 红色预警措施 column for the kilns, the default stop for the cement line
    assert e0001 == {
        "E0001-L1": "停产+国四及以下重型货车停运",
        "E0001-L2": "停产+国四及以下重型货车停运",
        "E0001-L3": "限产30%+国四及以下重型货车停运",
    }
    upgrade = notice_of(orange, "E0001", "upgrade")
    assert (upgrade.level, upgrade.measures_start) == ("red", at("2019-09-09", 0))
    assert NoticeReceipt.objects.filter(event__kind="upgrade").count() == 6


# --- acknowledging ----------------------------------------------------------------------------


def test_the_enterprise_acknowledges_its_notice_once(
    emergency: Emergency, orange: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = emergency.user("enterprise")
    notice = notice_of(orange, "E0001")
    set_now(monkeypatch, at("2019-09-06", 15))
    done = receipts.acknowledge(user, notice.pk)
    assert (done.acknowledged_by, done.acknowledged_at) == (user, at("2019-09-06", 15))
    entry = AuditEntry.objects.get(action="acknowledge_notice")
    assert (entry.object_type, entry.object_id, entry.actor_name) == (
        "emergency.noticereceipt",
        str(notice.pk),
        "enterprise",
    )
    with pytest.raises(exceptions.ValidationError) as refused:
        receipts.acknowledge(user, notice.pk)
    assert refused.value.detail == {"notice": ["该通知已于 2019-09-06 15:00 由 enterprise 签收。"]}
    assert AuditEntry.objects.filter(action="acknowledge_notice").count() == 1


def test_no_one_else_acknowledges_an_enterprises_notice(emergency: Emergency, orange: Any) -> None:
    from django.http import Http404

    notice = notice_of(orange, "E0001")
    for name in ("office", "inspector"):  # they see it; they do not sign for the enterprise
        with pytest.raises(exceptions.PermissionDenied):
            receipts.acknowledge(emergency.user(name), notice.pk)
    for name in ("lead", "cooperating", "other_dept", "area"):  # they see no notice
        with pytest.raises(exceptions.PermissionDenied):
            receipts.acknowledge(emergency.user(name), notice.pk)
    # another enterprise's notice is not found
    with pytest.raises(Http404):
        receipts.acknowledge(emergency.user("enterprise"), notice_of(orange, "E0002").pk)
    assert NoticeReceipt.objects.filter(acknowledged_at__isnull=False).count() == 0


# --- the enterprise's pages --------------------------------------------------------------------


def test_the_enterprise_reads_and_acknowledges_its_notices_on_its_page(
    emergency: Emergency, orange: Any, client_for: Any
) -> None:
    act(emergency, orange, kind="upgrade", level="red", measures_start=at("2019-09-09", 0))
    client = client_for("enterprise")
    mine = client.get("/emergency/mine/").content.decode()
    assert 'id="unacknowledged"' in mine and "2 条预警通知尚未签收。" in mine
    page = client.get("/emergency/mine/notices/").content.decode()
    issue, upgrade = notice_of(orange, "E0001"), notice_of(orange, "E0001", "upgrade")
    # newest first: the upgrade to red, then the issue at orange
    assert page.index(f'id="notice-{upgrade.pk}"') < page.index(f'id="notice-{issue.pk}"')
    assert 'data-level="red"' in page and 'data-level="orange"' in page
    assert "升级" in page and "发布" in page and "2019-09-08 00:00" in page
    assert "限产30%+国四及以下重型货车停运" in page and "限产20%+国四及以下重型货车停运" in page
    assert "合成企业0002" not in page  # another enterprise's notices are not shown
    answer = client.post(f"/emergency/mine/notices/{issue.pk}/acknowledge/")
    assert answer.status_code == 302
    assert answer["Location"] == f"/emergency/mine/notices/#notice-{issue.pk}"
    page = client.get(answer["Location"]).content.decode()
    assert "已签收该通知。" in page and "2019-09-06 10:00 由 enterprise 签收" in page
    assert 'id="unacknowledged-count" title="尚未签收">1<' in page
    again = client.post(f"/emergency/mine/notices/{issue.pk}/acknowledge/")
    assert again.status_code == 400
    assert "该通知已于 2019-09-06 10:00 由 enterprise 签收。" in again.content.decode()
    other = notice_of(orange, "E0002")
    assert client.post(f"/emergency/mine/notices/{other.pk}/acknowledge/").status_code == 404
    assert client.get("/emergency/mine/notices/", HTTP_ACCEPT_LANGUAGE="en").status_code == 200


def test_the_released_and_lifted_notices_say_that_the_measures_end(
    emergency: Emergency, orange: Any, client_for: Any
) -> None:
    e0005 = Enterprise.objects.get(list_id="E0005")
    other = enterprise_user(emergency, "e0005")
    link(other, e0005)
    act(emergency, orange, kind="downgrade", level="yellow")
    act(emergency, orange, kind="lift")
    client = client_for("enterprise")
    client.force_login(other)
    page = client.get("/emergency/mine/notices/").content.decode()
    assert page.count('data-acknowledged="no"') == 3
    assert "预警已解除：下列措施结束。" in page
    assert "您的生产线在该级别无应急措施：此前通知的措施结束。" in page


def test_the_notice_pages_refuse_every_other_role(
    emergency: Emergency, orange: Any, client_for: Any
) -> None:
    notice = notice_of(orange, "E0001")
    for name in ("office", "lead", "area", "inspector"):
        client = client_for(name)
        assert client.get("/emergency/mine/notices/").status_code == 403
        assert client.post(f"/emergency/mine/notices/{notice.pk}/acknowledge/").status_code == 403
    client.logout()
    answer = client.get("/emergency/mine/notices/")
    assert answer.status_code == 302 and answer["Location"].startswith("/login/")
    assert client.post(f"/emergency/mine/notices/{notice.pk}/acknowledge/").status_code == 302
    assert NoticeReceipt.objects.filter(acknowledged_at__isnull=False).count() == 0


def test_an_enterprise_user_not_linked_has_no_notice(
    emergency: Emergency, orange: Any, client_for: Any
) -> None:
    unlinked = enterprise_user(emergency, "unlinked")
    client = client_for("anon")
    client.force_login(unlinked)
    page = client.get("/emergency/mine/notices/").content.decode()
    assert 'id="not-linked"' in page
    notice = notice_of(orange, "E0001")
    assert client.post(f"/emergency/mine/notices/{notice.pk}/acknowledge/").status_code == 404


# --- the office's view: who has acknowledged --------------------------------------------------


def test_the_warning_page_shows_who_has_acknowledged_to_the_office_and_inspectors(
    emergency: Emergency, orange: Any, client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_now(monkeypatch, at("2019-09-06", 15))
    receipts.acknowledge(emergency.user("enterprise"), notice_of(orange, "E0001").pk)
    # 26.5 hours after the notices (2019-09-06 10:00): 26 whole hours
    set_now(monkeypatch, at("2019-09-07", 12).replace(minute=30))
    for name in ("office", "inspector"):
        page = client_for(name).get(f"/emergency/warnings/{orange.pk}/").content.decode()
        assert 'data-notified="6" data-acknowledged="1"' in page
        assert "通知：已通知 6 家企业，已签收 1 家，未签收 5 家。" in page
        assert page.count('data-receipt="acknowledged"') == 1
        assert page.count('data-receipt="pending"') == 5
        assert "2019-09-06 15:00 enterprise" in page
        assert page.count("通知后已过 26 小时") == 5
    pending = client_for("office").get(f"/emergency/warnings/{orange.pk}/?pending=1")
    page = pending.content.decode()
    assert 'data-enterprise="E0001"' not in page and 'data-enterprise="E0002"' in page
    assert page.count('data-receipt="pending"') == 5 and 'id="show-all"' in page
    # the notification list itself is unchanged: the six enterprises, E0001 with three lines
    full = client_for("office").get(f"/emergency/warnings/{orange.pk}/").content.decode()
    assert full.count('data-enterprise="E0001"') == 3 and 'data-enterprise="E0012"' not in full


def test_the_warning_page_lists_who_left_the_list_and_counts_the_latest_notices(
    emergency: Emergency, orange: Any, client_for: Any
) -> None:
    user = emergency.user("enterprise")
    receipts.acknowledge(user, notice_of(orange, "E0001").pk)
    act(emergency, orange, kind="downgrade", level="yellow")
    page = client_for("office").get(f"/emergency/warnings/{orange.pk}/").content.decode()
    # E0001's latest notice (the downgrade) is not acknowledged yet
    assert 'data-notified="6" data-acknowledged="0"' in page
    assert 'data-enterprise="E0005"' in page and "无应急措施（此前已通知：其措施结束）" in page
    receipts.acknowledge(user, notice_of(orange, "E0001", "downgrade").pk)
    page = client_for("office").get(f"/emergency/warnings/{orange.pk}/").content.decode()
    assert 'data-notified="6" data-acknowledged="1"' in page


def test_other_roles_see_no_acknowledgement_on_the_warning_page(
    emergency: Emergency, orange: Any, client_for: Any
) -> None:
    for name in ("lead", "area", "anon"):
        page = client_for(name).get(f"/emergency/warnings/{orange.pk}/").content.decode()
        assert 'id="acknowledgement-totals"' not in page and "data-receipt" not in page
    page = client_for("enterprise").get(f"/emergency/warnings/{orange.pk}/").content.decode()
    assert 'id="acknowledgement-totals"' not in page
    assert 'id="own-pending"' in page and "本次预警有 1 条通知尚未签收。" in page


# --- the API ----------------------------------------------------------------------------------


def test_the_api_lists_and_filters_the_notices_as_scoped(emergency: Emergency, orange: Any) -> None:
    receipts.acknowledge(emergency.user("enterprise"), notice_of(orange, "E0001").pk)
    office = api(emergency.user("office"))
    body = office.get("/api/emergency/notices/").json()
    assert body["count"] == 6
    pending = office.get(f"/api/emergency/notices/?warning={orange.pk}&acknowledged=false").json()
    assert sorted(r["list_id"] for r in pending["results"]) == ORANGE_SIX[1:]
    done = office.get("/api/emergency/notices/?acknowledged=true").json()["results"]
    assert [(r["list_id"], r["acknowledged_by"], r["kind"], r["level"]) for r in done] == [
        ("E0001", "enterprise", "issue", "orange")
    ]
    assert done[0]["acknowledged"] is True and done[0]["city_name"] == emergency.city.name
    assert [ln["measure"] for ln in done[0]["lines"]] == [
        "停产+国四及以下重型货车停运",
        "限产20%+国四及以下重型货车停运",
        "限产20%+国四及以下重型货车停运",
    ]
    assert office.get(f"/api/emergency/notices/?warning={orange.pk + 1}").json()["count"] == 0
    mine = api(emergency.user("enterprise")).get("/api/emergency/notices/").json()
    assert [r["list_id"] for r in mine["results"]] == ["E0001"]
    assert api(emergency.user("inspector")).get("/api/emergency/notices/").json()["count"] == 6
    refused = office.get("/api/emergency/notices/?acknowledged=maybe")
    assert refused.status_code == 400 and refused.json()["ok"] is False
    assert refused.json()["error"] == "acknowledged: 必须是有效的布尔值。"
    assert office.get("/api/emergency/notices/?warning=x").status_code == 400
    for name in ("lead", "cooperating", "other_dept", "area"):
        assert api(emergency.user(name)).get("/api/emergency/notices/").status_code == 403
    assert api(None).get("/api/emergency/notices/").status_code == 401


def test_the_api_acknowledges_once_and_only_for_the_enterprise(
    emergency: Emergency, orange: Any
) -> None:
    own, other = notice_of(orange, "E0001"), notice_of(orange, "E0002")
    client = api(emergency.user("enterprise"))
    assert client.get(f"/api/emergency/notices/{other.pk}/").status_code == 404
    assert client.post(f"/api/emergency/notices/{other.pk}/acknowledge/").status_code == 404
    for name in ("office", "inspector", "lead", "area"):
        answer = api(emergency.user(name)).post(f"/api/emergency/notices/{own.pk}/acknowledge/")
        assert answer.status_code == 403 and answer.json()["ok"] is False
    assert api(None).post(f"/api/emergency/notices/{own.pk}/acknowledge/").status_code == 401
    done = client.post(f"/api/emergency/notices/{own.pk}/acknowledge/")
    assert done.status_code == 200
    body = done.json()
    assert (body["acknowledged"], body["acknowledged_by"], body["list_id"]) == (
        True,
        "enterprise",
        "E0001",
    )
    assert body["acknowledged_at"] == "2019-09-06T10:00:00+08:00"
    again = client.post(f"/api/emergency/notices/{own.pk}/acknowledge/")
    assert again.status_code == 400
    assert again.json()["error"] == "notice: 该通知已于 2019-09-06 10:00 由 enterprise 签收。"


# --- every role × every page and endpoint (the rows for tests/web/test_matrix.py) --------------

MINE = {**dict.fromkeys(PERSONAS, 403), "enterprise": 200, "anon": 302}
ACK_PAGE = {**MINE, "enterprise": 302}
ACK_PAGE_OTHER = {**MINE, "enterprise": 404}
READERS = {**dict.fromkeys(PERSONAS, 403), "office": 200, "inspector": 200, "enterprise": 200}
API_LIST = {**READERS, "anon": 401}
API_OTHER = {**API_LIST, "enterprise": 404}
API_ACK = {**dict.fromkeys(PERSONAS, 403), "enterprise": 200, "anon": 401}
API_ACK_OTHER = {**API_ACK, "enterprise": 404}
ROWS = [
    ("get", "/emergency/mine/notices/", MINE),
    ("post", "/emergency/mine/notices/{own}/acknowledge/", ACK_PAGE),
    ("post", "/emergency/mine/notices/{other}/acknowledge/", ACK_PAGE_OTHER),
    ("get", "/api/emergency/notices/", API_LIST),
    ("get", "/api/emergency/notices/{own}/", API_LIST),
    ("get", "/api/emergency/notices/{other}/", API_OTHER),
    ("post", "/api/emergency/notices/{own}/acknowledge/", API_ACK),
    ("post", "/api/emergency/notices/{other}/acknowledge/", API_ACK_OTHER),
]


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_role_gets_its_status_on_every_notice_url(
    emergency: Emergency, orange: Any, client_for: Any, persona: str
) -> None:
    ids = {"own": notice_of(orange, "E0001").pk, "other": notice_of(orange, "E0002").pk}
    client = client_for(persona)
    for method, url, expected in ROWS:
        answer = getattr(client, method)(url.format(**ids))
        assert answer.status_code == expected[persona], (method, url)
        if url.startswith("/api/") and expected[persona] >= 400:
            assert answer.json()["ok"] is False
        # each row as the matrix runs it, on a fresh notice (not yet acknowledged)
        NoticeReceipt.objects.update(acknowledged_at=None, acknowledged_by=None)
