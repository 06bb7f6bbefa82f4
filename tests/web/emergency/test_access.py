"""Who sees what of the emergency response (docs/access.md §Emergency): each rule tried from the
side that should be refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from lantian.web.access import visible
from lantian.web.emergency import changes, desk, forecasting
from lantian.web.emergency.models import (
    Enterprise,
    EnterpriseUser,
    MeasureChange,
    ProductionLine,
    Warning,
)
from tests.web.emergency.conftest import NOW, ORANGE_FORECAST, Emergency, issue_orange, upload
from tests.web.ledger.factories import at

pytestmark = pytest.mark.django_db

INTERNAL = ("office", "lead", "cooperating", "other_dept", "area", "inspector")


@pytest.fixture
def orange(emergency: Emergency) -> Warning:
    return issue_orange(emergency)


def _assessed_elsewhere(emergency: Emergency) -> Warning:
    """A warning under assessment for 桥西区 (never issued)."""
    from lantian.web.emergency.models import Forecast

    forecast = Forecast.objects.create(
        city=emergency.personas.areas["qiaoxi"],
        city_name="桥西区",
        issued=at("2019-09-06", 7),
        days=Forecast.objects.get().days,
        file_name="x.csv",
        uploaded_by=emergency.user("office"),
        uploaded_at=NOW,
    )
    return desk.assess(emergency.user("office"), forecast).warning


def test_the_public_reads_only_the_warnings_in_force(
    emergency: Emergency, orange: Warning, client_for: Any
) -> None:
    assessed = _assessed_elsewhere(emergency)
    anon = client_for("anon")
    body = anon.get("/api/emergency/warnings/").json()
    assert [w["id"] for w in body["results"]] == [orange.pk]
    seen = body["results"][0]
    assert (seen["level"], seen["events"], seen["decision"], seen["lead_time"]) == (
        "orange",
        [],
        None,
        None,
    )
    assert seen["rule_zh"] == "AQI>200 持续72小时且AQI>300 达24小时 → 橙色"
    assert anon.get(f"/api/emergency/warnings/{assessed.pk}/").status_code == 404
    page = anon.get(f"/emergency/warnings/{orange.pk}/").content.decode()
    assert "橙色预警" in page
    assert "副指挥长" not in page and "office" not in page and "合成企业" not in page
    assert anon.get(f"/emergency/warnings/{assessed.pk}/").status_code == 404


def test_an_assessment_is_the_offices_until_issued(
    emergency: Emergency, orange: Warning, client_for: Any
) -> None:
    assessed = _assessed_elsewhere(emergency)
    for name in INTERNAL:
        ids = set(visible(emergency.user(name), Warning).values_list("pk", flat=True))
        assert ids == ({orange.pk, assessed.pk} if name == "office" else {orange.pk}), name
    lead = client_for("lead")
    assert lead.get(f"/api/emergency/warnings/{assessed.pk}/").status_code == 404
    record = lead.get(f"/api/emergency/warnings/{orange.pk}/").json()
    assert [e["kind"] for e in record["events"]] == ["assess", "issue"]
    assert record["lead_time"] == {"achieved_hours": 38.0, "required_hours": 24, "met": True}


def test_a_lifted_warning_leaves_the_public_but_stays_for_the_administration(
    emergency: Emergency, orange: Warning, client_for: Any
) -> None:
    desk.act(emergency.user("office"), orange, {"kind": "lift", "approver": "王某"})
    assert client_for("anon").get(f"/api/emergency/warnings/{orange.pk}/").status_code == 404
    assert visible(emergency.user("area"), Warning).filter(pk=orange.pk).exists()
    assert visible(emergency.user("enterprise"), Warning).filter(pk=orange.pk).exists()


def test_departments_and_areas_get_no_enterprise_detail(
    emergency: Emergency, orange: Warning, client_for: Any
) -> None:
    for name in ("lead", "area"):
        client = client_for(name)
        page = client.get(f"/emergency/warnings/{orange.pk}/").content.decode()
        assert "共通知 6 家企业（11 条生产线）执行本级别措施" in page
        assert "合成企业0001" not in page and "E0001-L1" not in page
        assert (
            client.get(f"/api/emergency/warnings/{orange.pk}/notification-list/").status_code == 403
        )
        check = client.get("/api/emergency/list/check/").json()
        assert all(r["closers"] == [] for r in check["results"]) and check["without_measure"] == {}
        assert client.get("/emergency/enterprises/").status_code == 403
        assert (
            client.get(f"/api/emergency/enterprises/{emergency.enterprise.pk}/").status_code == 403
        )
        client.logout()
    office = client_for("office").get("/api/emergency/list/check/").json()
    # the 小微 enterprise writes no yellow measure on any of its lines, nor any on L1
    assert office["without_measure"]["yellow"] == ["E0005-L1", "E0005-L2", "E0005-L3"]
    assert office["without_measure"]["orange"] == ["E0005-L1"]


def test_an_enterprise_sees_its_own_enterprise_only(
    emergency: Emergency, orange: Warning, client_for: Any
) -> None:
    other = Enterprise.objects.get(list_id="E0002")
    client = client_for("enterprise")
    listed = client.get("/api/emergency/enterprises/").json()["results"]
    assert [e["list_id"] for e in listed] == ["E0001"]
    assert client.get(f"/api/emergency/enterprises/{other.pk}/").status_code == 404
    assert client.get(f"/emergency/enterprises/{other.pk}/").status_code == 404
    own = client.get(f"/api/emergency/enterprises/{emergency.enterprise.pk}/").json()
    assert [ln["line_id"] for ln in own["lines"]] == ["E0001-L1", "E0001-L2", "E0001-L3"]
    assert own["lines"][0]["measures"][1] == {
        "level": "orange",
        "measure": "停产+国四及以下重型货车停运",
        "own": False,
        "share": 1.0,
    }
    # a line of another enterprise: 404 (not a hint that it exists), nothing stored
    line = other.lines.first()
    response = client.post(
        "/api/emergency/measure-changes/",
        {"line": line.pk, "level": "red", "measure": "停产", "reason": "x"},
    )
    assert response.status_code == 404 and MeasureChange.objects.count() == 0
    assert client.get(f"/api/emergency/warnings/{orange.pk}/notification-list/").status_code == 403
    assert (
        client.post(f"/api/emergency/warnings/{orange.pk}/draws/", {"size": 1}).status_code == 403
    )
    record = client.get(f"/api/emergency/warnings/{orange.pk}/").json()
    assert record["events"] == [] and record["decision"] is None


def test_an_enterprise_sees_only_its_own_changes(emergency: Emergency, client_for: Any) -> None:
    line = ProductionLine.objects.get(line_id="E0001-L3")
    changes.propose_measure(
        emergency.user("enterprise"),
        line,
        {"level": "red", "measure": "停产+国四及以下重型货车停运", "reason": "x"},
    )
    stranger = emergency.user("cooperating")
    stranger.role = "enterprise"
    stranger.unit = None
    stranger.save()
    EnterpriseUser.objects.create(
        user=stranger, enterprise=Enterprise.objects.get(list_id="E0002"), linked_at=NOW
    )
    assert client_for("cooperating").get("/api/emergency/measure-changes/").json()["count"] == 0
    client_for("cooperating").logout()
    assert client_for("enterprise").get("/api/emergency/measure-changes/").json()["count"] == 1


def test_an_unlinked_enterprise_user_sees_nothing_of_the_list(
    emergency: Emergency, client_for: Any
) -> None:
    EnterpriseUser.objects.all().delete()  # test setup only: the platform deletes nothing
    client = client_for("enterprise")
    assert client.get("/api/emergency/enterprises/").json()["count"] == 0
    page = client.get("/emergency/mine/")
    assert page.status_code == 200 and "尚未关联" in page.content.decode()
    assert client.get("/emergency/mine/measure/").status_code == 404


def test_inspectors_respond_but_neither_issue_nor_decide(
    emergency: Emergency, orange: Warning, client_for: Any
) -> None:
    client = client_for("inspector")
    assert client.get(f"/api/emergency/warnings/{orange.pk}/notification-list/").status_code == 200
    assert (
        client.post(f"/api/emergency/warnings/{orange.pk}/draws/", {"size": 2}).status_code == 201
    )
    lifted = client.post(
        f"/api/emergency/warnings/{orange.pk}/events/", {"kind": "lift", "approver": "x"}
    )
    assert lifted.status_code == 403
    assert client.get("/emergency/changes/").status_code == 403
    assert client.get("/api/emergency/forecasts/").status_code == 403
    orange.refresh_from_db()
    assert orange.state == "issued"


def test_an_enterprise_user_acts_for_an_enterprise_only_with_that_role(
    emergency: Emergency,
) -> None:
    link = EnterpriseUser(
        user=emergency.user("lead"), enterprise=emergency.enterprise, linked_at=NOW
    )
    with pytest.raises(ValidationError, match="只有企业用户可以代表企业"):
        link.full_clean()


def test_a_credit_code_is_checked(emergency: Emergency) -> None:
    e = emergency.enterprise
    e.credit_code = "91350100M000100Y43"  # the GB 32100-2015 check character is 3
    e.full_clean()
    e.credit_code = "91350100M000100Y44"
    with pytest.raises(ValidationError, match="校验码"):
        e.full_clean()
    e.credit_code = "91350100M000100Y4I"
    with pytest.raises(ValidationError):
        e.full_clean()


def test_nobody_but_the_office_uploads_forecasts_over_the_api(
    emergency: Emergency, client_for: Any
) -> None:
    for name in ("lead", "inspector", "enterprise"):
        client = client_for(name)
        with ORANGE_FORECAST.open("rb") as fh:
            assert client.post("/api/emergency/forecasts/", {"file": fh}).status_code == 403
        client.logout()
    with ORANGE_FORECAST.open("rb") as fh:
        assert client_for("anon").post("/api/emergency/forecasts/", {"file": fh}).status_code == 401
    assert forecasting.m.Forecast.objects.count() == 0
    assert upload(ORANGE_FORECAST).name == "shijiazhuang_orange_synthetic.csv"
