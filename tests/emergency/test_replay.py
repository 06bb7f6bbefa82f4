"""Replaying a year day by day with perfect and persistence forecasts
(docs/emergency_verification.md): the office's rules on small series worked by hand, then the real
2019 data of 石家庄 from data/sample against the heavy-pollution days the engine counts, and the
doc's quoted numbers against the code."""

from __future__ import annotations

import gzip
import re
import warnings
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from lantian.emergency.decision import decide
from lantian.emergency.forecast import SHANGHAI, AQIValue, DailyForecast, Forecast
from lantian.emergency.levels import Level
from lantian.emergency.replay import (
    ForecastKind,
    LevelChange,
    Replay,
    against,
    match_heavy_days,
    office,
    perfect_forecast,
    persistence_forecast,
    replay,
    verify_replay,
)
from lantian.emergency.schemes import GradingOptions
from lantian.emergency.verification import Contingency, Observation, observed_daily

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "sample"
HOURLY = SAMPLE / "sites_2019_beijing_shijiazhuang_zhengzhou_hourly.csv.gz"
STATIONS = SAMPLE / "StationList-2020.01.01.csv"
DOC = REPO / "docs" / "emergency_verification.md"
CITY = "石家庄"
FIRST, LAST = date(2019, 1, 1), date(2019, 12, 31)

YEL, ORA, RED, BLU = Level.YELLOW, Level.ORANGE, Level.RED, Level.BLUE


def d(month: int, day: int) -> date:
    return date(2019, month, day)


# --------------------------------------------------------------------------- small series

START = date(2019, 3, 1)


def series(values: Sequence[int | None], start: date = START) -> dict[date, Observation]:
    """Observed daily AQI from ``start``; ``None`` = no observation that day."""
    return {
        start + timedelta(days=i): Observation(start + timedelta(days=i), v, ("pm25",))
        for i, v in enumerate(values)
        if v is not None
    }


def day(i: int) -> date:
    return START + timedelta(days=i)


def run(values: Sequence[int | None], kind: ForecastKind, scheme: str = "2018") -> Replay:
    return replay("示例市", series(values), day(0), day(len(values) - 1), kind, scheme)


def spans(r: Replay) -> list[tuple[Level, int, int, int]]:
    """(level, first, last, issued) as day numbers."""
    return [
        (ep.level, (ep.start - START).days, (ep.end - START).days, (ep.issued - START).days)
        for ep in r.episodes
    ]


CLEAN = 100


def test_perfect_sees_an_episode_six_days_ahead_and_upgrades_as_it_comes_into_view() -> None:
    # days 10–14 heavy, 11 and 12 above 300: red (96 h > 200 and 48 h > 300). The forecast
    # issued on day D covers D+1 … D+7: day 10 comes into view on day 3 (one day: no level)
    values = [CLEAN] * 10 + [250, 320, 350, 260, 230] + [CLEAN] * 10
    r = run(values, ForecastKind.PERFECT)
    assert spans(r) == [(RED, 10, 14, 4)]
    ep = r.episodes[0]
    # day 4 sees 10, 11 (48 h, one day > 300: yellow); day 5 sees 10–12 (72 h, > 300: orange);
    # day 6 sees 10–13 (96 h, 48 h > 300: red)
    assert ep.changes == (
        LevelChange(day(4), YEL),
        LevelChange(day(5), ORA, upgrade=True),
        LevelChange(day(6), RED, upgrade=True),
    )
    assert ep.lead_days == 6 and ep.lifted == day(14)
    assert [ep.in_force(day(i)) for i in (9, 10, 14, 15)] == [None, RED, RED, None]


def test_the_level_in_force_follows_the_changes_made_the_day_before() -> None:
    # heavy from day 2: the first forecast (issued on day -1) already sees days 2–5
    values = [CLEAN, CLEAN, 250, 260, 320, 330, 240, CLEAN, CLEAN, CLEAN]
    r = run(values, ForecastKind.PERFECT)
    ep = r.episodes[0]
    assert ep.changes == (LevelChange(day(-1), RED),)  # 5 days, 2 above 300: red at once
    assert [r.level_on(day(i)) for i in range(10)] == [
        None,
        None,
        RED,
        RED,
        RED,
        RED,
        RED,
        None,
        None,
        None,
    ]


