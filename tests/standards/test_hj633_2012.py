"""HJ 633-2012: worked examples of aqi.md §7, the notes of 表1, the real-time profiles."""

import csv
import gzip
from pathlib import Path

import numpy as np
import pytest

from lantian.standards import hj633_2012 as std
from lantian.standards.aqi_result import level_of


@pytest.mark.parametrize(
    ("indicator", "c", "expected"),
    [
        ("pm25_24h", 80, 107),  # aqi.md §7: 100 + 5×50/40 = 106.25 → 107 (ceiling)
        ("pm25_24h", 75, 100),  # §7: breakpoint
        ("pm25_24h", 75.4, 100),  # §7: rounded to 75 first (§2 default) → 100
        ("pm10_24h", 200, 125),  # §7
        ("o3_8h", 180, 119),  # §7: 118.18… → 119
        ("co_24h", 2.2, 55),  # §7: exactly 55; float arithmetic would give 56
        ("so2_24h", 300, 124),  # §7: 123.08 → 124
        ("no2_1h", 250, 105),  # §7
        ("pm25_1h", 54, 74),  # §7 hourly example: 73.75 → 74
        ("pm10_1h", 79, 65),  # §7: 64.5 → 65
        ("no2_1h", 61, 31),  # §7
        ("o3_1h", 253, 127),  # §5 evidence (b), station 1029A
        ("o3_8h", 246, 181),  # §5 evidence (b)
        ("pm25_24h", 0, 0),
        ("o3_1h", 1100, 450),  # §7: 400 + 100×100/200
    ],
)
def test_iaqi_worked_examples(indicator: str, c: float, expected: int) -> None:
    assert std.iaqi(indicator, c).value == expected


def test_unrounded_input_gives_101() -> None:
    # aqi.md §7: PM2.5 75.4 unrounded → 100.5 → 101
    assert std.iaqi("pm25_24h", 75.4, round_input=False).value == 101


