"""Deciding the warning level from a forecast (warnings.md §3): every worked example of §7, the
span and lifting rules, local rules, regional directives, and properties that must always hold."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lantian.emergency.decision import Basis, Decision, Directive, decide
from lantian.emergency.episodes import episodes, windows
from lantian.emergency.forecast import (
    SHANGHAI,
    AQIValue,
    DailyForecast,
    Forecast,
    HourlyForecast,
    RangeReading,
)
from lantian.emergency.levels import Level
from lantian.emergency.schemes import GradingOptions, LocalRuleError, read_local_rule

REPO = Path(__file__).resolve().parents[2]
SAMPLE_RULE = REPO / "data" / "sample" / "emergency" / "forecasts" / "local_rule_synthetic.toml"
ISSUED = datetime(2019, 1, 10, 16, tzinfo=SHANGHAI)
FIRST = date(2019, 1, 11)
ON = GradingOptions()
OFF = GradingOptions(orange_needs_300=False)


def daily(values: Sequence[int | str], city: str = "示例市", primary: str = "pm25") -> Forecast:
    """One value per calendar day from 2019-01-11 (a text ``"180-220"`` is a range)."""

    def value(v: int | str) -> AQIValue:
        if isinstance(v, str):
            lo, hi = v.split("-")
            return AQIValue(int(lo), int(hi))
        return AQIValue.exact(v)

    days = tuple(
        DailyForecast(FIRST + timedelta(days=i), value(v), (primary,)) for i, v in enumerate(values)
    )
    return Forecast(city, ISSUED, days)


def hourly(values: Sequence[int], city: str = "示例市") -> Forecast:
    """Running 24-h AQI, one value per hour; the first window ends 2019-01-11 01:00."""
    first = datetime(2019, 1, 11, 1, tzinfo=SHANGHAI)
    hours = tuple(
        HourlyForecast(first + timedelta(hours=i), AQIValue.exact(v)) for i, v in enumerate(values)
    )
    return Forecast(city, ISSUED, hours=hours)


def rank(d: Decision) -> int:
    return 0 if d.level is None else d.level.rank


# --------------------------------------------------------------------------- spec §7


@pytest.mark.parametrize(
    ("case", "values", "on", "off", "d200", "trigger_on"),
    [
        # §7 A: 2 days > 200 → yellow
        ("A", [180, 215, 230, 160], Level.YELLOW, Level.YELLOW, 48, [12, 13]),
        # §7 B: 3 days > 200, none > 300 → yellow with the switch on, orange off (Xinzhou)
        ("B", [210, 260, 240, 150], Level.YELLOW, Level.ORANGE, 72, [11, 12, 13]),
        # §7 C: 3 days > 200, one > 300 → orange
        ("C", [220, 310, 280, 190], Level.ORANGE, Level.ORANGE, 72, [11, 12, 13]),
        # §7 D: 5 days > 200, 2 days > 300 → red
        ("D", [230, 320, 350, 260, 210], Level.RED, Level.RED, 120, [11, 12, 13, 14, 15]),
        # §7 E: 500 on one day → red (the ≥ 500 alternative, on that day alone)
        ("E", [150, 500, 150], Level.RED, Level.RED, 24, [12]),
    ],
)
def test_spec_examples_a_to_e(
    case: str,
    values: list[int],
    on: Level,
    off: Level,
    d200: int,
    trigger_on: list[int],
) -> None:
    d_on = decide(daily(values), "2018", ON)
    d_off = decide(daily(values), "2018", OFF)
    assert (d_on.level, d_off.level) == (on, off), case
    assert d_on.grade is not None and d_on.grade.episode.d200 == d200
    assert d_on.trigger == tuple(f"2019-01-{d}" for d in trigger_on)
    assert d_on.basis is Basis.NATIONAL


def test_spec_example_c_says_which_rule_fired() -> None:
    d = decide(daily([220, 310, 280, 190]))
    assert d.rule.zh == "AQI>200 持续72小时且AQI>300 达24小时 → 橙色"
    assert d.rule.en == "AQI>200 for 72 h and AQI>300 for 24 h → orange"
    assert d.observed is not None
    assert d.observed.zh == "预报：AQI>200 共72小时，AQI>300 最长24小时"
    assert (d.start, d.end) == (
        datetime(2019, 1, 11, tzinfo=SHANGHAI),
        datetime(2019, 1, 14, tzinfo=SHANGHAI),
    )


def test_spec_example_d_needs_two_days_above_300() -> None:
    d = decide(daily([230, 320, 350, 260, 210]))
    assert d.rule.zh == "AQI>200 持续96小时且AQI>300 达48小时 → 红色"
    # the same episode with only one day > 300 is orange, not red
    assert decide(daily([230, 320, 250, 260, 210])).level is Level.ORANGE


def test_spec_example_e_fires_the_500_rule() -> None:
    d = decide(daily([150, 500, 150]))
    assert d.rule.zh == "AQI≥500 持续24小时 → 红色"
    assert decide(daily([150, 499, 150])).level is None  # 24 h > 200 alone: below yellow


# §7 F on running 24-h windows: 230, 240 (48 h > 200: 25 window ends), then 12 h with the running
# AQI below 200, then 250, 260 (48 h). The gap is shorter than the 36-h lifting condition: one
# merged episode. Its D200 is the union of the two spans: windows ending at hours 1–25 cover
# (−23, 25], those ending at 38–62 cover (14, 62]; union (−23, 62] = 85 h ≥ 72.
F_HOURLY = [230] * 13 + [240] * 12 + [180] * 12 + [250] * 13 + [260] * 12 + [150] * 40


@pytest.mark.parametrize(("options", "level"), [(ON, Level.YELLOW), (OFF, Level.ORANGE)])
def test_spec_example_f_one_merged_episode(options: GradingOptions, level: Level) -> None:
    d = decide(hourly(F_HOURLY), "2018", options)
    assert d.level is level
    assert len(d.grades) == 1  # never two separate yellow warnings
    ep = d.grades[0].episode
    assert len(ep.runs) == 2 and ep.d200 == 85
    assert ep.start == datetime(2019, 1, 10, 1, tzinfo=SHANGHAI)
    assert ep.end == datetime(2019, 1, 13, 14, tzinfo=SHANGHAI)
    assert any("合并为一个过程" in n.zh for n in d.notes)


@pytest.mark.parametrize(("options", "level"), [(ON, Level.YELLOW), (OFF, Level.ORANGE)])
def test_spec_example_f_with_daily_values(options: GradingOptions, level: Level) -> None:
    # one day (24 h) at 150 between 230, 240 and 250, 260: shorter than 36 h → merged,
    # D200 = 48 + 48 = 96 h ("4 days > 200")
    d = decide(daily([230, 240, 150, 250, 260]), "2018", options)
    assert d.level is level and len(d.grades) == 1
    assert d.grades[0].episode.d200 == 96
    assert d.trigger == ("2019-01-11", "2019-01-12", "2019-01-14", "2019-01-15")


def test_two_days_below_200_lift_and_make_two_episodes() -> None:
    d = decide(daily([230, 240, 150, 150, 250, 260]), "2018", OFF)
    assert [g.level for g in d.grades] == [Level.YELLOW, Level.YELLOW]
    assert d.level is Level.YELLOW and d.trigger == ("2019-01-11", "2019-01-12")


# --------------------------------------------------------------------------- spans and lifting


def test_a_span_of_47_hours_is_not_two_days() -> None:
    # §3 step 3: 24 window ends > 200 span 24 + 23 = 47 h; 25 span 48 h
    assert decide(hourly([230] * 24 + [150] * 40)).level is None
    d = decide(hourly([230] * 25 + [150] * 40))
    assert d.level is Level.YELLOW and d.grades[0].episode.d200 == 48
    assert d.trigger[0] == "2019-01-11T01:00" and d.trigger[-1] == "2019-01-12T01:00"


def test_exactly_36_hours_below_lifts_unless_exclusive() -> None:
    # runs of 25 window ends (48 h each) with exactly 36 h between them; without the >300
    # clause the merged episode (96 h) would be orange
    values = [230] * 25 + [150] * 36 + [230] * 25 + [150] * 40
    inclusive = decide(hourly(values), "2018", OFF)
    exclusive = decide(hourly(values), "2018", GradingOptions(False, lift_inclusive=False))
    assert (len(inclusive.grades), inclusive.level) == (2, Level.YELLOW)
    assert (len(exclusive.grades), exclusive.level) == (1, Level.ORANGE)
    assert exclusive.grades[0].episode.d200 == 96
    # 35 h below: merged under both readings
    short = [230] * 25 + [150] * 35 + [230] * 25 + [150] * 40
    assert decide(hourly(short), "2018", OFF).level is Level.ORANGE


def test_episode_lifting_is_reported() -> None:
    eps = episodes(windows(daily([230, 240, 150])))
    assert eps[0].clear_after == 24 and not eps[0].lifted(36)
    assert episodes(windows(daily([230, 240, 150, 150])))[0].lifted(36)
    assert episodes(windows(daily([150, 230, 240])))[0].open_end


def test_hourly_and_daily_values_combine() -> None:
    # 72 hourly values to 2019-01-14 00:00, then two days: the first day starts where the
    # hourly values end
    hours = tuple(
        HourlyForecast(datetime(2019, 1, 11, 1, tzinfo=SHANGHAI) + timedelta(hours=i), v)
        for i, v in enumerate([AQIValue.exact(150)] * 72)
    )
    days = tuple(
        DailyForecast(date(2019, 1, 14) + timedelta(days=i), AQIValue.exact(v))
        for i, v in enumerate([230, 240])
    )
    fc = Forecast("示例市", ISSUED, days, hours)
    ws = windows(fc)
    assert len(ws) == 74 and ws[-2].label == "2019-01-14" and ws[-3].hourly
    assert decide(fc).level is Level.YELLOW


# --------------------------------------------------------------------------- schemes and options


def test_the_2017_scheme_warns_blue_for_one_day() -> None:
    assert decide(daily([150, 210, 150]), "2017").level is Level.BLUE
    d = decide(daily([150, 210, 150]), "2018")
    assert d.level is None
    assert d.rule.zh == "未达黄色条件（AQI>200 持续48小时）→ 无预警"
    assert decide(daily([150, 210, 150]), "2018", GradingOptions(blue=True)).level is Level.BLUE


def test_no_window_above_200_means_no_warning() -> None:
    d = decide(daily([150, 180, 120]))
    assert d.level is None and d.grade is None and d.trigger == ()
    assert d.rule.en == "no forecast window with AQI > 200 → no warning"


@pytest.mark.parametrize(
    ("reading", "level"),
    [(RangeReading.UPPER, Level.YELLOW), (RangeReading.MID, None), (RangeReading.LOWER, None)],
)
def test_ranges_are_graded_on_the_upper_end_by_default(
    reading: RangeReading, level: Level | None
) -> None:
    # 180-220 and 190-230: upper 220, 230 (48 h > 200); mid 200, 210 (24 h); lower 180, 190
    d = decide(
        daily([150, "180-220", "190-230", 150]), "2018", GradingOptions(range_reading=reading)
    )
    assert d.level is level
    if level is not None:
        assert any(n.en == "forecast ranges graded on their upper end" for n in d.notes)


def test_2024_advises_temporary_control_below_yellow() -> None:
    d = decide(daily([120, 160, 140]), "2024")
    assert d.level is None
    assert any("临时管控" in n.en for n in d.notes)
    # > 100 for 48 h
    assert any("临时管控" in n.en for n in decide(daily([120, 130, 90]), "2024").notes)
    assert not any("临时管控" in n.en for n in decide(daily([120, 90, 130]), "2024").notes)
    assert not any("临时管控" in n.en for n in decide(daily([120, 160, 140]), "2018").notes)


def test_2024_o3_episodes_get_health_advice() -> None:
    d = decide(daily([230, 240, 150], primary="o3"), "2024")
    assert d.level is Level.YELLOW
    assert any("O3-driven" in n.en for n in d.notes)


def test_the_switch_note_tells_what_the_other_reading_gives() -> None:
    d = decide(daily([210, 260, 240, 150]))
    assert any(n.zh == "若橙色不要求 AQI>300（忻州口径，UNCONFIRMED），则为橙色" for n in d.notes)


# --------------------------------------------------------------------------- local rules


def test_a_local_rule_raises_the_level_and_says_so() -> None:
    rule = read_local_rule(SAMPLE_RULE)
    d = decide(daily([150, 210, 150]), local=rule)
    assert (d.level, d.national_level, d.basis) == (Level.YELLOW, None, Basis.LOCAL)
    assert d.rule.zh == (
        "AQI>200 持续24小时 → 黄色（本地规则：示例市重污染天气应急预案（本地从严，合成示例））"
    )
    assert d.lead_time_hours == 72


def test_a_local_rule_applies_only_to_its_city_and_period() -> None:
    rule = read_local_rule(SAMPLE_RULE)
    other_city = decide(daily([150, 210, 150], city="石家庄"), local=rule)
    assert other_city.level is None and other_city.local_rule is None
    assert other_city.lead_time_hours == 24
    assert any("not in force" in n.en for n in other_city.notes)


def test_a_local_lifting_condition_merges_more() -> None:
    # 48 h at 320, 40 h below, 48 h at 250: nationally two episodes (40 ≥ 36 h), the first
    # yellow; under the local rule (lift 48 h) one episode, D200 96 h and D300 48 h → red
    values = [320] * 25 + [150] * 40 + [250] * 25 + [150] * 60
    rule = read_local_rule(SAMPLE_RULE)
    d = decide(hourly(values), local=rule)
    assert d.national_level is Level.YELLOW
    assert d.level is Level.RED and d.basis is Basis.LOCAL
    assert len(d.grades) == 1 and d.grades[0].episode.d200 == 96


def test_a_local_rule_looser_under_the_options_in_use_is_refused() -> None:
    rule = read_local_rule(SAMPLE_RULE)
    with pytest.raises(LocalRuleError, match=r"levels\.orange"):
        decide(daily([210, 260, 240]), "2018", OFF, local=rule)


# --------------------------------------------------------------------------- regional directives


def directive(level: Level, start_day: int = 11, days: int = 3) -> Directive:
    start = datetime(2019, 1, start_day, tzinfo=SHANGHAI)
    return Directive(
        "京津冀及周边区域空气质量预测预报中心", level, start, start + timedelta(days=days)
    )


def test_a_stricter_regional_directive_decides() -> None:
    d = decide(daily([180, 215, 230, 160]), directive=directive(Level.ORANGE))
    assert (d.level, d.basis, d.national_level) == (Level.ORANGE, Basis.REGIONAL, Level.YELLOW)
    assert d.rule.zh == (
        "区域预警提示（京津冀及周边区域空气质量预测预报中心）要求橙色预警 → 橙色（本地研判：黄色）"
    )
    assert (d.start, d.end) == (
        datetime(2019, 1, 11, tzinfo=SHANGHAI),
        datetime(2019, 1, 14, tzinfo=SHANGHAI),
    )


def test_a_directive_not_followed_needs_a_recorded_reason() -> None:
    d = decide(
        daily([180, 215, 230, 160]), directive=directive(Level.ORANGE), waiver="本地已转北风"
    )
    assert d.level is Level.YELLOW and d.basis is Basis.NATIONAL and d.waiver == "本地已转北风"
    assert any("本地已转北风" in n.zh for n in d.notes)
    with pytest.raises(ValueError, match="waiver needs a recorded reason"):
        decide(daily([180, 215, 230, 160]), directive=directive(Level.ORANGE), waiver="  ")


def test_a_directive_no_higher_or_outside_the_forecast_changes_nothing() -> None:
    lower = decide(daily([220, 310, 280, 190]), directive=directive(Level.YELLOW))
    assert lower.level is Level.ORANGE and lower.basis is Basis.NATIONAL
    assert any("not above the local orange" in n.en for n in lower.notes)
    outside = decide(daily([180, 215, 230, 160]), directive=directive(Level.RED, start_day=20))
    assert outside.level is Level.YELLOW
    assert any("outside this forecast" in n.en for n in outside.notes)


def test_a_directive_warns_even_without_a_local_episode() -> None:
    d = decide(daily([150, 160, 170]), directive=directive(Level.YELLOW))
    assert d.level is Level.YELLOW and d.basis is Basis.REGIONAL


def test_the_decision_as_json() -> None:
    row = decide(daily([220, 310, 280, 190])).to_dict()
    assert row["level"] == "orange" and row["level_zh"] == "橙色预警"
    assert row["trigger"] == ["2019-01-11", "2019-01-12", "2019-01-13"]
    assert row["d200_hours"] == 72 and row["issued"] == "2019-01-10T16:00:00+08:00"
    assert row["episodes"][0]["peak_aqi"] == 310


# --------------------------------------------------------------------------- properties

aqi = st.integers(0, 500)
option_sets = st.sampled_from(
    [("2018", ON), ("2018", OFF), ("2017", ON), ("2024", ON), ("2018", GradingOptions(blue=True))]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(aqi, min_size=1, max_size=7), st.data(), option_sets)
def test_raising_a_forecast_value_never_lowers_the_level(
    values: list[int], data: st.DataObject, scheme_options: tuple[str, GradingOptions]
) -> None:
    scheme, options = scheme_options
    i = data.draw(st.integers(0, len(values) - 1))
    raised = list(values)
    raised[i] = data.draw(st.integers(values[i], 500))
    assert rank(decide(daily(raised), scheme, options)) >= rank(
        decide(daily(values), scheme, options)
    )


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from([150, 199, 201, 250, 301, 350, 500]), min_size=24, max_size=120),
    st.data(),
)
def test_raising_an_hourly_value_never_lowers_the_level(
    values: list[int], data: st.DataObject
) -> None:
    i = data.draw(st.integers(0, len(values) - 1))
    raised = list(values)
    raised[i] = data.draw(st.integers(values[i], 500))
    assert rank(decide(hourly(raised), "2018", OFF)) >= rank(decide(hourly(values), "2018", OFF))


@settings(max_examples=300, deadline=None)
@given(st.lists(aqi, min_size=1, max_size=7), st.data())
def test_appending_days_never_shortens_an_episode(values: list[int], data: st.DataObject) -> None:
    more = data.draw(st.lists(aqi, min_size=1, max_size=7 - len(values))) if len(values) < 7 else []
    short = episodes(windows(daily(values)))
    long = episodes(windows(daily(values + more)))
    for ep in short:
        assert any(e.start <= ep.start and e.end >= ep.end and e.d200 >= ep.d200 for e in long), (
            values,
            more,
        )


@settings(max_examples=200, deadline=None)
@given(st.lists(aqi, min_size=1, max_size=7))
def test_a_local_rule_never_lowers_the_national_level(values: list[int]) -> None:
    rule = read_local_rule(SAMPLE_RULE)
    d = decide(daily(values), local=rule)
    assert rank(d) >= rank(decide(daily(values)))
    assert d.national_level == decide(daily(values)).level


@settings(max_examples=200, deadline=None)
@given(st.lists(aqi, min_size=1, max_size=7))
def test_d300_never_exceeds_d200(values: list[int]) -> None:
    for ep in episodes(windows(daily(values))):
        assert ep.duration(301).hours <= ep.d200 <= 24 * len(values)
