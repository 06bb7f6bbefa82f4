"""Forecast verification by lead time (docs/emergency_verification.md): a hand-worked 10-day
example with every cell of the contingency tables, persistence on the same pairs, undefined
ratios with their reason, and properties that must always hold."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lantian.emergency.decision import decide
from lantian.emergency.forecast import (
    SHANGHAI,
    AQIValue,
    DailyForecast,
    Forecast,
    HourlyForecast,
    RangeReading,
    parse_aqi,
)
from lantian.emergency.levels import Level
from lantian.emergency.schemes import GradingOptions
from lantian.emergency.verification import (
    EXCLUDED_HOURLY_ONLY,
    EXCLUDED_NO_OBSERVATION,
    EXCLUDED_NO_PERSISTENCE,
    Contingency,
    Observation,
    Verification,
    category,
    contingency,
    exact_hit,
    forecast_levels,
    near_hit,
    observed_levels,
    primary_hit,
    range_hit,
    verify,
)

D0 = date(2019, 1, 10)
CITY = "示例市"


def d(i: int) -> date:
    return D0 + timedelta(days=i)


def obs(values: Sequence[tuple[int, str]], start: int = 0) -> dict[date, Observation]:
    return {
        d(start + i): Observation(d(start + i), aqi, (p,) if p else ())
        for i, (aqi, p) in enumerate(values)
    }


def forecast(issue: int, values: Sequence[tuple[int | str, str]], city: str = CITY) -> Forecast:
    """Issued on day ``issue`` at 16:00 for the next days."""
    days = tuple(
        DailyForecast(d(issue + 1 + k), parse_aqi(v), (p,) if p else ())
        for k, (v, p) in enumerate(values)
    )
    issued = datetime(d(issue).year, d(issue).month, d(issue).day, 16, tzinfo=SHANGHAI)
    return Forecast(city, issued, days)


# The 10-day example. Observed daily AQI and primary pollutant of days 0 … 10 (day 0 is only the
# issue day of the first forecast): the heavy run 3–5 (one day > 300) is an orange episode on the
# observed series; day 9 is a single heavy day (no level in the 2018 scheme).
OBSERVED = obs(
    [
        (100, "pm10"),  # 0  良 (2)
        (120, "pm25"),  # 1  轻度 (3)
        (180, "pm25"),  # 2  中度 (4)
        (230, "pm25"),  # 3  重度 (5)  ┐
        (260, "pm25"),  # 4  重度 (5)  ├ orange: 72 h > 200, 24 h > 300
        (320, "pm25"),  # 5  严重 (6)  ┘
        (190, "pm25"),  # 6  中度 (4)
        (90, "pm10"),  # 7  良 (2)
        (45, ""),  # 8  优 (1), no primary pollutant
        (210, "pm25"),  # 9  重度 (5), single day
        (150, "o3"),  # 10 轻度 (3)
    ]
)
# One forecast a day, issued on day i for days i+1 (lead 1) and i+2 (lead 2).
FORECASTS = [
    forecast(0, [(130, "pm25"), (150, "pm25")]),  # no level
    forecast(1, [(210, "pm25"), (250, "pm25")]),  # yellow on 2, 3
    forecast(2, [("190-240", "pm25"), (300, "pm25")]),  # yellow on 3, 4 (range read at 240)
    forecast(3, [(280, "pm25"), (350, "pm25")]),  # yellow on 4, 5 (48 h < orange's 72 h)
    forecast(4, [(280, "pm25"), (230, "pm25")]),  # yellow on 5, 6
    forecast(5, [(170, "pm25"), (100, "pm25")]),
    forecast(6, [(120, "pm25"), (80, "pm25")]),
    forecast(7, [(60, "pm10"), (500, "pm25")]),  # red on 9 (AQI ≥ 500)
    forecast(8, [(140, "pm25"), (120, "pm25")]),
    forecast(9, [(140, "o3"), (130, "o3")]),  # day 11 has no observation
]


def cells(c: Contingency) -> tuple[int, int, int, int]:
    return c.hits, c.misses, c.false_alarms, c.correct_negatives


@pytest.fixture(scope="module")
def example() -> Verification:
    return verify(FORECASTS, OBSERVED)


def test_the_observed_series_is_graded_like_a_forecast() -> None:
    levels = observed_levels(OBSERVED)
    assert levels == {d(3): Level.ORANGE, d(4): Level.ORANGE, d(5): Level.ORANGE}


def test_each_forecast_day_takes_the_level_of_its_episode() -> None:
    """Spec example F, daily (230, 240, 150, 250, 260): one merged episode, D200 96 h, no day
    above 300 → yellow on all five days, the clean day included; without orange's AQI>300 clause
    96 h ≥ 72 h → orange. The levels are those of ``decide``'s graded episodes."""
    f = forecast(0, [(230, "pm25"), (240, "pm25"), (150, "pm25"), (250, "pm25"), (260, "pm25")])
    five = [d(i) for i in range(1, 6)]
    assert forecast_levels(f) == dict.fromkeys(five, Level.YELLOW)
    off = GradingOptions(orange_needs_300=False)
    assert forecast_levels(f, "2018", off) == dict.fromkeys(five, Level.ORANGE)
    assert decide(f, "2018", off).level is Level.ORANGE
    # a range is read as the grading reads it: upper 220 → 48 h > 200, yellow; lower 180 → 24 h
    r = forecast(0, [(150, ""), ("180-220", "pm25"), (230, "pm25"), (150, "")])
    assert forecast_levels(r) == {d(2): Level.YELLOW, d(3): Level.YELLOW}
    assert forecast_levels(r, "2018", GradingOptions(range_reading=RangeReading.LOWER)) == {}


