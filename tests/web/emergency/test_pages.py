"""The emergency pages: the office's desk from a forecast file to an issued warning, the
inspector's draw and record, the enterprise's measures and proposals, the office's queue and the
list check — in Chinese, and in English on request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lantian.web.emergency.models import (
    Forecast,
    Inspection,
    InspectionDraw,
    LineMeasure,
    MeasureChange,
    ProductionLine,
    Warning,
)
from tests.web.emergency.conftest import (
    ORANGE_FORECAST,
    SMALL_CITY,
    SMALL_LIST,
    Emergency,
    issue_orange,
)

pytestmark = pytest.mark.django_db


def _file(path: Path, name: str | None = None, text: str | None = None) -> SimpleUploadedFile:
    data = text.encode("utf-8") if text is not None else path.read_bytes()
    return SimpleUploadedFile(name or path.name, data)


def test_the_office_takes_a_forecast_to_an_issued_warning(
    emergency: Emergency, client_for: Any
) -> None:
    client = client_for("office")
    response = client.post("/emergency/forecasts/", {"file": _file(ORANGE_FORECAST)})
    forecast = Forecast.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/emergency/forecasts/{forecast.pk}/"
    )
    page = client.get(response["Location"]).content.decode()
    assert "橙色预警 · II级" in page
    assert "AQI&gt;200 持续72小时且AQI&gt;300 达24小时 → 橙色" in page
    assert page.count('class="trigger"') == 4  # the four days that triggered it
    assert '<td id="decision-basis" data-basis="national">国家分级' in page
    response = client.post(f"/emergency/forecasts/{forecast.pk}/assess/", {"note": "会商一致"})
    warning = Warning.objects.get()
    assert response["Location"] == f"/emergency/warnings/{warning.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert 'id="issue-form"' in page and 'value="2019-09-08T00:00"' in page
    refused = client.post(
        f"/emergency/warnings/{warning.pk}/events/",
        {"kind": "issue", "level": "orange", "measures_start": "2019-09-08T00:00", "approver": ""},
    )
    assert refused.status_code == 400
    assert "发布须有审签人" in refused.content.decode()
    issued = client.post(
        f"/emergency/warnings/{warning.pk}/events/",
        {
            "kind": "issue",
            "level": "orange",
            "measures_start": "2019-09-08T00:00",
            "expected_end": "2019-09-12T00:00",
            "approver": "副指挥长 王某（合成）",
        },
    )
    assert issued.status_code == 302
    page = client.get(issued["Location"]).content.decode()
    assert 'data-state="issued"' in page
    assert "实际提前 38.0 小时，要求 24 小时" in page
    assert 'id="notification-list"' in page and 'data-enterprise="E0018"' in page
    assert 'data-enterprise="E0012"' not in page  # 保障类: listed, no measure, not notified
    assert "合成数据 / synthetic" in page


def test_a_refused_forecast_shows_the_file_and_line(emergency: Emergency, client_for: Any) -> None:
    bad = ORANGE_FORECAST.read_text(encoding="utf-8").replace("2019-09-10,320", "2019-09-10,3x0")
    response = client_for("office").post(
        "/emergency/forecasts/", {"file": _file(ORANGE_FORECAST, "坏.csv", bad)}
    )
    assert response.status_code == 400
    assert "坏.csv:5: AQI 应为整数或范围如 180-220" in response.content.decode()
    assert Forecast.objects.count() == 0


def test_the_inspector_draws_and_records_from_its_page(
    emergency: Emergency, client_for: Any
) -> None:
    warning = issue_orange(emergency)
    client = client_for("inspector")
    page = client.get("/emergency/inspections/").content.decode()
    assert f'id="inspect-warning-{warning.pk}"' in page and "尚未抽取" in page
    response = client.post(
        f"/emergency/warnings/{warning.pk}/draw/",
        {"size": "3", "seed": "11", "back": "inspections"},
    )
    assert response.status_code == 302 and response["Location"] == "/emergency/inspections/"
    draw = InspectionDraw.objects.get()
    assert (draw.seed, len(draw.drawn)) == (11, 3)
    drawn = draw.drawn[0]
    page = client.get("/emergency/inspections/").content.decode()
    assert drawn["name"] in page
    response = client.post(
        f"/emergency/warnings/{warning.pk}/inspections/",
        {
            "enterprise": drawn["enterprise"],
            "compliant": "false",
            "findings": "未停产",
            "back": "inspections",
        },
    )
    assert response.status_code == 302
    assert Inspection.objects.get().findings == "未停产"
    bad = client.post(f"/emergency/warnings/{warning.pk}/draw/", {"size": "0"})
    assert bad.status_code == 400 and "size" in bad.content.decode()


def test_the_enterprise_sees_its_measures_and_proposes_a_change(
    emergency: Emergency, client_for: Any
) -> None:
    issue_orange(emergency)
    client = client_for("enterprise")
    page = client.get("/emergency/mine/").content.decode()
    assert "合成企业0001" in page and "合成数据 / synthetic" in page
    assert 'data-line="E0001-L1"' in page  # what its lines must do under the warning in force
    assert "停产+国四及以下重型货车停运" in page and "限产20%+国四及以下重型货车停运" in page
    cement = ProductionLine.objects.get(line_id="E0001-L1")
    weaker = client.post(
        "/emergency/mine/measure/",
        {"line": cement.pk, "level": "orange", "measure": "限产10%", "reason": "检修"},
    )
    assert weaker.status_code == 400
    assert "弱于行业默认" in weaker.content.decode()
    other = ProductionLine.objects.get(line_id="E0002-L1")
    stranger = client.post(
        "/emergency/mine/measure/",
        {"line": other.pk, "level": "red", "measure": "停产", "reason": "x"},
    )
    assert stranger.status_code == 400 and MeasureChange.objects.count() == 0
    ok = client.post(
        "/emergency/mine/measure/",
        {"line": cement.pk, "level": "red", "measure": "停产+停止公路运输", "reason": "主动从严"},
    )
    assert ok.status_code == 302 and ok["Location"] == "/emergency/mine/"
    change = MeasureChange.objects.get()
    assert "停产+停止公路运输" in client.get("/emergency/mine/").content.decode()

    office = client_for("office")
    queue = office.get("/emergency/changes/").content.decode()
    assert f'id="change-measure-{change.pk}"' in queue
    refused = office.post(
        f"/emergency/changes/measure/{change.pk}/decide/", {"decision": "sent_back"}
    )
    assert refused.status_code == 400 and "退回变更须说明理由" in refused.content.decode()
    done = office.post(f"/emergency/changes/measure/{change.pk}/decide/", {"decision": "approved"})
    assert done.status_code == 302
    assert LineMeasure.objects.get(line=cement, level="red").text == "停产+停止公路运输"
    assert (
        office.post(
            f"/emergency/changes/nonsense/{change.pk}/decide/", {"decision": "approved"}
        ).status_code
        == 404
    )


def test_the_list_page_shows_the_check_and_refuses_a_bad_file(
    emergency: Emergency, client_for: Any
) -> None:
    office = client_for("office")
    page = office.get("/emergency/list/").content.decode()
    assert 'id="check-table"' in page and 'data-level="orange" data-pollutant="nox"' in page
    assert "small_list.csv" in page
    bad = SMALL_LIST.read_text(encoding="utf-8").replace("水泥熟料", "造纸")
    response = office.post(
        "/emergency/list/import/",
        {
            "city": emergency.city.pk,
            "list_file": _file(SMALL_LIST, "清单.csv", bad),
            "city_emissions": _file(SMALL_CITY),
        },
    )
    assert response.status_code == 400
    assert "清单.csv:2: 未知行业 / unknown industry &#x27;造纸&#x27;" in response.content.decode()
    area = client_for("area").get("/emergency/list/").content.decode()
    assert 'id="check-table"' in area and "E0001-L1" not in area


def test_pages_speak_english_on_request(emergency: Emergency, client_for: Any) -> None:
    warning = issue_orange(emergency)
    page = client_for("office").get(f"/emergency/warnings/{warning.pk}/?lang=en").content.decode()
    assert "orange warning · II级" in page
    assert "AQI&gt;200 for 72 h and AQI&gt;300 for 24 h → orange" in page
    assert "Enterprises to notify" in page and "38.0 h achieved, 24 h required" in page


def test_a_page_reads_each_list_once(
    emergency: Emergency, client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The warning page builds the notification and the transport lists from one read of the
    city's list; the enterprise's pages read its list once for its measures per level, its
    conflicts and the warnings in force."""
    from lantian.web.emergency import core

    warning = issue_orange(emergency)
    calls: list[str] = []
    for name in ("city_list", "enterprise_list"):
        real = getattr(core, name)
        monkeypatch.setattr(
            core, name, lambda x, real=real, name=name: calls.append(name) or real(x)
        )
    page = client_for("office").get(f"/emergency/warnings/{warning.pk}/").content.decode()
    assert 'id="notification-table"' in page and 'id="transport-table"' in page
    assert calls == ["city_list"]
    calls.clear()
    page = client_for("enterprise").get("/emergency/mine/").content.decode()
    assert 'id="my-notices"' in page and 'data-line="E0001-L1"' in page
    assert calls == ["enterprise_list"]
    calls.clear()
    client_for("office").get(f"/emergency/enterprises/{emergency.enterprise.pk}/")
    assert calls == ["enterprise_list"]


