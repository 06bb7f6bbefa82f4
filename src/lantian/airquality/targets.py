"""Targets of an action plan and progress toward them (以时保天、以天保月、以月保季、以季保年).

A target is an area, a metric, a period and a bound, e.g. PM2.5 ≤ 67 µg/m³ for 石家庄 in 2019,
优良天数比例 ≥ 44.7 %, 重污染天数 ≤ 19, or a change against the same period of the previous year
("PM2.5 较去年同期下降 26.1 % 以上"). For any date inside the period, :func:`progress` tells the
value so far, the days elapsed and left, what the remaining days must keep to (still) meet the
target, the same-period value of last year and a status.

The "required remaining" rule for a period mean is evaluation.md §10 (a derived rule, not a
standard): with N days in the period and the valid days so far summing to S over n days, the
remaining N − n days must average (T·N − S)/(N − n). For the composite index, which mixes means
and percentiles, the same rule is applied to the index as if it were a daily mean — an
approximation, stated with the result. Percentile metrics (CO P95, O3 P90) get no required value.

Statistics come from the engine (:mod:`lantian.airquality.engine`); this module only compares.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal, Protocol

from lantian.airquality.errors import IngestError
from lantian.airquality.periods import Period, parse_period

Op = Literal["<=", ">="]

#: metric name → (Chinese label, English label, unit, kind). Kind decides how the required
#: remaining value is found: ``mean`` (day-weighted mean), ``index`` (treated like a mean,
#: approximate), ``ratio`` (share of valid days, %), ``count`` (days), ``percentile`` (none).
METRICS: dict[str, tuple[str, str, str, str]] = {
    "pm25": ("PM2.5平均浓度", "PM2.5 mean", "µg/m³", "mean"),
    "pm10": ("PM10平均浓度", "PM10 mean", "µg/m³", "mean"),
    "so2": ("SO2平均浓度", "SO2 mean", "µg/m³", "mean"),
    "no2": ("NO2平均浓度", "NO2 mean", "µg/m³", "mean"),
    "co": ("CO日均值第95百分位数", "CO daily P95", "mg/m³", "percentile"),
    "o3": ("O3日最大8小时第90百分位数", "O3 MDA8 P90", "µg/m³", "percentile"),
    "composite": ("综合指数", "composite index", "", "index"),
    "good_ratio": ("优良天数比例", "good-day ratio", "%", "ratio"),
    "good_days": ("优良天数", "good days", "天", "count_min"),
    "heavy_days": ("重污染天数", "heavy-pollution days", "天", "count"),
}

STATUS_TEXT: dict[str, tuple[str, str]] = {
    "met": ("已完成", "met"),
    "on_track": ("进度正常", "on track"),
    "at_risk": ("有风险", "at risk"),
    "missed": ("未完成", "missed"),
    "no_data": ("无数据", "no data"),
}


@dataclass(frozen=True)
class Target:
    """One target of a plan.

    ``bound`` is absolute (``change=False``) or a change in % against ``baseline`` — the value of
    the same period of the previous year — when ``change=True`` (−7 means "decline by at least 7 %"
    with ``op="<="``). Without an explicit baseline the engine's previous-year value is used.
    """

    area: str
    metric: str
    period: Period
    op: Op
    bound: float
    change: bool = False
    baseline: float | None = None
    label: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        if self.metric not in METRICS:
            known = ", ".join(METRICS)
            raise ValueError(f"未知指标 / unknown metric {self.metric!r}; 可用 / known: {known}")
        if self.op not in ("<=", ">="):
            raise ValueError(f"比较符只能是 <= 或 >= / op must be <= or >=, got {self.op!r}")

    def absolute_bound(self, last_year: float | None) -> float | None:
        """The bound as a value of the metric (a change target needs a baseline)."""
        if not self.change:
            return self.bound
        base = self.baseline if self.baseline is not None else last_year
        if base is None:
            return None
        return base * (1 + self.bound / 100)


@dataclass(frozen=True)
class Progress:
    """Where a target stands on ``as_of``."""

    target: Target
    as_of: date
    days_total: int
    days_elapsed: int
    days_left: int
    valid_days: int
    value: float | None
    bound: float | None
    required: float | None
    required_note: str
    last_year: float | None
    status: str
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def status_zh(self) -> str:
        return STATUS_TEXT[self.status][0]

    @property
    def status_en(self) -> str:
        return STATUS_TEXT[self.status][1]


class StatsSource(Protocol):
    """What :func:`progress` needs from the engine: one row of period statistics per area."""

    def area_stats(self, period: Period, area: str) -> Mapping[str, Any] | None: ...


def _satisfies(value: float, op: Op, bound: float) -> bool:
    return value <= bound if op == "<=" else value >= bound


def _required_mean(
    op: Op, bound: float, value: float, n: int, total: int
) -> tuple[float | None, bool]:
    """Remaining-days average needed; second item is True when the target can no longer be met."""
    left = total - n
    if left <= 0:
        return None, not _satisfies(value, op, bound)
    need = (bound * total - value * n) / left
    impossible = need < 0 if op == "<=" else False
    return need, impossible


def progress(stats: StatsSource, target: Target, as_of: date) -> Progress:
    """Progress of ``target`` on ``as_of`` (the statistics include ``as_of`` itself)."""
    period = target.period
    total = period.days
    elapsed = 0 if as_of < period.start else (min(as_of, period.end) - period.start).days + 1
    left = total - elapsed
    kind = METRICS[target.metric][3]

    row = stats.area_stats(period.until(as_of), target.area) if elapsed else None
    last_row = stats.area_stats(period.until(max(as_of, period.start)).previous_year(), target.area)
    value = _metric(row, target.metric)
    shown = _metric(row, target.metric + "_display")
    last_year = _metric(last_row, target.metric)
    bound = target.absolute_bound(last_year)
    valid_days = int(row.get("valid_days") or 0) if row else 0
    metric_days = int(row.get(target.metric + "_n") or 0) if row else 0

    def result(status: str, required: float | None = None, note: str = "") -> Progress:
        return Progress(
            target=target,
            as_of=as_of,
            days_total=total,
            days_elapsed=elapsed,
            days_left=left,
            valid_days=valid_days,
            value=value,
            bound=bound,
            required=required,
            required_note=note,
            last_year=last_year,
            status=status,
            details={
                "display": shown,
                "source": row.get("source") if row else None,
                "last_year_source": last_row.get("source") if last_row else None,
            },
        )

    if value is None or bound is None:
        return result("no_data", note="无数据或缺少基准值 / no data or no baseline")
    # The status compares the value as published (rounded, evaluation.md §6) with the bound.
    ok = _satisfies(shown if shown is not None else value, target.op, bound)
    if left == 0:
        return result("met" if ok else "missed")

    # Days still to come are assumed to be valid days (a gap only loosens the arithmetic).
    n = (metric_days or valid_days) if kind == "mean" else valid_days
    n = n or elapsed
    remaining = total - elapsed
    required: float | None
    impossible: bool
    note = ""
    if kind in ("mean", "index"):
        required, impossible = _required_mean(target.op, bound, value, n, n + remaining)
        if kind == "index":
            note = "按日均近似 / approximated as a daily mean"
    elif kind == "ratio":
        good_so_far = value / 100 * n
        needed = math.ceil(bound / 100 * (n + remaining) - 1e-9) - good_so_far
        if target.op == ">=":
            required = max(needed, 0.0) / remaining * 100
            impossible = needed > remaining
            note = f"剩余{remaining}天中至少{max(math.ceil(needed - 1e-9), 0)}天优良"
        else:
            required = (bound / 100 * (n + remaining) - good_so_far) / remaining * 100
            impossible = required < 0
    elif kind == "count":  # at most `bound` days
        required = bound - value
        impossible = value > bound
        note = f"剩余可用{max(int(required), 0)}天 / days left to spare"
    elif kind == "count_min":  # at least `bound` days
        required = bound - value
        impossible = required > remaining
        note = f"剩余{remaining}天中至少{max(int(required), 0)}天 / days still needed"
    else:  # percentile
        required, impossible = None, False
        note = "百分位数指标不推算 / no required value for a percentile"

    if impossible:
        note = (note + "; " if note else "") + "已无法完成 / can no longer be met"
        return result("missed", required, note)
    # Seasonality: when last year's rest of the period is known, the target is on track if
    # repeating it would do (the winter months weigh on a year that starts in January).
    rest_last = None
    if required is not None and kind in ("mean", "index", "ratio"):
        rest = Period(period.end - timedelta(days=left - 1), period.end)
        rest_last = _metric(stats.area_stats(rest.previous_year(), target.area), target.metric)
    if rest_last is not None and required is not None:
        on_track = _satisfies(rest_last, target.op, required)
        note = (
            note + "; " if note else ""
        ) + f"去年同期剩余时段 / last year's rest: {rest_last:.4g}"
        return result("on_track" if on_track else "at_risk", required, note)
    if ok:
        return result("on_track", required, note)
    return result("at_risk", required, note)


def _metric(row: Mapping[str, Any] | None, metric: str) -> float | None:
    if not row:
        return None
    v = row.get(metric)
    if v is None:
        return None
    f = float(v)
    return None if math.isnan(f) else f


TARGET_COLUMNS: Sequence[str] = (
    "area",
    "metric",
    "period",
    "op",
    "bound",
    "change",
    "baseline",
    "label",
    "source",
)


def read_targets(path: Path) -> list[Target]:
    """Read a targets CSV (columns :data:`TARGET_COLUMNS`; ``change`` is ``yes``/``no``).

    A bad row refuses the whole file with ``file:line: reason``.
    """
    targets: list[Target] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [
            c
            for c in ("area", "metric", "period", "op", "bound")
            if c not in (reader.fieldnames or [])
        ]
        if missing:
            raise IngestError(str(path), 1, f"缺少列 / missing columns: {', '.join(missing)}")
        for row in reader:
            line = reader.line_num
            try:
                targets.append(
                    Target(
                        area=row["area"].strip(),
                        metric=row["metric"].strip(),
                        period=parse_period(row["period"]),
                        op=_op(row["op"]),
                        bound=float(row["bound"]),
                        change=(row.get("change") or "").strip().lower()
                        in ("yes", "true", "1", "是"),
                        baseline=float(row["baseline"])
                        if (row.get("baseline") or "").strip()
                        else None,
                        label=(row.get("label") or "").strip(),
                        source=(row.get("source") or "").strip(),
                    )
                )
            except (ValueError, KeyError) as exc:
                raise IngestError(str(path), line, str(exc)) from exc
    return targets


def _op(text: str) -> Op:
    t = text.strip()
    if t == "<=":
        return "<="
    if t == ">=":
        return ">="
    raise ValueError(f"比较符只能是 <= 或 >= / op must be <= or >=, got {t!r}")