def test_lead_1_levels_and_primary_pollutant(example: Verification) -> None:
    r = example.lead(1)
    assert r.n == 10
    # exact: days 1 (130/120), 4 (280/260), 6 (170/190), 10 (140/150) — the range 190-240 spans
    # 中度–重度 and names no single level
    assert (r.exact.hits, r.exact.n) == (4, 10)
    assert r.exact.ratio.value == pytest.approx(0.4)
    # within range: + day 3 (230 is 重度, inside 中度–重度)
    assert (r.within_range.hits, r.within_range.n) == (5, 10)
    # within one level: all but day 9 (140 轻度 against 210 重度: two levels apart)
    assert (r.within_one.hits, r.within_one.n) == (9, 10)
    # primary: day 8 not scored (observed AQI 45, no primary); day 7 PM2.5 against PM10 missed
    assert (r.primary.hits, r.primary.n) == (8, 9)


def test_lead_1_heavy_pollution_contingency_table(example: Verification) -> None:
    c = example.lead(1).event("aqi>200")
    # hits 3, 4, 5 (day 3 by the upper end 240); miss 9 (140 vs 210); false alarm 2 (210 vs
    # 180); correct negatives 1, 6, 7, 8, 10
    assert cells(c) == (3, 1, 1, 5)
    assert c.n == 10
    assert c.pod.value == pytest.approx(3 / 4)
    assert c.far.value == pytest.approx(1 / 4)
    assert c.ts.value == pytest.approx(3 / 5)


def test_lead_1_warning_colours(example: Verification) -> None:
    r = example.lead(1)
    # forecast yellow on 2, 3, 4, 5 (forecasts of days 1–4); observed orange on 3, 4, 5
    yellow = r.event("yellow")
    assert cells(yellow) == (3, 0, 1, 6)
    assert (yellow.pod.value, yellow.far.value, yellow.ts.value) == (1.0, 0.25, 0.75)
    orange = r.event("orange")
    assert cells(orange) == (0, 3, 0, 7)
    assert orange.pod.value == 0.0 and orange.ts.value == 0.0
    assert orange.far.value is None and orange.far.reason is not None
    assert orange.far.reason.en == "no forecast event: FAR undefined"
    red = r.event("red")
    assert cells(red) == (0, 0, 0, 10)
    assert red.pod.value is None and red.far.value is None and red.ts.value is None
    assert red.pod.reason is not None and red.pod.reason.en == "no observed event: POD undefined"
    assert red.ts.reason is not None and red.ts.reason.zh == "预报与观测均无事件：TS 无定义"
    assert [c.event for c in r.events] == ["aqi>200", "yellow", "orange", "red"]


