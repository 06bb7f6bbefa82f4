"""HJ 663-2013 / HJ 663-2026 statistics: evaluation.md §11 examples E1–E5, validity, MDA8,
attainment, composite index, three-year sliding mean, event basis."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from lantian.standards import hj663_2013 as e13
from lantian.standards import hj663_2026 as e26
from lantian.standards.exceptional_events import kept
from lantian.standards.rounding import round_half_even, round_half_up


def test_e1_percentile() -> None:
    # E1: ten MDA8 values, P90 → k = 9.1 → 172 + 16×0.1 = 173.6 → 174
    values = [120, 135, 98, 160, 172, 110, 145, 188, 150, 130]
    p90 = e13.percentile(values, 0.90)
    assert p90 == Fraction("173.6")
    assert round_half_even(p90) == 174
    assert p90 == Fraction(str(np.percentile(values, 90, method="linear")))
    assert e13.period_statistic("o3", values) == p90


def test_e2_co_p95_half() -> None:
    # E2: 31 daily means, 29th and 30th sorted values 2.0 and 2.1 → k = 29.5 → 2.05
    values = [1.0] * 28 + [2.0, 2.1, 3.0]
    p95 = e13.percentile(values, 0.95)
    assert p95 == Fraction("2.05")
    assert round_half_even(p95, 1) == Decimal("2.0")
    assert round_half_up(p95, 1) == Decimal("2.1")
    assert e13.period_statistic("co", values) == p95


def test_percentile_edges() -> None:
    assert e13.percentile([5], 0.9) == 5
    assert e13.percentile([1, 2, 3], 1) == 3
    assert e13.percentile([1, 2, 3], 0) == 1
    with pytest.raises(ValueError):
        e13.percentile([], 0.5)
    with pytest.raises(ValueError, match="fraction"):
        e13.percentile([1, 2], 95)


def test_e3_composite_index_and_change() -> None:
    # E3: PM2.5 48, PM10 85, SO2 12, NO2 38, CO-P95 1.6, O3-P90 150 → 5.0732 → 5.07
    c = {"pm25": 48, "pm10": 85, "so2": 12, "no2": 38, "co": 1.6, "o3": 150}
    idx = e13.composite_index(c)
    assert round_half_even(idx.total, 4) == Decimal("5.0732")
    assert idx.rounded == Decimal("5.07")
    assert round_half_even(idx.indices["pm25"], 4) == Decimal("1.3714")
    assert idx.indices["o3"] == Fraction("0.9375")
    assert idx.main == ("pm25",)
    # same month last year 5.50 → −7.8 %
    assert round_half_even(e13.change_rate(idx.rounded, "5.50"), 1) == Decimal("-7.8")


def test_e4_heyuan_from_rounded_values() -> None:
    # E4: Heyuan Feb 2022 published 1.73; from the rounded inputs 1.74 (tolerance ±0.02)
    c = {"so2": 3, "no2": 13, "pm10": 16, "pm25": 13, "co": 0.9, "o3": 87}
    idx = e13.composite_index(c)
    assert idx.rounded == Decimal("1.74")
    assert abs(idx.rounded - Decimal("1.73")) <= Decimal("0.02")


def test_e5_good_day_ratio_and_yoy() -> None:
    # E5: 31-day month, 1 day without AQI, 21 days ≤ 100 → 21/30 = 70.0 %
    aqis: list[int | None] = [80] * 21 + [120] * 8 + [220] + [None]
    counts = e13.day_counts(aqis)
    assert (counts.valid, counts.good, counts.exceedance) == (30, 21, 9)
    assert counts.good_ratio == Fraction(21, 30)
    assert e13.percent(counts.good_ratio) == Decimal("70.0")
    assert e13.percent(counts.good_ratio) - Decimal("65.5") == Decimal("4.5")  # 百分点
    assert counts.heavy_or_worse == 1
    assert round_half_even(e13.change_rate(48, 52), 1) == Decimal("-7.7")
    # Naiman first quarter: 86 of 91 → 94.5 %
    assert e13.percent(Fraction(86, 91)) == Decimal("94.5")


def test_day_categories() -> None:
    assert [e13.day_category(a) for a in (50, 51, 100, 101, 150, 151, 200, 201, 300, 301)] == [
        "excellent",
        "good",
        "good",
        "light",
        "light",
        "moderate",
        "moderate",
        "heavy",
        "heavy",
        "severe",
    ]


def test_validity_constants() -> None:
    assert (e13.MIN_HOURS_DAILY, e13.MIN_HOURS_8H, e13.MIN_WINDOWS_MDA8) == (20, 6, 14)
    assert (e13.MIN_DAYS_ANNUAL, e13.MIN_DAYS_MONTH, e13.MIN_DAYS_FEBRUARY) == (324, 27, 25)
    assert e13.daily_mean([10] * 19 + [None] * 5) is None
    assert e13.daily_mean([10] * 20 + [None] * 4) == 10
    assert e13.eight_hour_mean([1, 2, 3, 4, 5, 6, None, None]) == Fraction(21, 6)
    assert e13.eight_hour_mean([1, 2, 3, 4, 5, None, None, None]) is None


def test_annual_and_monthly_validity() -> None:
    full = {m: 27 for m in range(1, 13)}
    full[2] = 25
    assert sum(full.values()) == 322 and not e13.annual_valid(full)  # < 324 days
    full[1] = 29
    assert e13.annual_valid(full)
    full[3] = 26
    full[1] = 30
    assert not e13.annual_valid(full)  # March below 27
    assert e13.monthly_valid(25, 2) and not e13.monthly_valid(26, 3)
    assert e13.monthly_valid(3, 3, rule="none")


def test_mda8_windows_inside_the_day() -> None:
    hours: list[float | None] = [float(h) for h in range(1, 25)]  # value = hour label
    r = e13.mda8(hours)
    assert r.value == Fraction(sum(range(17, 25)), 8) and r.valid_windows == 17 and r.valid
    # 7 hours of the previous day are accepted and ignored
    assert e13.mda8([999.0] * 7 + hours).value == r.value


def test_mda8_validity_rule() -> None:
    # 6 missing morning hours: windows ending 12:00 … 24:00 valid (13 < 14) → invalid unless > limit
    hours: list[float | None] = [None] * 6 + [100.0] * 18
    r = e13.mda8(hours)
    assert r.valid_windows == 13 and not r.valid
    high: list[float | None] = [None] * 6 + [200.0] * 18
    assert e13.mda8(high).valid  # 200 > 160
    assert e26.mda8(high).valid  # §6.1.2 of HJ 663-2026: same rule


def test_annual_attainment_2013_and_2026() -> None:
    days = [30] * 300 + [70] * 65  # PM2.5: P95 70 ≤ 75 but mean 37.1 > 35 → both must hold
    a13 = e13.annual_attainment("pm25", days)
    assert a13.items[0] == ("mean", Fraction(30 * 300 + 70 * 65, 365), Decimal(35))
    assert a13.items[1] == ("P95", Fraction(70), Decimal(75))
    assert a13.attains is False
    assert e13.annual_attainment("pm25", [None, None]).attains is None
    ok = [20] * 350 + [70] * 15
    assert e13.annual_attainment("pm25", ok).attains is True
    # 2026 stage 1: mean ≤ 30 and P95 ≤ 60; 15 of 365 days at 70 leave P95 at 20; mean 22.1
    assert e26.annual_attainment("pm25", ok, year=2026).attains is True
    bad = [20] * 340 + [70] * 25  # P95 between 20 and 70
    p95 = e13.percentile(bad, 0.95)
    assert p95 > 60
    assert e26.annual_attainment("pm25", bad, year=2026).attains is False
    assert e26.annual_attainment("pm25", [26] * 365, year=2030).attains is True
    assert e26.annual_attainment("pm25", [26] * 365, year=2031).attains is False  # stage 2: 25


def test_composite_s_i_2026_and_weights() -> None:
    s = e26.composite_s_i(date(2026, 3, 1))
    assert (s["pm25"], s["pm10"], s["so2"], s["no2"], s["co"], s["o3"]) == (30, 60, 60, 40, 4, 160)
    s2 = e26.composite_s_i(date(2031, 1, 1))
    assert (s2["pm25"], s2["pm10"], s2["so2"], s2["no2"]) == (25, 50, 20, 30)
    c = {"pm25": 48, "pm10": 85, "so2": 12, "no2": 38, "co": 1.6, "o3": 150}
    fixed = e26.composite_index(c, on=date(2026, 5, 1), s_i_rule="2018-fixed")
    assert fixed.rounded == Decimal("5.07")
    by_date = e26.composite_index(c, on=date(2026, 5, 1))
    assert by_date.indices["pm25"] == Fraction(48, 30)
    weighted = e26.composite_index(
        c, on=date(2026, 5, 1), s_i_rule="2018-fixed", weights="weighted-3-2-2"
    )
    assert (
        weighted.total
        == fixed.total + 2 * fixed.indices["pm25"] + fixed.indices["no2"] + (fixed.indices["o3"])
    )
    with pytest.raises(ValueError, match="weighted-3-2-2"):
        e13.composite_index(c, weights="equal")


def test_sliding_3yr_mean() -> None:
    annual = {2024: 33, 2025: 30, 2026: 27}
    assert e26.sliding_3yr_mean(annual, 2026) == 30
    assert e26.sliding_3yr_mean({2025: 30, 2026: 27}, 2026) is None
    assert e26.sliding_3yr_mean({2025: 30, 2026: 27}, 2026, require_all_years=False) == Fraction(
        57, 2
    )


def test_event_basis() -> None:
    flags = [None, "dust", "fireworks", None]
    exceed = [False, True, True, True]
    assert kept(flags, basis="none") == [True] * 4
    assert kept(flags, basis="dust-2016") == [True, False, True, True]
    assert kept(flags, basis="dust-2016", use="ratio") == [True] * 4
    assert kept(flags, basis="dust-2016-headline", use="ratio", exceedance=exceed) == [
        True,
        False,
        True,
        True,
    ]
    assert kept(flags, basis="HJ663-2026") == [True, False, False, True]
    with pytest.raises(ValueError, match="dust-2016"):
        kept(flags, basis="US-EPA")  # type: ignore[arg-type]