def test_one_clean_day_merges_two_days_split() -> None:
    """§3 step 4: 24 h below AQI 200 is shorter than the 36-h lifting condition; 48 h is not."""
    merged = run([CLEAN] * 9 + [230, 240, 150, 250, 260] + [CLEAN] * 9, ForecastKind.PERFECT)
    assert spans(merged) == [(YEL, 9, 13, 3)]  # 4 days > 200 but none > 300: yellow
    split = run([CLEAN] * 9 + [230, 240, 150, 150, 250, 260] + [CLEAN] * 9, ForecastKind.PERFECT)
    assert spans(split) == [(YEL, 9, 10, 3), (YEL, 13, 14, 10)]
    # the second is issued on day 10, when the first is lifted: one warning at a time


def test_a_single_heavy_day_warns_only_in_the_2017_scheme() -> None:
    values = [CLEAN] * 9 + [230] + [CLEAN] * 9
    assert run(values, ForecastKind.PERFECT).episodes == ()
    assert spans(run(values, ForecastKind.PERFECT, "2017")) == [(BLU, 9, 9, 2)]


def test_persistence_lags_a_day_and_lifts_on_the_first_clean_day() -> None:
    values = [CLEAN] * 5 + [230, 240, 320, CLEAN] + [CLEAN] * 5
    r = run(values, ForecastKind.PERSISTENCE)
    # day 5 (230) repeated 7 days → yellow issued on 5 for 6…12; day 7 (320) repeated → red;
    # day 8 is clean → lifted on 8, the warning's last day
    assert spans(r) == [(RED, 6, 8, 5)]
    assert r.episodes[0].changes == (LevelChange(day(5), YEL), LevelChange(day(7), RED, True))
    assert r.episodes[0].lifted == day(8)


def test_a_day_without_observation_stops_the_perfect_forecast() -> None:
    obs = series([CLEAN, CLEAN, 230, None, 240, CLEAN])
    f = perfect_forecast("示例市", obs, day(0))
    assert f is not None and [x.day for x in f.days] == [day(1), day(2)]
    assert perfect_forecast("示例市", obs, day(2)) is None
    assert persistence_forecast("示例市", obs, day(3)) is None
    p = persistence_forecast("示例市", obs, day(2))
    assert p is not None and len(p.days) == 7 and {x.aqi.lo for x in p.days} == {230}
    # so the two heavy days never merge: no warning in the 2018 scheme
    r = replay("示例市", obs, day(0), day(5))
    assert r.episodes == () and r.no_forecast == (day(2),)


def _forecast(on: date, values: Sequence[int]) -> Forecast:
    issued = datetime(on.year, on.month, on.day, 16, tzinfo=SHANGHAI)
    days = tuple(
        DailyForecast(on + timedelta(days=k + 1), AQIValue.exact(v)) for k, v in enumerate(values)
    )
    return Forecast("示例市", issued, days)


def test_a_warning_not_yet_started_is_withdrawn_when_the_next_forecast_clears() -> None:
    first = _forecast(day(0), [CLEAN, CLEAN, CLEAN, CLEAN, 230, 240, CLEAN])
    second = _forecast(day(1), [CLEAN] * 7)
    third = _forecast(day(2), [CLEAN, CLEAN, 210, 220, 230, CLEAN, CLEAN])
    done, withdrawn = office(
        [(day(0), decide(first)), (day(1), decide(second)), (day(2), decide(third))],
        GradingOptions(),
        day(20),
    )
    assert [(w.start, w.end, w.issued, w.lifted) for w in withdrawn] == [
        (day(5), day(6), day(0), day(1))
    ]
    # the third forecast issues anew; it is still in force at the end (expected end kept)
    assert [(e.level, e.start, e.end, e.issued, e.lifted) for e in done] == [
        (YEL, day(5), day(7), day(2), None)
    ]