def test_lead_2(example: Verification) -> None:
    r = example.lead(2)
    assert r.n == 9  # day 11 has no observation
    # exact: 3 (250/230), 4 (300/260), 5 (350/320), 7 (100/90), 10 (120/150)
    assert (r.exact.hits, r.exact.n) == (5, 9)
    # hits 3, 4, 5, 9 (500 vs 210); false alarm 6 (230 vs 190); negatives 2, 7, 8, 10
    assert cells(r.event("aqi>200")) == (4, 0, 1, 4)
    # forecast yellow on 3–6, red on 9 (the 500)
    assert cells(r.event("yellow")) == (3, 0, 2, 4)
    assert cells(r.event("orange")) == (0, 3, 1, 5)
    red = r.event("red")
    assert cells(red) == (0, 0, 1, 8)
    assert red.pod.value is None and red.far.value == 1.0 and red.ts.value == 0.0


def test_all_leads_together(example: Verification) -> None:
    r = example.lead(None)
    assert r.n == 19
    assert cells(r.event("aqi>200")) == (7, 1, 2, 9)
    assert (r.exact.hits, r.exact.n) == (9, 19)
    assert [row.lead for row in example.forecast] == [1, 2, None]
    assert example.excluded == ((EXCLUDED_NO_OBSERVATION, 1),)


def test_persistence_is_scored_on_the_same_pairs(example: Verification) -> None:
    """Persistence issued on day i repeats day i's observation: 100, 120, 180, 230 …"""
    p = example.lead(1, baseline=True)
    assert p.n == 10
    # exact and within range: only day 4 (230 → 260, both 重度)
    assert (p.exact.hits, p.within_range.hits) == (1, 1)
    # within one level: days 1, 2, 3, 4, 5, 8
    assert p.within_one.hits == 6
    # primary: day 8 (observed 45) and day 9 (persistence of 45, none) not scored; hits 2–6
    assert (p.primary.hits, p.primary.n) == (5, 8)
    # AQI>200: hits 4, 5; misses 3, 9; false alarms 6 (320 → 190), 10 (210 → 150)
    assert cells(p.event("aqi>200")) == (2, 2, 2, 4)
    assert p.event("aqi>200").ts.value == pytest.approx(2 / 6)
    # persistence of 230, 260, 320 and 210 over two days is yellow (48 h) on 4, 5, 6 and 10
    assert cells(p.event("yellow")) == (2, 1, 2, 5)
    assert cells(p.event("orange")) == (0, 3, 0, 7)
    assert cells(p.event("red")) == (0, 0, 0, 10)


def test_pairs_without_an_observation_or_persistence_are_counted() -> None:
    observed = {k: v for k, v in OBSERVED.items() if k != d(2)}
    hourly = Forecast(
        CITY,
        datetime(2019, 1, 10, 16, tzinfo=SHANGHAI),
        hours=(HourlyForecast(datetime(2019, 1, 11, 1, tzinfo=SHANGHAI), AQIValue.exact(150)),),
    )
    v = verify([*FORECASTS, hourly], observed)
    # day 2 unobserved: the forecasts of days 0 (lead 2) and 1 (lead 1) lose it; the forecast
    # issued on day 2 has no persistence (2 days); day 11 as before
    assert dict(v.excluded) == {
        EXCLUDED_NO_OBSERVATION: 3,
        EXCLUDED_NO_PERSISTENCE: 2,
        EXCLUDED_HOURLY_ONLY: 1,
    }
    assert v.lead(1).n == 8 and v.lead(2).n == 7
    assert v.forecasts == 11


def test_one_city_at_a_time() -> None:
    with pytest.raises(ValueError, match="verify one city at a time"):
        verify([FORECASTS[0], forecast(1, [(100, "pm25")], city="另一市")], OBSERVED)


def test_the_2017_scheme_scores_blue_too() -> None:
    v = verify(FORECASTS, OBSERVED, scheme="2017")
    r = v.lead(1)
    assert [c.event for c in r.events] == ["aqi>200", "blue", "yellow", "orange", "red"]
    # blue: forecast levels ≥ blue on days 2–5 (yellow); observed: 3–5 orange and 9 blue
    assert cells(r.event("blue")) == (3, 1, 1, 5)


