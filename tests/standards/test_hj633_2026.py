"""HJ 633-2026: the examples of standards_2026.md §2.10, caps, 5.3.1/5.3.2, texts."""

import pytest

from lantian.standards import hj633_2012
from lantian.standards import hj633_2026 as std


@pytest.mark.parametrize(
    ("indicator", "c", "v2026", "v2012"),
    [
        ("pm25_24h", 75, 114, 100),  # §2.10: 113.64 → 114
        ("pm25_24h", 60, 100, 82),  # §2.10
        ("pm25_24h", 60.5, 100, None),  # §2.10: half-even → 60
        ("pm25_24h", 60.6, 101, None),  # §2.10: → 61 → 100.91 → 101
        ("pm25_24h", 62.5, 102, None),  # §2.10: → 62 (half-up would give 63 → 103)
        ("pm25_1h", 35.01, 50, None),  # §2.10: → 35 → 50 (unrounded would give 51)
        ("pm25_24h", 50, 80, 69),  # §2.10
        ("pm10_24h", 150, 112, 100),  # §2.10: 111.54 → 112
        ("pm10_24h", 200, 131, 125),  # §2.10: 130.77 → 131
    ],
)
def test_worked_examples(indicator: str, c: float, v2026: int, v2012: int | None) -> None:
    assert std.iaqi(indicator, c).value == v2026
    if v2012 is not None:
        assert hj633_2012.iaqi(indicator, c).value == v2012


def test_rounding_options_on_the_half() -> None:
    assert std.iaqi("pm25_24h", 62.5, rounding="half-up").value == 103
    assert std.iaqi("pm25_1h", 35.01, round_input=False).value == 51


def test_so2_cap_at_800_and_801() -> None:
    # 表3 note b: SO2 1 h > 800 → 200
    assert std.iaqi("so2_1h", 800).value == 200
    r = std.iaqi("so2_1h", 801)
    assert (r.value, r.beyond_table, r.rule) == (200, False, "so2_1h>800→200")
    assert std.iaqi("so2_1h", 900).value == 200  # §2.10
    assert std.iaqi("so2_1h", 800.4).value == 200  # rounds to 800: in the table


def test_o3_cap_at_800_and_801() -> None:
    # 表3 note c: O3 8 h > 800 → 300
    assert std.iaqi("o3_8h", 800).value == 300
    assert std.iaqi("o3_8h", 801).value == 300
    r = std.daily_aqi(o3_8h=900, so2_24h=5, no2_24h=5, co_24h=0.5, pm10_24h=5, pm25_24h=5)
    assert r.aqi == 300 and r.primary_labels == ("臭氧8小时",)


def test_daily_example_rerun() -> None:
    # §2.10: aqi.md §7 daily example under 2026 → 133, primary PM2.5, PM10 above 100
    r = std.daily_aqi(so2_24h=12, no2_24h=46, pm10_24h=138, pm25_24h=96, co_24h=1.4, o3_8h=98)
    assert {k: v.value for k, v in r.iaqis.items()} == {
        "so2_24h": 12,
        "no2_24h": 58,
        "co_24h": 35,
        "o3_8h": 49,
        "pm10_24h": 107,
        "pm25_24h": 133,
    }
    assert r.aqi == 133 and r.primary == ("pm25_24h",)
    assert r.level is not None and r.level.category_zh == "轻度污染"
    assert r.exceedance is None  # 超标污染物 deleted (§2.5)
    assert "o3_1h" not in r.iaqis  # no O3 1-h term in the daily AQI


def test_realtime_example_rerun() -> None:
    # §2.10: station 1001A 2022-01-04 16:00 → PM2.5 88, PM10 71, NO2 31 → AQI 88
    r = std.hourly_aqi(
        pm25_1h=54,
        pm10_1h=79,
        no2_1h=61,
        so2_1h=None,
        co_1h=None,
        o3_1h=None,
        not_monitored=("so2", "co", "o3"),
        cleared_3yr=("so2", "co", "o3"),
    )
    assert (r.iaqis["pm25_1h"].value, r.iaqis["pm10_1h"].value, r.iaqis["no2_1h"].value) == (
        88,
        71,
        31,
    )
    assert r.aqi == 88 and r.published and r.primary_labels == ("细颗粒物(PM2.5)",)
    assert r.not_monitored == ("so2_1h", "co_1h", "o3_1h") and r.missing == ()
    # the same three values with the other three merely missing: 5.3.1 withholds AQI 88
    gap = std.hourly_aqi(pm25_1h=54, pm10_1h=79, no2_1h=61)
    assert (gap.aqi, gap.published, gap.computed_aqi, gap.level) == (None, False, 88, None)
    assert gap.primary == ()


