"""Targets and progress (以时保天): hand-worked examples of the remaining-days rule
(evaluation.md §10) and the status rules of lantian.airquality.targets."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lantian.airquality.errors import IngestError
from lantian.airquality.periods import Period, parse_period
from lantian.airquality.targets import Target, progress, read_targets

Y2019 = parse_period("2019")
JUNE30 = date(2019, 6, 30)  # day 181 of 365


class FakeStats:
    """Period statistics keyed by (start, end)."""

    def __init__(self, rows: Mapping[tuple[date, date], Mapping[str, Any]]) -> None:
        self.rows = rows

    def area_stats(self, period: Period, area: str) -> Mapping[str, Any] | None:
        return self.rows.get((period.start, period.end))


def mean_row(metric: str, value: float, n: int) -> dict[str, Any]:
    return {metric: value, f"{metric}_display": round(value), f"{metric}_n": n, "valid_days": n}


def test_required_remaining_mean_and_at_risk_without_last_year() -> None:
    # (67·365 − 80·181) / 184 = 9975 / 184 = 54.21…
    stats = FakeStats({(date(2019, 1, 1), JUNE30): mean_row("pm25", 80.0, 181)})
    t = Target("石家庄", "pm25", Y2019, "<=", 67)
    p = progress(stats, t, JUNE30)
    assert (p.days_elapsed, p.days_left, p.days_total) == (181, 184, 365)
    assert p.required == pytest.approx(9975 / 184)
    assert p.status == "at_risk"
    assert p.status_zh == "有风险"


def test_on_track_when_last_years_rest_would_do() -> None:
    rows = {
        (date(2019, 1, 1), JUNE30): mean_row("pm25", 80.0, 181),
        (date(2018, 7, 1), date(2018, 12, 31)): mean_row("pm25", 50.0, 184),
    }
    p = progress(FakeStats(rows), Target("石家庄", "pm25", Y2019, "<=", 67), JUNE30)
    assert p.status == "on_track"  # 50 ≤ 54.21
    rows[(date(2018, 7, 1), date(2018, 12, 31))] = mean_row("pm25", 60.0, 184)
    p = progress(FakeStats(rows), Target("石家庄", "pm25", Y2019, "<=", 67), JUNE30)
    assert p.status == "at_risk"  # 60 > 54.21: the rest must beat last year


def test_missed_when_remaining_days_would_need_a_negative_mean() -> None:
    stats = FakeStats({(date(2019, 1, 1), JUNE30): mean_row("pm25", 150.0, 181)})
    p = progress(stats, Target("石家庄", "pm25", Y2019, "<=", 67), JUNE30)
    assert p.required is not None and p.required < 0
    assert p.status == "missed"


def test_good_ratio_needs_whole_days() -> None:
    # 72 good of 181 valid days; 44.7 % of 365 = 163.2 → 164 good days; 92 more of 184 = 50 %.
    row = {"good_ratio": 100 * 72 / 181, "good_ratio_display": 39.8, "valid_days": 181}
    stats = FakeStats({(date(2019, 1, 1), JUNE30): row})
    p = progress(stats, Target("石家庄", "good_ratio", Y2019, ">=", 44.7), JUNE30)
    assert p.required == pytest.approx(50.0)
    assert "92" in p.required_note
    assert p.status == "at_risk"


def test_heavy_days_allowance_and_miss() -> None:
    stats = FakeStats({(date(2019, 1, 1), JUNE30): {"heavy_days": 15, "valid_days": 181}})
    p = progress(stats, Target("徐州", "heavy_days", Y2019, "<=", 19), JUNE30)
    assert (p.required, p.status) == (4, "on_track")
    stats = FakeStats({(date(2019, 1, 1), JUNE30): {"heavy_days": 20, "valid_days": 181}})
    assert progress(stats, Target("徐州", "heavy_days", Y2019, "<=", 19), JUNE30).status == "missed"


def test_change_target_uses_last_year_or_baseline() -> None:
    rows = {
        (date(2019, 1, 1), date(2019, 12, 31)): mean_row("pm25", 66.0, 365),
        (date(2018, 1, 1), date(2018, 12, 31)): mean_row("pm25", 72.0, 365),
    }
    t = Target("石家庄", "pm25", Y2019, "<=", -7, change=True)
    p = progress(FakeStats(rows), t, date(2019, 12, 31))
    assert p.bound == pytest.approx(72 * 0.93)
    assert p.status == "met"  # 66 ≤ 66.96, period over
    t2 = Target("石家庄", "pm25", Y2019, "<=", -10, change=True, baseline=72)
    assert progress(FakeStats(rows), t2, date(2019, 12, 31)).status == "missed"  # 66 > 64.8


def test_no_data() -> None:
    p = progress(FakeStats({}), Target("郑州", "pm10", Y2019, "<=", 121), JUNE30)
    assert p.status == "no_data"


def test_unknown_metric_lists_known() -> None:
    with pytest.raises(ValueError, match="pm25"):
        Target("郑州", "pm1", Y2019, "<=", 1)


def test_read_targets_refuses_bad_line(tmp_path: Path) -> None:
    f = tmp_path / "t.csv"
    f.write_text(
        "area,metric,period,op,bound\n石家庄,pm25,2019,<=,67\n石家庄,pm25,2019,=<,67\n",
        encoding="utf-8",
    )
    with pytest.raises(IngestError) as exc:
        read_targets(f)
    assert str(exc.value).startswith(f"{f}:3: ")


def test_sample_targets_file_reads() -> None:
    path = Path(__file__).resolve().parents[2] / "data" / "sample" / "targets_shijiazhuang_2019.csv"
    ts = read_targets(path)
    assert [t.metric for t in ts] == ["pm25", "pm25", "composite", "composite", "good_ratio"]
    assert ts[0].bound == 67 and ts[4].op == ">=" and ts[1].change


def test_engine_stats_computes_each_period_once_for_a_plan() -> None:
    """The five Shijiazhuang targets share their periods: progress asks the engine once per
    (period, area, source), not once per target."""
    import polars as pl

    from lantian.airquality.engine_stats import EngineStats

    calls: list[tuple[date, date, str]] = []

    class CountingEngine:
        def period_stats(self, period: Period, areas: list[str], source: str) -> pl.DataFrame:
            calls.append((period.start, period.end, source))
            return pl.DataFrame(
                {"area": areas, "valid_days": [181], "pm25": [80.0], "composite": [7.7]}
            )

    stats = EngineStats(CountingEngine())
    targets = [
        Target("石家庄", "pm25", Y2019, "<=", 67),
        Target("石家庄", "pm25", Y2019, "<=", -7, change=True, baseline=72),
        Target("石家庄", "composite", Y2019, "<=", 6.85),
    ]
    results = [progress(stats, t, JUNE30) for t in targets]
    assert [r.value for r in results] == [80.0, 80.0, 7.7]
    # so far, last year's same days, last year's rest: three periods, each asked once
    assert len(calls) == len(set(calls)) == 3
