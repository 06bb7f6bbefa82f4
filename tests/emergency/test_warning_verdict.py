"""The verdict on each issued warning (spec warnings.md §4, docs/emergency_verification.md §"The
verdict on each warning"): hand-worked observed series graded by spec §2/§3 (2018 scheme, the
> 300 switch on), warnings built through the life cycle, and two properties."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from lantian.emergency.forecast import SHANGHAI
from lantian.emergency.levels import Level
from lantian.emergency.lifecycle import WarningRecord, assess, issue, lift, upgrade
from lantian.emergency.verification import Observation, observed_spans
from lantian.emergency.warning_verdict import (
    MissedEpisode,
    Verdict,
    WarningVerdict,
    issued_days,
    observation_range,
    verify_warnings,
)

CITY = "示例市"


def d(day: int) -> date:
    return date(2019, 11, 1) + timedelta(days=day - 1)


def t(day: int, hour: int = 0) -> datetime:
    """``day`` of November 2019 (day 31 is 1 December …), Beijing time."""
    return datetime.combine(d(day), datetime.min.time(), SHANGHAI) + timedelta(hours=hour)


def series(first: int, values: Sequence[int]) -> dict[date, Observation]:
    return {d(first + i): Observation(d(first + i), v) for i, v in enumerate(values)}


def issued(
    level: Level,
    start: datetime,
    at: datetime | None = None,
    expected_end: datetime | None = None,
) -> WarningRecord:
    """Assessed and issued at ``at`` (default 15 h before ``start``, 09:00 the day before)."""
    at = at or start - timedelta(hours=15)
    w = WarningRecord.open(CITY, assess(at, "值班员", level))
    return w.apply(issue(at, "大气办", level, start, approver="副市长", expected_end=expected_end))


def lifted(w: WarningRecord, at: datetime) -> WarningRecord:
    return w.apply(lift(at, "大气办", approver="副市长"))


#: 11-01 … 11-06: 150, 230, 260, 320, 180, 120. One run 11-02 … 11-04: AQI > 200 for 72 h and
#: > 300 for 24 h (11-04) → orange (§2: orange is > 200 for 72 h and > 300 on one day; red would
#: need 96 h and 48 h). 11-10 … 11-14: 210, 240, 190, 120, 100 → 48 h > 200 → yellow.
OBSERVED = {**series(1, [150, 230, 260, 320, 180, 120]), **series(10, [210, 240, 190, 120, 100])}
AS_OF = t(25, 10)


def one(record: WarningRecord, observed: dict[date, Observation] = OBSERVED) -> WarningVerdict:
    result = verify_warnings([("w", record)], observed, d(1), d(24), AS_OF)
    (verdict,) = result.warnings
    return verdict


def test_the_observed_grading_behind_the_examples() -> None:
    spans = observed_spans(OBSERVED)
    assert [(s, e, lv) for s, e, lv in spans] == [
        (t(2), t(5), Level.ORANGE),
        (t(10), t(12), Level.YELLOW),
    ]


def test_a_warning_at_the_observed_level_on_its_days_is_a_hit() -> None:
    w = lifted(issued(Level.ORANGE, t(2)), t(5))  # in force 11-02 00:00 → 11-05 00:00
    v = one(w)
    assert [(x.day, x.issued, x.aqi, x.observed, x.verdict) for x in v.days] == [
        (d(2), Level.ORANGE, 230, Level.ORANGE, Verdict.HIT),
        (d(3), Level.ORANGE, 260, Level.ORANGE, Verdict.HIT),
        (d(4), Level.ORANGE, 320, Level.ORANGE, Verdict.HIT),
    ]
    assert (v.issued, v.observed, v.verdict) == (Level.ORANGE, Level.ORANGE, Verdict.HIT)


def test_an_upgrade_counts_on_its_day_and_the_warning_is_judged_by_its_highest_level() -> None:
    """Yellow from 11-02 00:00, red from 11-03 12:00, lifted 11-05 10:00: 11-03 has yellow and
    red in force (the day takes red), 11-05 is a day of the warning for its first ten hours."""
    w = issued(Level.YELLOW, t(2), expected_end=t(5))
    w = w.apply(upgrade(t(3, 9), "大气办", Level.RED, t(3, 12), approver="市长"))
    v = one(lifted(w, t(5, 10)))
    assert [(x.day, x.issued, x.observed, x.verdict) for x in v.days] == [
        (d(2), Level.YELLOW, Level.ORANGE, Verdict.UNDER),
        (d(3), Level.RED, Level.ORANGE, Verdict.OVER),
        (d(4), Level.RED, Level.ORANGE, Verdict.OVER),
        (d(5), Level.RED, None, Verdict.OVER),  # 180: no level
    ]
    assert (v.issued, v.observed, v.verdict) == (Level.RED, Level.ORANGE, Verdict.OVER)
    assert [lv for _s, lv in v.changes] == [Level.YELLOW, Level.RED]


def test_a_lower_level_than_observed_is_under_warned() -> None:
    v = one(lifted(issued(Level.YELLOW, t(2)), t(5)))
    assert [x.verdict for x in v.days] == [Verdict.UNDER] * 3
    assert (v.issued, v.observed, v.verdict) == (Level.YELLOW, Level.ORANGE, Verdict.UNDER)


def test_a_warning_where_the_observations_trigger_nothing_is_over_warned() -> None:
    """11-13 and 11-14 (120, 100): no episode at all."""
    v = one(lifted(issued(Level.YELLOW, t(13)), t(15)))
    assert (v.issued, v.observed, v.verdict) == (Level.YELLOW, None, Verdict.OVER)


def test_a_single_heavy_day_triggers_no_level_so_a_warning_on_it_is_over_warned() -> None:
    """One day at 230 is 24 h > 200: below yellow (48 h) in the 2018 scheme."""
    observed = series(1, [150, 230, 150])
    v = one(lifted(issued(Level.YELLOW, t(2)), t(3)), observed)
    assert [(x.aqi, x.observed, x.verdict) for x in v.days] == [(230, None, Verdict.OVER)]
    result = verify_warnings([], observed, d(1), d(3), AS_OF)
    assert result.missed == ()


def test_a_merged_episode_takes_its_level_on_the_clean_day_between() -> None:
    """Spec §7 example F: 230, 240, one clean day, 250, 260 → one episode, 4 days > 200, none
    > 300 → yellow on all five days, the clean day included (the 36-h lifting rule)."""
    observed = series(1, [100, 230, 240, 150, 250, 260, 100, 100])
    v = one(lifted(issued(Level.YELLOW, t(2)), t(7)), observed)
    assert [(x.aqi, x.observed) for x in v.days] == [
        (230, Level.YELLOW),
        (240, Level.YELLOW),
        (150, Level.YELLOW),
        (250, Level.YELLOW),
        (260, Level.YELLOW),
    ]
    assert v.verdict is Verdict.HIT


def test_an_observed_episode_without_a_warning_is_missed() -> None:
    """11-10 … 11-11 (210, 240) is yellow and no warning is in force on those days; the orange
    episode of 11-02 … 11-04 is covered by a warning that starts a day late, so it is not
    missed (the warning's own verdict shows it)."""
    w = lifted(issued(Level.ORANGE, t(3)), t(5))
    result = verify_warnings([("w", w)], OBSERVED, d(1), d(24), AS_OF)
    assert result.missed == (MissedEpisode(d(10), d(11), Level.YELLOW, 240),)
    assert result.missed[0].days == 2
    assert result.counts() == {
        "hit": 1,
        "over": 0,
        "under": 0,
        "pending": 0,
        "withdrawn": 0,
        "missed": 1,
    }


def test_an_episode_outside_the_range_or_covered_by_a_warning_outside_it_is_not_missed() -> None:
    """The yellow episode 11-10 … 11-11 touches a range from 11-11; a warning in force on 11-10
    only lies outside it (not judged) but covers the episode."""
    covering = lifted(issued(Level.YELLOW, t(10)), t(11))
    result = verify_warnings([("w", covering)], OBSERVED, d(11), d(24), AS_OF)
    assert (result.warnings, result.missed) == ((), ())
    assert verify_warnings([], OBSERVED, d(11), d(24), AS_OF).missed == (
        MissedEpisode(d(10), d(11), Level.YELLOW, 240),
    )
    assert verify_warnings([], OBSERVED, d(13), d(24), AS_OF).missed == ()


def test_a_warning_without_observations_is_not_yet_verifiable_and_names_the_days() -> None:
    """Orange from 11-20 00:00, expected to end 11-22 00:00, not lifted; on 11-21 10:00 only
    11-20 is observed."""
    w = issued(Level.ORANGE, t(20), expected_end=t(22))
    observed = series(19, [240, 250])  # 11-19, 11-20
    result = verify_warnings([("w", w)], observed, d(1), d(24), t(21, 10))
    (v,) = result.warnings
    assert v.verdict is Verdict.PENDING and v.missing == (d(21),)
    # 11-19 and 11-20 (240, 250): 48 h > 200 → yellow on 11-20, below the orange issued
    assert [(x.day, x.observed, x.verdict) for x in v.days] == [
        (d(20), Level.YELLOW, Verdict.OVER),
        (d(21), None, Verdict.PENDING),
    ]
    assert v.to_dict()["missing_days"] == ["2019-11-21"]


def test_a_warning_not_lifted_runs_to_now_when_its_expected_end_has_passed() -> None:
    w = issued(Level.YELLOW, t(2), expected_end=t(4))
    assert sorted(issued_days(w, t(6, 8))) == [d(2), d(3), d(4), d(5), d(6)]
    assert sorted(issued_days(lifted(w, t(4, 6)), t(6, 8))) == [d(2), d(3), d(4)]


def test_a_warning_lifted_before_its_measures_began_is_withdrawn() -> None:
    w = lifted(issued(Level.ORANGE, t(9), at=t(8, 9)), t(8, 18))
    result = verify_warnings([("w", w)], OBSERVED, d(1), d(24), AS_OF)
    (v,) = result.warnings
    assert (v.verdict, v.days, v.first_day) == (Verdict.WITHDRAWN, (), None)


def test_an_assessment_never_issued_is_not_judged() -> None:
    w = WarningRecord.open(CITY, assess(t(1, 8), "值班员", Level.ORANGE))
    assert verify_warnings([("w", w)], OBSERVED, d(1), d(24), AS_OF).warnings == ()


def test_the_observations_needed_reach_a_week_around_the_range_and_its_warnings() -> None:
    w = lifted(issued(Level.ORANGE, t(2)), t(5))
    assert observation_range([("w", w)], d(3), d(24), AS_OF) == (d(2) - timedelta(7), d(31))


def test_the_dict_names_levels_verdict_and_days() -> None:
    v = one(lifted(issued(Level.ORANGE, t(2)), t(5)))
    out = v.to_dict()
    assert out["levels"] == [{"from": "2019-11-02T00:00:00+08:00", "level": "orange"}]
    assert (out["first_day"], out["last_day"], out["verdict_zh"], out["verdict_en"]) == (
        "2019-11-02",
        "2019-11-04",
        "命中",
        "hit",
    )
    assert out["days"][2] == {
        "day": "2019-11-04",
        "issued": "orange",
        "aqi": 320,
        "observed": "orange",
        "verdict": "hit",
    }


# --------------------------------------------------------------------------- properties

aqi_days = st.lists(st.integers(0, 500), min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(aqi_days)
def test_warnings_equal_to_the_observed_levels_are_all_hits_and_nothing_is_missed(
    values: list[int],
) -> None:
    observed = series(1, values)
    records = []
    for i, (start, end, level) in enumerate(observed_spans(observed)):
        records.append((str(i), lifted(issued(level, start), end)))
    last = d(len(values))
    result = verify_warnings(records, observed, d(1), last, t(len(values) + 2))
    assert len(result.warnings) == len(records)
    assert all(v.verdict is Verdict.HIT for v in result.warnings)
    assert all(x.verdict is Verdict.HIT for v in result.warnings for x in v.days)
    assert result.missed == ()


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(0, 200), min_size=1, max_size=30),
    st.lists(
        st.tuples(st.integers(1, 30), st.integers(1, 5), st.sampled_from(list(Level))),
        max_size=4,
    ),
)
def test_without_an_observed_episode_nothing_is_missed_and_every_warning_is_over_warned(
    values: list[int], warnings: list[tuple[int, int, Level]]
) -> None:
    observed = series(1, values)
    records = [
        (str(i), lifted(issued(level, t(day)), t(day + length)))
        for i, (day, length, level) in enumerate(warnings)
    ]
    result = verify_warnings(records, observed, d(1), d(30), t(40))
    assert result.missed == ()
    for v in result.warnings:
        assert v.verdict in (Verdict.OVER, Verdict.PENDING)
        assert v.verdict is Verdict.PENDING or v.observed is None
    counts = result.counts()
    assert sum(counts[k.value] for k in Verdict) == len(result.warnings)