def test_co_float_trap_on_every_one_decimal_value() -> None:
    # aqi.md §2: 23 one-decimal CO values hit the float trap; exact arithmetic must give the
    # integer result whenever the raw value is an integer.
    for tenths in range(0, 601):
        r = std.iaqi("co_24h", tenths / 10)
        assert r.value is not None
        segs = std.segments("co_24h")
        lo, hi, i0, i1 = next(s for s in segs if tenths <= s[1] * 10)
        num = (i1 - i0) * (tenths - lo * 10)
        den = (hi - lo) * 10
        assert r.value == i0 + -(-num // den)


def test_beyond_table_gives_500_and_flag() -> None:
    # aqi.md §1 note 5: store the raw value, report 500, flag 大于500
    r = std.iaqi("pm25_24h", 620)
    assert (r.value, r.beyond_table, str(r.concentration)) == (500, True, "620")
    assert std.iaqi("pm25_24h", 500).beyond_table is False


def test_missing_and_invalid_give_no_index() -> None:
    for c in (None, float("nan"), -3):
        r = std.iaqi("pm25_24h", c)
        assert r.value is None and r.concentration is None


def test_unknown_indicator_lists_known() -> None:
    with pytest.raises(ValueError, match="known: so2_24h"):
        std.iaqi("pm1_24h", 3)


def test_daily_example() -> None:
    # aqi.md §7 daily example
    r = std.daily_aqi(
        so2_24h=12, no2_24h=46, pm10_24h=138, pm25_24h=96, co_24h=1.4, o3_1h=120, o3_8h=98
    )
    assert {k: v.value for k, v in r.iaqis.items()} == {
        "so2_24h": 12,
        "no2_24h": 58,
        "co_24h": 35,
        "o3_1h": 38,
        "o3_8h": 49,
        "pm10_24h": 94,
        "pm25_24h": 127,
    }
    assert r.aqi == 127
    assert r.level is not None and (r.level.name_zh, r.category_zh) == ("三级", "轻度污染")
    assert r.colour is not None and r.colour.hex == "#FF7E00"
    assert r.primary == ("pm25_24h",) and r.primary_labels == ("细颗粒物(PM2.5)",)
    assert r.exceedance == ("pm25_24h",)
    assert r.standard == "HJ 633-2012" and r.missing == ()


def test_tie_example() -> None:
    # aqi.md §7: PM2.5 75 and PM10 150 → both 100: both primary, no exceedance pollutant
    r = std.daily_aqi(pm25_24h=75, pm10_24h=150, so2_24h=10)
    assert r.aqi == 100
    assert set(r.primary) == {"pm25_24h", "pm10_24h"}
    assert r.exceedance == ()
    assert set(r.missing) == {"no2_24h", "co_24h", "o3_1h", "o3_8h"}


def test_no_primary_at_or_below_50() -> None:
    r = std.daily_aqi(pm25_24h=35, pm10_24h=50)
    assert r.aqi == 50 and r.primary == () and r.level is not None and r.level.number == 1


def test_so2_1h_above_800_uses_24h() -> None:
    # 表1 note 2 / aqi.md §7: SO2 1h 900, SO2 24h 300 → 124
    r = std.hourly_aqi(so2_1h=900, so2_24h=300, profile="HJ633_2012")
    assert r.iaqis["so2_1h"].value == 124
    assert r.iaqis["so2_1h"].rule == "so2_1h>800→so2_24h"
    assert std.iaqi("so2_1h", 800).value == 200  # 800 is in the table
    assert std.iaqi("so2_1h", 801).value is None


def test_o3_8h_above_800_uses_1h() -> None:
    # 表1 note 3 / aqi.md §7: O3 8h 900 → O3 1h 1100 → 450
    r = std.daily_aqi(o3_8h=900, o3_1h=1100)
    assert r.iaqis["o3_8h"].value == 450 and r.aqi == 450
    assert std.iaqi("o3_8h", 800).value == 300
    assert std.iaqi("o3_8h", 801).value is None


def test_hourly_example_cnemc_published() -> None:
    # aqi.md §7 hourly example: station 1001A, 2022-01-04 16:00 → AQI 74, primary PM2.5
    r = std.hourly_aqi(pm25_1h=54, pm10_1h=79, no2_1h=61)
    assert r.profile == "CNEMC_PUBLISHED" and r.aqi == 74
    assert r.primary_labels == ("细颗粒物(PM2.5)",)


def test_profiles_differ_on_o3_8h() -> None:
    # aqi.md §5 evidence (b): 1029A 2022-06-20 16:00, O3 1h 253, O3 8h 246 → published 127
    kw = {"o3_1h": 253, "o3_8h": 246}
    published = std.hourly_aqi(**kw, profile="CNEMC_PUBLISHED")
    assert published.aqi == 127 and published.primary_labels == ("臭氧1小时",)
    assert std.hourly_aqi(**kw, profile="CNEMC_2014").aqi == 181
    assert std.hourly_aqi(**kw, profile="HJ633_2012").aqi == 181


def test_hj633_2012_profile_uses_24h_pm() -> None:
    r = std.hourly_aqi(pm25_1h=54, pm25_24h=80, profile="HJ633_2012")
    assert r.aqi == 107 and "pm25_1h" not in r.iaqis


def test_unknown_profile() -> None:
    with pytest.raises(ValueError, match="CNEMC_PUBLISHED"):
        std.hourly_aqi(pm25_1h=3, profile="CNEMC_2099")  # type: ignore[arg-type]


def test_levels_and_colours_table() -> None:
    # aqi.md §6
    assert [lv.name_zh for lv in std.LEVELS] == ["一级", "二级", "三级", "四级", "五级", "六级"]
    assert [lv.colour.rgb for lv in std.LEVELS] == [
        (0, 228, 0),
        (255, 255, 0),
        (255, 126, 0),
        (255, 0, 0),
        (153, 0, 76),
        (126, 0, 35),
    ]
    assert std.LEVELS[4].colour.cmyk == (10, 100, 40, 30)
    assert "心脏病" in std.LEVELS[2].advice_zh and "易感人群" in std.LEVELS[2].health_effect_zh
    for aqi, number in ((0, 1), (50, 1), (51, 2), (100, 2), (101, 3), (300, 5), (301, 6)):
        lv = level_of(aqi, std.LEVELS)
        assert lv is not None and lv.number == number


def test_segments_for_the_sql_engine() -> None:
    assert std.segments("pm25_1h")[1] == (35, 75, 50, 100)
    assert std.scaled_segments("co_24h")[1] == (20, 40, 50, 100)
    assert len(std.segments("so2_1h")) == 4 and len(std.segments("o3_8h")) == 5


def test_all_missing_gives_no_aqi() -> None:
    r = std.daily_aqi()
    assert r.aqi is None and r.level is None and len(r.missing) == 7


REPO = Path(__file__).resolve().parents[2]
CNEMC_2019 = (
    REPO.parent
    / "shared"
    / "data"
    / "cnemc_sites_2019"
    / "sites_2019_beijing_shijiazhuang_zhengzhou_hourly.csv.gz"
)


def _cnemc_rows(limit: int) -> list[dict[str, str]]:
    if not CNEMC_2019.exists():
        pytest.skip(f"real data not available: {CNEMC_2019} (../shared/data)")
    need = ("AQI", "PM2.5", "PM10", "SO2", "NO2", "CO", "O3")
    rows = []
    with gzip.open(CNEMC_2019, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if all(row[k] for k in need):
                rows.append(row)
            if len(rows) >= limit:
                break
    return rows


@pytest.mark.shared_data
def test_cnemc_2019_published_aqi_is_reproduced() -> None:
    # aqi.md §5: the national export's AQI fits CNEMC_PUBLISHED (1-h PM on the 24-h table, O3
    # 1 h only). First 20 000 complete station-hours of 北京/石家庄/郑州, January 2019.
    rows = _cnemc_rows(20_000)
    col = {
        "so2_1h": "SO2",
        "no2_1h": "NO2",
        "co_1h": "CO",
        "o3_1h": "O3",
        "pm10_1h": "PM10",
        "pm25_1h": "PM2.5",
        "o3_8h": "O3_8h",
    }
    cols = {k: np.array([float(r[v]) if r[v] else np.nan for r in rows]) for k, v in col.items()}
    published = np.array([int(float(r["AQI"])) for r in rows])
    ours = std.aqi_array(cols, report="hourly", profile="CNEMC_PUBLISHED").aqi
    assert (ours == published).mean() >= 0.995
    with_o3_8h = std.aqi_array(cols, report="hourly", profile="CNEMC_2014").aqi
    assert (with_o3_8h == published).mean() < 0.99  # the O3 8-h term does not fit the feed
