"""Forecasts in (whole or refused, never overwritten) and the decision with the city's local rule
and a regional directive. The sample forecast of 石家庄市 issued 2019-09-06 07:00: 180, 230, 260,
320, 280, 190, 150 for 09-07 … 09-13 → AQI>200 from 09-08 to 09-11 (96 h), AQI>300 on 09-10
(24 h): orange (72 h and 24 h), not red (needs 48 h above 300)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rest_framework import exceptions

from lantian.web.audit.models import AuditEntry
from lantian.web.emergency import forecasting
from lantian.web.emergency.models import Forecast, LocalRule
from tests.web.emergency.conftest import ORANGE_FORECAST, Emergency, upload
from tests.web.ledger.factories import at

pytestmark = pytest.mark.django_db

STRICT_RULE = """name = "石家庄市重污染天气应急预案（本地从严，合成）"
city = "石家庄市"
effective_from = 2019-01-01
lead_time_hours = 72

[levels]
yellow = "AQI>200 24h"
red = ["AQI>200 72h & AQI>300 24h", "AQI>=500 24h"]
"""
LOOSER_RULE = """name = "宽松（应被拒绝）"
city = "石家庄市"
effective_from = 2019-01-01

[levels]
yellow = "AQI>200 72h"
"""


def _file(tmp_path: Path, name: str, text: str) -> Any:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return upload(path)


def _refusal(call: Any) -> list[str]:
    with pytest.raises(exceptions.ValidationError) as info:
        call()
    detail = info.value.detail
    assert isinstance(detail, dict)
    return [str(m) for messages in detail.values() for m in messages]


def test_a_forecast_file_is_stored_with_its_days_and_audited(emergency: Emergency) -> None:
    office = emergency.user("office")
    result = forecasting.import_forecasts(office, upload(ORANGE_FORECAST))
    (row,) = result.created
    assert (row.city, row.city_name, row.file_name) == (
        emergency.city,
        "石家庄市",
        "shijiazhuang_orange_synthetic.csv",
    )
    assert row.issued == at("2019-09-06", 7)
    assert [d["day"] for d in row.days] == [f"2019-09-{d:02d}" for d in range(7, 14)]
    assert row.days[1] == {
        "day": "2019-09-08",
        "aqi": {"lo": 230, "hi": 230},
        "primary": ["pm25"],
        "category": [5, 5],
    }
    assert row.days[6]["primary"] == ["pm25", "pm10"]
    assert row.hours == []
    entry = AuditEntry.objects.get(object_type="emergency.forecast")
    assert (entry.action, entry.actor_name, entry.object_id) == ("create", "office", str(row.pk))


def test_the_same_file_again_stores_nothing(emergency: Emergency) -> None:
    office = emergency.user("office")
    first = forecasting.import_forecasts(office, upload(ORANGE_FORECAST)).created[0]
    entries = AuditEntry.objects.count()
    again = forecasting.import_forecasts(office, upload(ORANGE_FORECAST))
    assert again.created == [] and again.existing == [first]
    assert Forecast.objects.count() == 1 and AuditEntry.objects.count() == entries


def test_a_stored_forecast_is_never_overwritten(emergency: Emergency, tmp_path: Path) -> None:
    office = emergency.user("office")
    forecasting.import_forecasts(office, upload(ORANGE_FORECAST))
    changed = ORANGE_FORECAST.read_text(encoding="utf-8").replace(",320,", ",330,")
    messages = _refusal(
        lambda: forecasting.import_forecasts(office, _file(tmp_path, "更正.csv", changed))
    )
    assert messages == [
        "更正.csv：石家庄市 2019-09-06 07:00 发布的预报已存有不同数值；已存预报不会被覆盖。"
    ]
    assert Forecast.objects.get().days[3]["aqi"] == {"lo": 320, "hi": 320}


def test_a_bad_file_is_refused_whole_with_its_line(emergency: Emergency, tmp_path: Path) -> None:
    lines = ORANGE_FORECAST.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("PM2.5", "PM1")
    bad = _file(tmp_path, "预报.csv", "\n".join(lines) + "\n")
    messages = _refusal(lambda: forecasting.import_forecasts(emergency.user("office"), bad))
    assert len(messages) == 1
    assert messages[0].startswith("预报.csv:3: 未知的首要污染物 'PM1'")
    assert Forecast.objects.count() == 0
    assert not AuditEntry.objects.filter(object_type="emergency.forecast").exists()


def test_an_unknown_city_or_file_type_is_refused(emergency: Emergency, tmp_path: Path) -> None:
    office = emergency.user("office")
    other = ORANGE_FORECAST.read_text(encoding="utf-8").replace("石家庄市", "保定市")
    assert _refusal(
        lambda: forecasting.import_forecasts(office, _file(tmp_path, "f.csv", other))
    ) == ["f.csv：保定市 不是平台中的地区。"]
    assert _refusal(
        lambda: forecasting.import_forecasts(office, _file(tmp_path, "f.txt", other))
    ) == ["f.txt：文件应为 .csv / .json。"]
    assert Forecast.objects.count() == 0


def test_only_the_office_uploads(emergency: Emergency) -> None:
    for name in ("lead", "area", "inspector", "enterprise"):
        with pytest.raises(exceptions.PermissionDenied):
            forecasting.import_forecasts(emergency.user(name), upload(ORANGE_FORECAST))
    assert Forecast.objects.count() == 0


def _forecast(emergency: Emergency) -> Forecast:
    office = emergency.user("office")
    return forecasting.import_forecasts(office, upload(ORANGE_FORECAST)).created[0]


def test_the_decision_shows_the_rule_and_the_days_behind_it(emergency: Emergency) -> None:
    decision = forecasting.decide_for(_forecast(emergency)).to_dict()
    assert (decision["level"], decision["basis"], decision["national_level"]) == (
        "orange",
        "national",
        "orange",
    )
    assert decision["rule_zh"] == "AQI>200 持续72小时且AQI>300 达24小时 → 橙色"
    assert decision["observed_zh"] == "预报：AQI>200 共96小时，AQI>300 最长24小时"
    assert decision["trigger"] == ["2019-09-08", "2019-09-09", "2019-09-10", "2019-09-11"]
    assert (decision["start"], decision["end"]) == (
        "2019-09-08T00:00:00+08:00",
        "2019-09-12T00:00:00+08:00",
    )
    assert (decision["d200_hours"], decision["lead_time_required_hours"]) == (96, 24)


def test_the_citys_local_rule_applies_and_a_looser_one_is_refused(
    emergency: Emergency, tmp_path: Path
) -> None:
    office = emergency.user("office")
    forecast = _forecast(emergency)
    messages = _refusal(
        lambda: forecasting.upload_local_rule(
            office, emergency.city, _file(tmp_path, "宽松.toml", LOOSER_RULE)
        )
    )
    assert messages[0].startswith("宽松.toml:levels.yellow: 本地黄色条件（AQI>200 持续72小时）宽于")
    assert LocalRule.objects.count() == 0
    rule = forecasting.upload_local_rule(
        office, emergency.city, _file(tmp_path, "从严.toml", STRICT_RULE)
    )
    assert rule.name == "石家庄市重污染天气应急预案（本地从严，合成）"
    decision = forecasting.decide_for(forecast).to_dict()
    # the local red (72 h above 200 and 24 h above 300) is met: the local rule raises the level
    assert (decision["level"], decision["basis"], decision["national_level"]) == (
        "red",
        "local",
        "orange",
    )
    assert decision["rule_zh"].endswith(
        "（本地规则：石家庄市重污染天气应急预案（本地从严，合成））"
    )
    assert decision["lead_time_required_hours"] == 72


def test_a_local_rule_not_in_utf8_is_refused_naming_the_file_and_line(
    emergency: Emergency, tmp_path: Path
) -> None:
    path = tmp_path / "规则.toml"
    path.write_bytes(STRICT_RULE.encode("gbk"))  # 石 on line 1 is not UTF-8
    messages = _refusal(
        lambda: forecasting.upload_local_rule(
            emergency.user("office"), emergency.city, upload(path)
        )
    )
    assert messages == ["规则.toml:1: 不是 UTF-8 编码 (not UTF-8 text)"]
    assert LocalRule.objects.count() == 0


def test_a_stronger_regional_directive_decides_unless_the_office_records_why_not(
    emergency: Emergency,
) -> None:
    office = emergency.user("office")
    forecast = _forecast(emergency)
    forecasting.record_directive(
        office,
        emergency.city,
        {
            "issuer": "京津冀及周边区域空气质量预测预报中心（合成）",
            "level": "red",
            "start": at("2019-09-08", 0),
            "end": at("2019-09-12", 0),
            "reference": "提示〔2019〕1号",
        },
    )
    decision = forecasting.decide_for(forecast).to_dict()
    assert (decision["level"], decision["basis"]) == ("red", "regional")
    assert decision["directive"]["reference"] == "提示〔2019〕1号"
    kept = forecasting.decide_for(forecast, waiver="本地研判过程偏短，已报上级同意").to_dict()
    assert (kept["level"], kept["basis"], kept["waiver"]) == (
        "orange",
        "national",
        "本地研判过程偏短，已报上级同意",
    )
    assert any("办公室记录理由维持橙色" in n["zh"] for n in kept["notes"])


# --- a forecast sent as a JSON body (docs/emergency_forecasts.md, "Through the API") ----------

#: The sample forecast (ORANGE_FORECAST) in the JSON file's shape.
ORANGE_BODY: dict[str, Any] = {
    "forecasts": [
        {
            "city": "石家庄市",
            "issued": "2019-09-06T07:00+08:00",
            "source": "合成示例 / synthetic example",
            "days": [
                {"date": f"2019-09-{day:02d}", "aqi": aqi, "primary": primary, "category": cat}
                for day, aqi, primary, cat in (
                    (7, 180, "PM2.5", "中度污染"),
                    (8, 230, "PM2.5", "重度污染"),
                    (9, 260, "PM2.5", "重度污染"),
                    (10, 320, "PM2.5", "严重污染"),
                    (11, 280, "PM2.5", "重度污染"),
                    (12, 190, "PM2.5", "中度污染"),
                    (13, 150, ["PM2.5", "PM10"], "轻度污染"),
                )
            ],
        }
    ]
}


def _api(user: Any) -> Any:
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _post_json(user: Any, body: Any) -> Any:
    import json

    data = body if isinstance(body, str | bytes) else json.dumps(body, ensure_ascii=False)
    return _api(user).post("/api/emergency/forecasts/", data=data, content_type="application/json")


def test_a_json_body_is_stored_as_the_same_file_would_be(emergency: Emergency) -> None:
    office = emergency.user("office")
    response = _post_json(office, ORANGE_BODY)
    assert response.status_code == 201, response.content[:300]
    (created,) = response.json()["created"]
    row = Forecast.objects.get(pk=created["id"])
    assert (row.city, row.issued, row.file_name, row.uploaded_by) == (
        emergency.city,
        at("2019-09-06", 7),
        "request body",
        office,
    )
    assert row.days[1] == {
        "day": "2019-09-08",
        "aqi": {"lo": 230, "hi": 230},
        "primary": ["pm25"],
        "category": [5, 5],
    }
    assert row.days[6]["primary"] == ["pm25", "pm10"]
    entry = AuditEntry.objects.get(object_type="emergency.forecast")
    assert (entry.action, entry.actor_name, entry.object_id) == ("create", "office", str(row.pk))
    # the file of the same forecast afterwards stores nothing: the same city, time and values
    again = forecasting.import_forecasts(office, upload(ORANGE_FORECAST))
    assert again.created == [] and again.existing == [row]


def test_the_same_body_again_stores_nothing(emergency: Emergency) -> None:
    office = emergency.user("office")
    first = forecasting.import_forecasts(office, upload(ORANGE_FORECAST)).created[0]
    entries = AuditEntry.objects.count()
    response = _post_json(office, ORANGE_BODY)
    assert response.status_code == 201
    assert response.json()["created"] == []
    assert [f["id"] for f in response.json()["existing"]] == [first.pk]
    assert Forecast.objects.count() == 1 and AuditEntry.objects.count() == entries


def test_a_body_with_other_values_for_a_stored_forecast_is_refused(emergency: Emergency) -> None:
    office = emergency.user("office")
    forecasting.import_forecasts(office, upload(ORANGE_FORECAST))
    changed = json_copy(ORANGE_BODY)
    changed["forecasts"][0]["days"][3]["aqi"] = 330
    body = _post_json(office, changed).json()
    assert (body["status"], body["errors"]) == (
        400,
        {
            "body": [
                "request body：石家庄市 2019-09-06 07:00 发布的预报已存有不同数值；"
                "已存预报不会被覆盖。"
            ]
        },
    )
    assert Forecast.objects.get().days[3]["aqi"] == {"lo": 320, "hi": 320}


def json_copy(value: Any) -> Any:
    import json

    return json.loads(json.dumps(value))


def test_a_bad_body_is_refused_whole_naming_the_value_at_fault(emergency: Emergency) -> None:
    office = emergency.user("office")
    bad = json_copy(ORANGE_BODY)
    bad["forecasts"][0]["days"][2]["aqi"] = "2x0"
    body = _post_json(office, bad).json()
    assert body["status"] == 400
    (message,) = body["errors"]["body"]
    assert message.startswith("request body:$.forecasts[0].days[2].aqi: AQI 应为整数或范围")
    assert body["error"] == f"body: {message}"
    unknown = json_copy(ORANGE_BODY)
    unknown["forecasts"][0]["days"][0]["aqi_max"] = 200
    (message,) = _post_json(office, unknown).json()["errors"]["body"]
    assert message.startswith("request body:$.forecasts[0].days[0].aqi_max: 未知字段 'aqi_max'")
    syntax = _post_json(office, '{"forecasts": [\n  {"city": "石家庄市",,}]}').json()
    assert syntax["errors"]["body"] == [
        "request body:2: JSON 语法错误：Expecting property name enclosed in double quotes "
        "(JSON syntax error: Expecting property name enclosed in double quotes)"
    ]
    empty = _post_json(office, "").json()
    assert empty["status"] == 400 and empty["errors"]["body"][0].startswith(
        "request body:1: JSON 语法错误"
    )
    other_city = json_copy(ORANGE_BODY)
    other_city["forecasts"][0]["city"] = "保定市"
    assert _post_json(office, other_city).json()["errors"] == {
        "body": ["request body：保定市 不是平台中的地区。"]
    }
    assert Forecast.objects.count() == 0
    assert not AuditEntry.objects.filter(object_type="emergency.forecast").exists()


def test_a_body_larger_than_a_forecast_file_may_be_is_refused(emergency: Emergency) -> None:
    padding = " " * forecasting.MAX_FORECAST_BYTES
    body = _post_json(emergency.user("office"), padding + "{}").json()
    assert body["status"] == 400 and body["errors"] == {"body": ["request body 超过 2 MB。"]}


def test_only_the_office_sends_a_body(emergency: Emergency) -> None:
    for name in ("lead", "area", "inspector", "enterprise"):
        body = _post_json(emergency.user(name), ORANGE_BODY).json()
        assert (body["ok"], body["status"]) == (False, 403)
    assert _post_json(None, ORANGE_BODY).json()["status"] == 401
    assert Forecast.objects.count() == 0


def test_the_schema_describes_both_request_bodies(client: Any) -> None:
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    content = schema["paths"]["/api/emergency/forecasts/"]["post"]["requestBody"]["content"]
    assert set(content) == {"multipart/form-data", "application/json"}
    ref = content["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(schema["components"]["schemas"][ref]["properties"]) == {"forecasts"}
    verification = schema["paths"]["/api/emergency/verification/"]["get"]
    assert {p["name"] for p in verification["parameters"]} == {"city", "from", "to"}