def test_a_pending_warning_moves_with_the_newest_forecast() -> None:
    first = _forecast(day(0), [CLEAN, CLEAN, CLEAN, CLEAN, 230, 240, CLEAN])
    second = _forecast(day(1), [CLEAN, CLEAN, 230, 240, 330, CLEAN, CLEAN])
    done, withdrawn = office(
        [(day(0), decide(first)), (day(1), decide(second))], GradingOptions(), day(4)
    )
    assert withdrawn == ()
    ep = done[0]
    assert (ep.level, ep.start, ep.end) == (ORA, day(4), day(4))  # clipped to the last day
    assert ep.changes == (LevelChange(day(0), YEL), LevelChange(day(1), ORA, True))


def test_against_counts_days_by_colour() -> None:
    truth = run([CLEAN] * 5 + [230, 240, 320, CLEAN] + [CLEAN] * 5, ForecastKind.PERFECT)
    cand = run([CLEAN] * 5 + [230, 240, 320, CLEAN] + [CLEAN] * 5, ForecastKind.PERSISTENCE)
    # truth: orange on 5, 6, 7 (72 h, one day > 300); persistence: yellow 6, 7; red 8
    assert [(ep.level, ep.start, ep.end) for ep in truth.episodes] == [(ORA, day(5), day(7))]
    cells = {
        c.event: (c.hits, c.misses, c.false_alarms, c.correct_negatives)
        for c in against(truth, cand)
    }
    assert cells == {"yellow": (2, 1, 1, 10), "orange": (0, 3, 1, 10), "red": (0, 0, 1, 13)}


# --------------------------------------------------------------------------- real data, 2019

_STORE: dict[str, Path] = {}


def sjz_store(factory: pytest.TempPathFactory) -> Path:
    """A measurement store with every 石家庄 station hour of 2019 from data/sample (built once
    per session; ~2 s)."""
    if "path" in _STORE:
        return _STORE["path"]
    if not HOURLY.exists() or not STATIONS.exists():
        pytest.skip(f"sample data absent ({SAMPLE})")
    from lantian.airquality.readers.cnemc_long import read_cnemc_long
    from lantian.airquality.stations import read_station_list
    from lantian.airquality.store import MeasurementStore

    base = factory.mktemp("sjz-2019")
    hourly = base / "shijiazhuang_2019_hourly.csv"
    with (
        gzip.open(HOURLY, "rt", encoding="utf-8") as src,
        hourly.open("w", encoding="utf-8") as dst,
    ):
        header = next(src)
        dst.write(header)
        col = header.rstrip("\n").split(",").index("city")
        dst.writelines(line for line in src if line.split(",")[col] == CITY)
    store = MeasurementStore(base / "store")
    with warnings.catch_warnings():  # the 2020 list names station 3207A twice; first kept
        warnings.simplefilter("ignore")
        store.upsert_stations(read_station_list(STATIONS))
    store.ingest_hourly(read_cnemc_long(hourly), source=hourly.name)
    _STORE["path"] = base / "store"
    return _STORE["path"]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from lantian.airquality.engine import Engine
    from lantian.airquality.store import MeasurementStore

    return Engine(MeasurementStore(sjz_store(tmp_path_factory)).connect())


@pytest.fixture(scope="module")
def observed(engine: Any) -> dict[date, Observation]:
    return observed_daily(engine, CITY, FIRST, LAST)


@pytest.fixture(scope="module")
def perfect(observed: dict[date, Observation]) -> Replay:
    return replay(CITY, observed, FIRST, LAST, ForecastKind.PERFECT)


@pytest.fixture(scope="module")
def persistence(observed: dict[date, Observation]) -> Replay:
    return replay(CITY, observed, FIRST, LAST, ForecastKind.PERSISTENCE)


def test_the_observed_series_is_the_engines(engine: Any, observed: dict[date, Observation]) -> None:
    stats = engine.period_stats("2019", [CITY]).row(0, named=True)
    assert len(observed) == stats["valid_days"] == 353
    heavy = [x for x in observed.values() if x.aqi > 200]
    # the engine's 重污染天数 = 重度 + 严重 days (docs/statistics.md, day counts)
    assert len(heavy) == stats["heavy_pollution_days"] == stats["days_heavy"] + stats["days_severe"]
    assert stats["heavy_pollution_days"] == 34
    assert observed[d(1, 12)] == Observation(d(1, 12), 401, ("pm25",))
    assert observed[d(6, 11)].primary == ("o3",)  # O3_8h in the engine