def test_a_refused_form_names_the_field_as_the_form_does(
    emergency: Emergency, client_for: Any
) -> None:
    """A refusal on a page names the field by the form's label (响应开始, not measures_start),
    in English on request."""
    warning = issue_orange(emergency)
    office = client_for("office")
    bad = {"kind": "upgrade", "level": "red", "approver": "王某", "measures_start": "明天"}
    page = office.post(f"/emergency/warnings/{warning.pk}/events/", bad).content.decode()
    assert "<li>响应开始: 日期时间格式错误。" in page and "measures_start:" not in page
    page = office.post(f"/emergency/warnings/{warning.pk}/draw/", {"size": "0"}).content.decode()
    assert "<li>抽取企业数: 请确保该值大于或者等于 1。</li>" in page
    line = ProductionLine.objects.get(line_id="E0001-L1")
    stagger = {"line": line.pk, "action": "add", "kind": "pause", "reason": "检修"}
    page = client_for("enterprise").post("/emergency/mine/staggered/", stagger).content.decode()
    assert "<li>措施: “pause” 不是合法选项。</li>" in page
    office = client_for("office")
    english = office.post(f"/emergency/warnings/{warning.pk}/events/?lang=en", bad)
    assert "<li>Measures from: Datetime has wrong format." in english.content.decode()
