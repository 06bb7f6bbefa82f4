"""The emergency API end to end with a token: forecast file → decision → assessment → issue →
notification and transport lists → draw → inspection; list import and check; an enterprise's
proposal and the office's decision. Every refusal in the one error shape."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from lantian.web.emergency.models import MeasureChange, Warning
from tests.web.emergency.conftest import ORANGE_FORECAST, SMALL_CITY, SMALL_LIST, Emergency

pytestmark = pytest.mark.django_db


def api(user: Any) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def assert_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    body: dict[str, Any] = response.json()
    assert body["ok"] is False and body["status"] == status and body["error"]
    return body


def test_from_a_forecast_file_to_the_lists_of_an_orange_warning(emergency: Emergency) -> None:
    office = api(emergency.user("office"))
    with ORANGE_FORECAST.open("rb") as fh:
        uploaded = office.post("/api/emergency/forecasts/", {"file": fh}, format="multipart")
    assert uploaded.status_code == 201, uploaded.content
    (forecast,) = uploaded.json()["created"]
    decision = office.get(f"/api/emergency/forecasts/{forecast['id']}/decision/").json()
    assert (decision["level"], decision["trigger"][0], decision["forecast"]) == (
        "orange",
        "2019-09-08",
        forecast["id"],
    )
    opened = office.post("/api/emergency/warnings/", {"forecast": forecast["id"]}, format="json")
    assert opened.status_code == 201 and opened.json()["state"] == "assessed"
    pk = opened.json()["id"]
    refused = office.post(f"/api/emergency/warnings/{pk}/events/", {"kind": "issue"}, format="json")
    body = assert_error(refused, 400)
    assert body["error"] == "kind: 发布须有审签人 (an approver is required to be issued)"
    issued = office.post(
        f"/api/emergency/warnings/{pk}/events/",
        {
            "kind": "issue",
            "level": "orange",
            "approver": "副指挥长 王某（合成）",
            "measures_start": "2019-09-08T00:00",
            "expected_end": "2019-09-12T00:00+08:00",
        },
        format="json",
    )
    assert issued.status_code == 201, issued.content
    warning = issued.json()
    assert (warning["state"], warning["level"]) == ("issued", "orange")
    assert warning["measures_start"] == "2019-09-08T00:00:00+08:00"
    assert warning["lead_time"] == {"achieved_hours": 38.0, "required_hours": 24, "met": True}

    inspector = api(emergency.user("inspector"))
    notices = inspector.get(f"/api/emergency/warnings/{pk}/notification-list/").json()
    assert [n["list_id"] for n in notices] == ["E0001", "E0002", "E0003", "E0005", "E0018", "N01"]
    assert notices[0]["lines"][0]["measure"] == "停产+国四及以下重型货车停运"
    assert notices[0]["synthetic"] is True
    transport = inspector.get(f"/api/emergency/warnings/{pk}/transport-list/").json()
    assert [t["line"]["line_id"] for t in transport] == ["E0001-L1", "E0001-L2", "E0001-L3"]
    drawn = inspector.post(
        f"/api/emergency/warnings/{pk}/draws/", {"size": 2, "seed": 7}, format="json"
    )
    assert drawn.status_code == 201 and drawn.json()["seed"] == 7
    first = drawn.json()["drawn"][0]["enterprise"]
    recorded = inspector.post(
        f"/api/emergency/warnings/{pk}/inspections/",
        {"enterprise": first, "compliant": False, "findings": "未落实限产"},
        format="json",
    )
    assert recorded.status_code == 201 and recorded.json()["inspector"] == "inspector"
    listed = inspector.get(f"/api/emergency/warnings/{pk}/inspections/").json()
    assert [i["findings"] for i in listed] == ["未落实限产"]
    assert Warning.objects.get().state == "issued"


def test_illegal_actions_answer_in_the_error_shape(emergency: Emergency) -> None:
    office = api(emergency.user("office"))
    assert_error(office.post("/api/emergency/warnings/", {"forecast": 2**70}, format="json"), 400)
    assert_error(
        office.post("/api/emergency/warnings/999/events/", {"kind": "lift"}, format="json"), 404
    )
    assert_error(office.post("/api/emergency/forecasts/", {"file": "not a file"}), 400)
    assert_error(office.get("/api/emergency/list/check/?city=abc"), 400)
    assert_error(
        office.post("/api/emergency/measure-changes/999/decide/", {"decision": "approved"}), 404
    )
    assert_error(api(emergency.user("lead")).get("/api/emergency/forecasts/"), 403)
    assert_error(APIClient().get("/api/emergency/enterprises/"), 401)


def test_the_list_is_imported_and_checked_over_the_api(emergency: Emergency) -> None:
    office = api(emergency.user("office"))
    with SMALL_LIST.open("rb") as lst, SMALL_CITY.open("rb") as city:
        response = office.post(
            "/api/emergency/list/import/",
            {"city": emergency.city.pk, "list_file": lst, "city_emissions": city},
            format="multipart",
        )
    assert response.status_code == 201, response.content
    assert response.json()["record"] is None  # the fixture imported the same files already
    check = office.get(f"/api/emergency/list/check/?city={emergency.city.pk}").json()
    assert check["city_name"] == "石家庄市" and len(check["results"]) == 12
    orange_nox = next(
        r for r in check["results"] if (r["level"], r["pollutant"]) == ("orange", "nox")
    )
    # city NOx 5000 t/a; orange needs 20 %: 1000 t/a ÷ 365
    assert orange_nox["required"] == pytest.approx(1000 / 365)
    # E0001-L1 stops (1667.4), its kilns limit 20 % (68.1 + 67.3), E0003 stops (34.4 + 19.2),
    # E0005-L2/L3 stop (6 + 4.8), N01 cuts 10 % of 9000 → t/a ÷ 365
    achieved = 1667.4 + 0.2 * (68.1 + 67.3) + 34.4 + 19.2 + 6 + 4.8 + 900
    assert orange_nox["achieved"] == pytest.approx(achieved / 365)
    assert orange_nox["passes"] is True


def test_an_enterprise_proposes_and_the_office_decides_over_the_api(emergency: Emergency) -> None:
    from lantian.web.emergency.models import ProductionLine

    line = ProductionLine.objects.get(line_id="E0001-L2")
    cement = ProductionLine.objects.get(line_id="E0001-L1")
    mine = api(emergency.user("enterprise"))
    weaker = mine.post(
        "/api/emergency/measure-changes/",
        {
            "line": cement.pk,
            "level": "orange",
            "measure": "限产10%+国四及以下重型货车停运",
            "reason": "x",
        },
        format="json",
    )
    body = assert_error(weaker, 400)
    assert body["error"].startswith(
        "measure: 生产线 E0001-L1 橙色预警措施「限产10%+国四及以下重型货车停运」弱于"
    )
    proposed = mine.post(
        "/api/emergency/measure-changes/",
        {
            "line": line.pk,
            "level": "orange",
            "measure": "限产30%+国四及以下重型货车停运",
            "reason": "x",
        },
        format="json",
    )
    assert proposed.status_code == 201 and proposed.json()["status"] == "pending"
    pk = proposed.json()["id"]
    assert_error(
        mine.post(f"/api/emergency/measure-changes/{pk}/decide/", {"decision": "approved"}), 403
    )
    decided = api(emergency.user("office")).post(
        f"/api/emergency/measure-changes/{pk}/decide/", {"decision": "approved"}, format="json"
    )
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    assert MeasureChange.objects.get().status == "approved"
    detail = mine.get(f"/api/emergency/enterprises/{emergency.enterprise.pk}/").json()
    kiln = next(ln for ln in detail["lines"] if ln["line_id"] == "E0001-L2")
    orange = next(x for x in kiln["measures"] if x["level"] == "orange")
    assert (orange["measure"], orange["own"]) == ("限产30%+国四及以下重型货车停运", True)
    assert orange["share"] == pytest.approx(0.3)
    stagger = mine.post(
        "/api/emergency/stagger-changes/",
        {
            "line": line.pk,
            "action": "add",
            "start": "2019-11-15",
            "end": "2020-03-15",
            "kind": "stop",
            "reason": "采暖季",
        },
        format="json",
    )
    assert stagger.status_code == 201, stagger.content
    approved = api(emergency.user("office")).post(
        f"/api/emergency/stagger-changes/{stagger.json()['id']}/decide/",
        {"decision": "approved"},
        format="json",
    )
    assert approved.status_code == 200 and approved.json()["published_at"] is not None