def test_perfect_replay_episodes_2018(perfect: Replay) -> None:
    got = [(ep.level, ep.start, ep.end, ep.issued) for ep in perfect.episodes]
    assert got == [
        (RED, d(1, 2), d(1, 14), date(2018, 12, 31)),  # 01-09 (AQI 124) merged: 24 h < 36 h
        (ORA, d(2, 21), d(2, 25), d(2, 20)),  # 02-20 unobserved: seen only from 02-20
        (YEL, d(2, 28), d(3, 4), d(2, 25)),  # 03-03 (183) merged; no day > 300
        (YEL, d(7, 2), d(7, 4), d(6, 27)),  # O3: 202, (172), 209 → 48 h in all
        (YEL, d(12, 7), d(12, 9), d(12, 1)),
        (YEL, d(12, 24), d(12, 25), d(12, 18)),
    ]
    assert perfect.episodes[0].changes == (
        LevelChange(date(2018, 12, 31), YEL),
        LevelChange(d(1, 4), ORA, True),
        LevelChange(d(1, 5), RED, True),
    )
    assert perfect.count_by_level() == {YEL: 4, ORA: 1, RED: 1}
    assert perfect.withdrawn == ()


def test_perfect_replay_matches_the_heavy_days(
    perfect: Replay, observed: dict[date, Observation]
) -> None:
    """What "match" means: every warning starts and ends on a heavy day, every run of ≥ 2 heavy
    days lies inside a warning, and the heavy days left out are exactly the isolated ones."""
    m = match_heavy_days(perfect, observed)
    assert m.matches
    assert len(m.heavy_days) == 34 and len(m.covered) == 28
    assert [(a, b) for a, b in m.runs] == [
        (d(1, 2), d(1, 8)),
        (d(1, 10), d(1, 14)),
        (d(2, 21), d(2, 25)),
        (d(2, 28), d(3, 2)),
        (d(12, 7), d(12, 9)),
        (d(12, 24), d(12, 25)),
    ]
    assert m.runs_outside == ()
    singles = {n.day: n.reason.en for n in m.uncovered}
    assert list(singles) == [d(2, 5), d(2, 19), d(6, 11), d(6, 18), d(10, 19), d(11, 23)]
    assert singles.pop(d(2, 19)).startswith("the neighbouring day 2019-02-20 has no observation")
    assert all(r.startswith("a single heavy day (24 h)") for r in singles.values())
    # the warning days that are not heavy: the gaps merged by the 36-h rule
    assert [(n.day, n.reason.en) for n in m.warned_not_heavy] == [
        (d(1, 9), "AQI 124 ≤ 200"),
        (d(3, 3), "AQI 183 ≤ 200"),
        (d(7, 3), "AQI 172 ≤ 200"),
    ]
    for ep in perfect.episodes:  # inside a warning: heavy days, or gaps of one clean day
        clean = [x for x in ep.days if observed[x].aqi <= 200]
        assert all(observed[x - timedelta(days=1)].aqi > 200 for x in clean)
        assert all(observed[x + timedelta(days=1)].aqi > 200 for x in clean)


def test_the_2017_scheme_covers_every_heavy_day(observed: dict[date, Observation]) -> None:
    r = replay(CITY, observed, FIRST, LAST, ForecastKind.PERFECT, "2017")
    m = match_heavy_days(r, observed)
    assert m.matches and len(m.covered) == 34 and m.uncovered == ()
    assert r.count_by_level() == {BLU: 5, YEL: 4, ORA: 1, RED: 1}
    # 02-19 starts blue and merges across the unobserved 02-20 into the orange of 02-21–25
    feb = next(ep for ep in r.episodes if ep.start == d(2, 19))
    assert (feb.level, feb.end) == (ORA, d(2, 25))


def test_persistence_against_perfect(
    perfect: Replay, persistence: Replay, observed: dict[date, Observation]
) -> None:
    m = match_heavy_days(persistence, observed)
    assert not m.matches and len(m.covered) == 20
    # the first day of each run is always missed: persistence only knows today's value
    assert d(1, 2) in {n.day for n in m.uncovered}
    cells = {c.event: c for c in against(perfect, persistence)}
    y = cells["yellow"]
    assert y.n == 365 and y.hits + y.misses == len(perfect.warned_days()) == 31


