"""GB 3095-2012 and GB 3095-2026 limits: every row of standards_2026.md §1.2/§1.3 by class and
stage at the dates 2026-02-28 / 2026-03-01 / 2030-12-31 / 2031-01-01."""

from datetime import date
from decimal import Decimal

import pytest

from lantian.standards import gb3095_2012, gb3095_2026
from lantian.standards.versions import limits_standard

# standards_2026.md §1.2 表1: (pollutant, averaging, 2012 I, 2012 II, s1 I, s1 II, s2 I, s2 II)
TABLE_1 = [
    ("so2", "annual", 20, 60, 20, 60, 20, 20),
    ("so2", "24h", 50, 150, 50, 150, 50, 50),
    ("so2", "1h", 150, 500, 150, 500, 150, 150),
    ("no2", "annual", 40, 40, 40, 40, 30, 30),
    ("no2", "24h", 80, 80, 80, 80, 50, 50),
    ("no2", "1h", 200, 200, 200, 200, 200, 200),
    ("co", "24h", 4, 4, 4, 4, 4, 4),
    ("co", "1h", 10, 10, 10, 10, 10, 10),
    ("o3", "8h", 100, 160, 100, 160, 100, 160),
    ("o3", "1h", 160, 200, 160, 200, 160, 200),
    ("pm10", "annual", 40, 70, 40, 60, 20, 50),
    ("pm10", "24h", 50, 150, 50, 120, 50, 100),
    ("pm25", "annual", 15, 35, 15, 30, 10, 25),
    ("pm25", "24h", 35, 75, 35, 60, 25, 50),
]
# §1.3 表2 with the NOx transition footnotes; 2012 from evaluation.md §1
TABLE_2 = [
    ("tsp", "annual", 80, 200, 80, 200, 80, 200),
    ("tsp", "24h", 120, 300, 120, 300, 120, 300),
    ("nox", "annual", 50, 50, 50, 50, 40, 40),
    ("nox", "24h", 100, 100, 100, 100, 70, 70),
    ("nox", "1h", 250, 250, 250, 250, 250, 250),
    ("pb", "annual", "0.5", "0.5", "0.5", "0.5", "0.5", "0.5"),
    ("pb", "quarterly", 1, 1, 1, 1, 1, 1),
    ("bap", "annual", "0.001", "0.001", "0.001", "0.001", "0.001", "0.001"),
    ("bap", "24h", "0.0025", "0.0025", "0.0025", "0.0025", "0.0025", "0.0025"),
]

DATES = [  # (date, index of class I column in the row)
    (date(2026, 2, 28), 2),
    (date(2026, 3, 1), 4),
    (date(2030, 12, 31), 4),
    (date(2031, 1, 1), 6),
]


@pytest.mark.parametrize("row", TABLE_1 + TABLE_2, ids=lambda r: f"{r[0]}-{r[1]}")
@pytest.mark.parametrize(("on", "col"), DATES, ids=[str(d) for d, _ in DATES])
def test_limits_by_date_and_class(row: tuple, on: date, col: int) -> None:  # type: ignore[type-arg]
    pollutant, averaging = row[0], row[1]
    limits = limits_standard(on=on)
    for zone_class, offset in ((1, 0), (2, 1)):
        expected = Decimal(str(row[col + offset]))
        assert limits.limit(pollutant, averaging, zone_class=zone_class) == expected  # type: ignore[arg-type]


def test_stage_by_date() -> None:
    assert gb3095_2026.stage_on(date(2026, 3, 1)) == 1
    assert gb3095_2026.stage_on(date(2030, 12, 31)) == 1
    assert gb3095_2026.stage_on(date(2031, 1, 1)) == 2
    with pytest.raises(ValueError, match="not in force"):
        gb3095_2026.stage_on(date(2026, 2, 28))
    assert gb3095_2026.limit("pm25", "24h", on=date(2031, 1, 1)) == 50


def test_stage2_class_i_equals_class_ii_for_so2_and_no2() -> None:
    for p in ("so2", "no2"):
        for avg in ("annual", "24h", "1h"):
            s2 = gb3095_2026.LIMITS_STAGE2[(p, avg)]
            assert s2[0] == s2[1]


def test_limit_iaqi_100_points_equal_stage1_class_ii() -> None:
    # standards_2026.md §2.2 consequence, and aqi.md §1: IAQI-100 = class II daily limits
    from lantian.standards import hj633_2012, hj633_2026

    for ind, (p, avg) in {
        "pm25_24h": ("pm25", "24h"),
        "pm10_24h": ("pm10", "24h"),
        "so2_24h": ("so2", "24h"),
        "no2_24h": ("no2", "24h"),
        "co_24h": ("co", "24h"),
        "o3_8h": ("o3", "8h"),
    }.items():
        assert hj633_2026.BREAKPOINTS[ind][2][0] == gb3095_2026.limit(p, avg, stage=1)
        assert hj633_2012.BREAKPOINTS[ind][2][0] == gb3095_2012.limit(p, avg)


def test_unknown_limit_lists_known() -> None:
    with pytest.raises(ValueError, match="known: so2/annual"):
        gb3095_2012.limit("co", "annual")
    with pytest.raises(ValueError, match="zone_class"):
        gb3095_2012.limit("so2", "1h", zone_class=3)  # type: ignore[arg-type]


def test_concentration_state() -> None:
    assert gb3095_2012.concentration_state("so2", date(2018, 8, 31)) == "standard"
    assert gb3095_2012.concentration_state("pm25", date(2018, 8, 31)) == "standard"
    assert gb3095_2012.concentration_state("so2", date(2018, 9, 1)) == "reference"
    assert gb3095_2012.concentration_state("pm25", date(2018, 9, 1)) == "actual"
    assert gb3095_2026.concentration_state("o3", date(2026, 3, 1)) == "reference"