def test_to_dict_keeps_counts_and_reasons(example: Verification) -> None:
    doc = example.to_dict()
    lead1 = doc["forecast"][0]
    red = next(e for e in lead1["events"] if e["event"] == "red")
    assert red["correct_negatives"] == 10
    assert red["pod"] == {
        "value": None,
        "undefined_zh": "无观测事件：POD 无定义",
        "undefined_en": "no observed event: POD undefined",
    }
    assert lead1["exact_level"] == {"hits": 4, "n": 10, "rate": {"value": 0.4} | _defined()}


def _defined() -> dict[str, None]:
    return {"undefined_zh": None, "undefined_en": None}


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("aqi", "number"),
    [
        (0, 1),
        (50, 1),
        (51, 2),
        (100, 2),
        (101, 3),
        (150, 3),
        (151, 4),
        (200, 4),
        (201, 5),
        (300, 5),
        (301, 6),
        (500, 6),
    ],
)
def test_hj633_categories(aqi: int, number: int) -> None:
    assert category(aqi) == number


def test_level_hits_of_a_range() -> None:
    r = AQIValue(180, 220)  # 中度–重度
    assert not exact_hit(r, 190) and range_hit(r, 190) and range_hit(r, 290)
    assert not range_hit(r, 120) and near_hit(r, 120) and near_hit(r, 320)
    assert not near_hit(r, 100)
    inside = AQIValue(160, 190)  # both ends 中度
    assert exact_hit(inside, 170)


def test_primary_pollutant_hits() -> None:
    assert primary_hit(("pm25",), ("pm10", "pm25")) is True
    assert primary_hit(("pm25", "o3"), ("o3",)) is True
    assert primary_hit(("pm10",), ("pm25",)) is False
    assert primary_hit((), ("pm25",)) is None
    assert primary_hit(("pm25",), ()) is None


def test_undefined_ratios_name_their_reason() -> None:
    c = contingency("aqi>200", [(False, False)] * 3)
    assert cells(c) == (0, 0, 0, 3)
    assert c.pod.text() == "—" and c.far.text() == "—" and c.ts.text() == "—"
    assert c.far.reason is not None and c.far.reason.zh == "无预报事件：FAR 无定义"


# --------------------------------------------------------------------------- properties

aqi = st.integers(min_value=0, max_value=500)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(aqi, min_size=4, max_size=12),
    st.lists(st.lists(aqi, min_size=1, max_size=3), min_size=1, max_size=10),
)
def test_scores_stay_consistent(observed_values: list[int], values: list[list[int]]) -> None:
    """Counts add up; POD, FAR, TS lie in [0, 1]; TS ≤ POD and TS ≤ 1 − FAR; exact ≤ within
    range ≤ within one level."""
    observed = obs([(v, "pm25") for v in observed_values])
    n = len(observed_values)
    fs = [forecast(i % n, [(v, "pm25") for v in vs]) for i, vs in enumerate(values)]
    fs = list({f.issued: f for f in fs}.values())
    v = verify(fs, observed)
    for rows in (v.forecast, v.persistence):
        for r in rows:
            assert r.exact.hits <= r.within_range.hits <= r.within_one.hits <= r.n
            for c in r.events:
                assert c.n == r.n
                for x in (c.pod, c.far, c.ts):
                    assert x.value is None or 0 <= x.value <= 1
                if c.ts.value is not None and c.pod.value is not None:
                    assert c.ts.value <= c.pod.value
                if c.ts.value is not None and c.far.value is not None:
                    assert c.ts.value <= 1 - c.far.value + 1e-12


@settings(max_examples=40, deadline=None)
@given(st.lists(aqi, min_size=3, max_size=10))
def test_a_forecast_equal_to_the_observation_is_never_wrong(values: list[int]) -> None:
    observed = obs([(v, "pm25") for v in values])
    fs = [forecast(i, [(values[i + 1], "pm25")]) for i in range(len(values) - 1)]
    r = verify(fs, observed).lead(1)
    assert r.exact.hits == r.n == len(values) - 1
    heavy = r.event("aqi>200")
    assert heavy.misses == heavy.false_alarms == 0