# --------------------------------------------------------------------------- the doc


def _ratio(c: Contingency) -> str:
    return " | ".join(x.text() for x in (c.pod, c.far, c.ts))


def _cells(c: Contingency) -> str:
    return f"{c.hits} | {c.misses} | {c.false_alarms} | {c.correct_negatives}"


def _levels(r: Replay) -> str:
    return ", ".join(f"{lv.value} {n}" for lv, n in r.count_by_level().items())


def render_doc_block(observed: dict[date, Observation], engine_heavy: int) -> str:
    """The numbers docs/emergency_verification.md quotes, as the code gives them."""
    perfect = replay(CITY, observed, FIRST, LAST, ForecastKind.PERFECT)
    p2017 = replay(CITY, observed, FIRST, LAST, ForecastKind.PERFECT, "2017")
    pers = replay(CITY, observed, FIRST, LAST, ForecastKind.PERSISTENCE)
    m, m17, mp = (match_heavy_days(x, observed) for x in (perfect, p2017, pers))
    lines = [
        "**Perfect forecast, 2018 scheme (default).**",
        "",
        "| level | first day | last day | days | issued | level changes (day: level) |",
        "|---|---|---|---:|---|---|",
    ]
    for ep in perfect.episodes:
        changes = "; ".join(f"{c.on}: {c.level.value}" for c in ep.changes)
        lines.append(
            f"| {ep.level.value} {ep.level.zh[:2]} | {ep.start} | {ep.end} | {len(ep.days)} "
            f"| {ep.issued} | {changes} |"
        )
    lines += [
        "",
        f"Warnings by level: {_levels(perfect)}. Heavy-pollution days (engine, 重污染天数): "
        f"{engine_heavy}; inside a warning: {len(m.covered)}; not covered: {len(m.uncovered)}.",
        "",
        "| heavy day not covered | reason |",
        "|---|---|",
    ]
    lines += [f"| {n.day} | {n.reason.en} |" for n in m.uncovered]
    lines += [
        "",
        "Warning days that are not heavy days: "
        + ", ".join(f"{n.day} ({n.reason.en})" for n in m.warned_not_heavy)
        + ".",
        "",
        f"**Perfect forecast, 2017 scheme.** Warnings by level: {_levels(p2017)}. Heavy days "
        f"inside a warning: {len(m17.covered)} of {len(m17.heavy_days)}.",
        "",
        f"**Persistence, 2018 scheme.** Warnings by level: {_levels(pers)}. Heavy days inside a "
        f"warning: {len(mp.covered)} of {len(mp.heavy_days)}.",
        "",
        f"Against the perfect replay, day by day ({len(perfect.days)} days):",
        "",
        "| event | hits | misses | false alarms | correct negatives | POD | FAR | TS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for c in against(perfect, pers):
        lines.append(f"| ≥ {c.event} | {_cells(c)} | {_ratio(c)} |")
    v = verify_replay(pers, observed)
    lines += [
        "",
        "Persistence against the observed daily AQI, by lead time (event AQI > 200):",
        "",
        "| lead (days) | pairs | exact level | hits | misses | false alarms | correct negatives "
        "| POD | FAR | TS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in v.forecast:
        c = r.event("aqi>200")
        lead = "all" if r.lead is None else str(r.lead)
        lines.append(
            f"| {lead} | {r.n} | {r.exact.hits} ({r.exact.ratio.text()}) | {_cells(c)} "
            f"| {_ratio(c)} |"
        )
    return "\n".join(lines)


_BLOCK = re.compile(r"<!-- BEGIN replay-2019 -->\n(.*?)\n<!-- END replay-2019 -->", re.S)


def test_the_doc_quotes_the_code(engine: Any, observed: dict[date, Observation]) -> None:
    stats = engine.period_stats("2019", [CITY]).row(0, named=True)
    expected = render_doc_block(observed, stats["heavy_pollution_days"])
    found = _BLOCK.search(DOC.read_text(encoding="utf-8"))
    assert found is not None, "docs/emergency_verification.md lost its replay-2019 block"
    assert found.group(1) == expected, "update the block in the doc to:\n" + expected