_FULL = {"so2_24h": 5, "no2_24h": 10, "co_24h": 0.4, "o3_8h": 60, "pm10_24h": 20}


def test_rule_531_aqi_100_is_withheld() -> None:
    # 5.3.1: PM2.5 missing; the others give AQI 100 (PM10 120 is the IAQI-100 point) → NA
    r = std.daily_aqi(**{**_FULL, "pm10_24h": 120})
    assert r.computed_aqi == 100 and r.aqi is None and not r.published
    assert r.missing == ("pm25_24h",) and r.category_zh is None


def test_rule_531_aqi_101_is_published() -> None:
    # 5.3.1: PM10 121 → 100 + 50/130 → 101 > 100 → published
    r = std.daily_aqi(**{**_FULL, "pm10_24h": 121})
    assert r.aqi == 101 and r.published and r.primary == ("pm10_24h",)
    assert r.level is not None and r.level.number == 3


def test_rule_532_not_monitored_and_cleared() -> None:
    kw = {**_FULL, "pm10_24h": 120}
    cleared = std.daily_aqi(**kw, not_monitored=("pm25",), cleared_3yr=("pm25",))
    assert cleared.aqi == 100 and cleared.published and cleared.not_monitored == ("pm25_24h",)
    # not monitored but the 3-year history does not clear it → 5.3.1 applies
    uncleared = std.daily_aqi(**kw, not_monitored=("pm25",))
    assert uncleared.aqi is None


def test_aqi_zero_is_level_one() -> None:
    r = std.daily_aqi(so2_24h=0, no2_24h=0, co_24h=0, o3_8h=0, pm10_24h=0.4, pm25_24h=0.2)
    assert r.aqi == 0 and r.level is not None and r.level.name_zh == "一级" and r.primary == ()


def test_texts_reworded() -> None:
    # §2.6 word changes
    lv = {x.number: x for x in std.LEVELS}
    assert lv[1] == hj633_2012.LEVELS[0] and lv[2] == hj633_2012.LEVELS[1]
    for n in (3, 4, 5, 6):
        assert "青少年儿童" in lv[n].advice_zh
    for n in (3, 4, 5):
        assert "心血管系统疾病" in lv[n].advice_zh and "心脏病" not in lv[n].advice_zh
    assert "呼吸系统疾病" in lv[5].advice_zh and "肺病" not in lv[5].advice_zh
    assert "敏感人群" in lv[3].health_effect_zh and "敏感人群" in lv[4].health_effect_zh
    assert "心血管系统、呼吸系统" in lv[4].health_effect_zh
    assert lv[5].health_effect_zh.startswith("心血管系统和呼吸系统患者")
    assert lv[6].health_effect_zh == hj633_2012.LEVELS[5].health_effect_zh
    assert set(std.SENSITIVE_GROUPS) == {"so2", "no2", "co", "o3", "pm10", "pm25"}
    assert [c.hex for c in std.COLOURS] == [
        "#00E400",
        "#FFFF00",
        "#FF7E00",
        "#FF0000",
        "#99004C",
        "#7E0023",
    ]


def test_only_two_cells_changed() -> None:
    # §2.2: only PM2.5 75 → 60 and PM10 150 → 120 at IAQI 100
    diff = {
        (k, i)
        for k in std.BREAKPOINTS
        for i, (a, b) in enumerate(zip(std.BREAKPOINTS[k], hj633_2012.BREAKPOINTS[k], strict=True))
        if a != b
    }
    assert diff == {("pm25_24h", 2), ("pm10_24h", 2)}
    assert std.BREAKPOINTS["pm25_24h"][2] == (60, 100)
    assert std.BREAKPOINTS["pm10_24h"][2] == (120, 100)


def test_beyond_table() -> None:
    r = std.iaqi("pm10_1h", 640)
    assert r.value == 500 and r.beyond_table
