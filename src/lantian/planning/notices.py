"""Warning notices (预警通知) and 约谈 candidates, one small function per written rule.

Each rule takes plain values (rankings as ``{area: rank}``, dispatch rows, missing reports,
monthly changes) and returns :class:`Notice` values with the reason in Chinese and English. The
rules and their parameters are listed in ``docs/ledger_rules.md`` §Notices.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from lantian.airquality.periods import Period
from lantian.planning.dispatch import LedgerRow
from lantian.planning.status import MissingReport
from lantian.planning.weeks import IsoWeek
from lantian.standards.rounding import DEFAULT_ROUNDING, Number, Rounding, round_to, to_fraction

#: Rule identifiers, stable for storage.
BOTTOM_RANKING = "bottom_ranking"
OVERDUE_TASKS = "overdue_tasks"
MISSING_REPORTS = "missing_reports"
INTERVIEW = "interview"  # 约谈


@dataclass(frozen=True)
class Notice:
    """A notice to ``recipient`` (a unit or an area) under ``rule``; ``refs`` name what it is
    about (task numbers, weeks, periods)."""

    rule: str
    recipient: str
    reason_zh: str
    reason_en: str
    refs: tuple[str, ...] = ()

    def reason(self, lang: str = "zh") -> str:
        return self.reason_en if lang.startswith("en") else self.reason_zh


def bottom_of_ranking(ranking: Mapping[str, int | None], n: int = 3) -> set[str]:
    """Areas among the last ``n`` of a competition ranking; unranked (``None``) areas excluded.

    An area is in the bottom ``n`` when fewer than ``n`` ranked areas are strictly worse, so a
    tie at the boundary brings every tied area in (ranks 1, 2, 3, 3, 5 with ``n=3``: the two 3s
    and 5).
    """
    ranks = [r for r in ranking.values() if r is not None]
    return {a for a, r in ranking.items() if r is not None and sum(x > r for x in ranks) < n}


def bottom_ranking_notices(
    rankings: Sequence[tuple[str, Mapping[str, int | None]]], n: int = 3, weeks: int = 2
) -> list[Notice]:
    """Areas in the bottom ``n`` of the air-quality ranking in each of the last ``weeks``
    rankings (``rankings`` in time order as ``(label, {area: rank})``, e.g. ``("2019-W36", …)``).
    """
    if len(rankings) < weeks:
        return []
    last = rankings[-weeks:]
    labels = tuple(label for label, _ in last)
    common = set.intersection(*(bottom_of_ranking(r, n) for _, r in last))
    span = "、".join(labels)
    return [
        Notice(
            BOTTOM_RANKING,
            area,
            f"{area}空气质量排名连续{weeks}周处于后{n}位（{span}）",
            f"{area} ranked in the bottom {n} for air quality {weeks} weeks running "
            f"({', '.join(labels)})",
            labels,
        )
        for area in sorted(common)
    ]


def overdue_notices(rows: Iterable[LedgerRow], at_least: int = 1) -> list[Notice]:
    """Units with ``at_least`` overdue tasks on the dispatch (rows of ``Dispatch.by_unit``)."""
    out: list[Notice] = []
    for row in rows:
        if row.overdue < at_least:
            continue
        refs = row.overdue_tasks
        cited = f"：{'、'.join(refs)}" if refs else ""
        cited_en = f": {', '.join(refs)}" if refs else ""
        out.append(
            Notice(
                OVERDUE_TASKS,
                row.name,
                f"{row.name}有{row.overdue}项任务逾期未完成{cited}",
                f"{row.name} has {row.overdue} overdue task(s){cited_en}",
                refs,
            )
        )
    return out


def missing_report_notices(
    missing: Iterable[MissingReport], weeks: Sequence[IsoWeek], run: int = 2
) -> list[Notice]:
    """Units that missed reports in each of the last ``run`` of ``weeks`` (in time order)."""
    if len(weeks) < run:
        return []
    last = sorted(weeks)[-run:]
    by_week: dict[IsoWeek, set[str]] = {w: set() for w in last}
    for m in missing:
        if m.week in by_week:
            by_week[m.week].add(m.unit)
    units = set.intersection(*by_week.values())
    labels = tuple(str(w) for w in last)
    return [
        Notice(
            MISSING_REPORTS,
            unit,
            f"{unit}连续{run}周未按时报送进展情况（{'、'.join(labels)}）",
            f"{unit} did not report on time {run} weeks running ({', '.join(labels)})",
            labels,
        )
        for unit in sorted(units)
    ]


#: How often the 约谈 rule judges the improvement. ``"month"`` is the city plan's rule and the
#: default ("对每月空气质量改善幅度达不到目标任务…约谈属地主要负责同志", 石政发〔2019〕3号);
#: ``"quarter"`` the regional autumn-winter plan's ("对每季度空气质量改善幅度达不到目标任务…").
InterviewEvery = Literal["month", "quarter"]
INTERVIEW_EVERY: InterviewEvery = "month"


def judged_period(on: date, every: InterviewEvery = INTERVIEW_EVERY) -> Period:
    """The latest full calendar month (or quarter) that ends before ``on``, labelled as
    :func:`lantian.airquality.periods.parse_period` names it.

    Dispatch on 2019-09-06: month → ``2019-08``, quarter → ``2019-Q2``; on 2019-10-01: ``2019-09``
    and ``2019-Q3`` (a period ending the day before counts as full).
    """
    if every == "month":
        first = on.replace(day=1)
        last = first - timedelta(days=1)
        return Period(last.replace(day=1), last, f"{last.year}-{last.month:02d}")
    if every == "quarter":
        first = date(on.year, 3 * ((on.month - 1) // 3) + 1, 1)
        last = first - timedelta(days=1)
        q = (last.month - 1) // 3 + 1
        return Period(date(last.year, 3 * q - 2, 1), last, f"{last.year}-Q{q}")
    raise ValueError(
        f"约谈判定周期只能是 month 或 quarter / every must be month or quarter: {every!r}"
    )


def period_names(period: Period) -> tuple[str, str]:
    """Chinese and English names of a judged period: ``2019-08`` → ("2019年8月", "2019-08"),
    ``2019-Q3`` → ("2019年第3季度", "2019 Q3"); any other label is used for both."""
    label = period.label
    m = re.fullmatch(r"(\d{4})-(\d{2})", label)
    if m:
        return f"{m.group(1)}年{int(m.group(2))}月", label
    m = re.fullmatch(r"(\d{4})-Q([1-4])", label)
    if m:
        return f"{m.group(1)}年第{m.group(2)}季度", f"{m.group(1)} Q{m.group(2)}"
    return label, label


def change_percent(
    current: Number | None, previous: Number | None, rounding: Rounding = DEFAULT_ROUNDING
) -> float | None:
    """同比 change [%] = (C_t − C_t−1) / C_t−1 × 100, rounded to 0.1 (evaluation.md §10).

    Give the values as published (the display values), as ``Engine.yoy`` does: 118 against 93 →
    +26.9. ``None`` when either value is missing or last year's is 0. Computed exactly (no binary
    float on the way), rounded by ``rounding`` (GB/T 8170 by default).
    """
    if current is None or previous is None:
        return None
    prev = to_fraction(previous)
    if prev == 0:
        return None
    return float(round_to((to_fraction(current) - prev) / prev * 100, 1, rounding))


@dataclass(frozen=True)
class ChangeCheck:
    """One change target of ``area`` judged over one period: the metric's change against the
    same period of the previous year [%] and the required change [%] (the target's bound, −7 for
    "下降7%"). With ``op="<="`` (a decline target) a change above the required one falls short;
    with ``op=">="`` (an increase target, e.g. the good-day ratio) one below it does."""

    area: str
    metric_zh: str
    metric_en: str
    change: float | None
    required: float
    op: Literal["<=", ">="] = "<="

    @property
    def short(self) -> bool | None:
        """Whether the area fell short of the target (``None``: no change to judge)."""
        if self.change is None:
            return None
        if self.op == "<=":
            return self.change > self.required
        return self.change < self.required


def interview_notices(
    checks: Iterable[ChangeCheck], period_zh: str, period_en: str, ref: str | None = None
) -> list[Notice]:
    """约谈 candidates: "对每月空气质量改善幅度达不到目标任务的…约谈属地主要负责同志".

    One notice per area that fell short of at least one of its change targets over the period,
    citing every target it fell short of (in the order given); exactly meeting the required change
    is enough, and a check without a change is not judged. ``refs`` holds ``ref`` (the period's
    label, e.g. ``2019-08``; default ``period_zh``).
    """
    short: dict[str, list[ChangeCheck]] = {}
    for c in checks:
        if c.short:
            short.setdefault(c.area, []).append(c)
    out: list[Notice] = []
    for area in sorted(short):
        cited = short[area]
        zh = "；".join(
            f"{c.metric_zh}同比变化{c.change:+.1f}%，未达到{c.required:+.1f}%的改善目标"
            for c in cited
        )
        en = "; ".join(
            f"{c.metric_en} changed {c.change:+.1f}% year on year, short of the "
            f"{c.required:+.1f}% target"
            for c in cited
        )
        out.append(
            Notice(
                INTERVIEW,
                area,
                f"{area}{period_zh}{zh}，建议约谈属地主要负责同志",
                f"{area}, {period_en}: {en}; its leaders are candidates for an interview (约谈)",
                (ref or period_zh,),
            )
        )
    return out


def interview_candidates(
    changes: Mapping[str, float | None],
    required: float | Mapping[str, float],
    month: str,
    metric_zh: str = "PM2.5平均浓度",
    metric_en: str = "PM2.5 mean",
    month_en: str | None = None,
) -> list[Notice]:
    """约谈 candidates for one metric (:func:`interview_notices` for one decline target).

    ``changes`` is each area's change of the metric in ``month`` against the same month of the
    previous year [%] (−8.0 = an 8 % decline); ``required`` the target change [%] (−7 for "下降
    7%"), one for all areas or one per area. An area whose change is above its required change
    (it improved less) is a candidate; an area without a value or a requirement is not judged.
    """
    checks = []
    for area, change in changes.items():
        need = required.get(area) if isinstance(required, Mapping) else required
        if need is not None:
            checks.append(ChangeCheck(area, metric_zh, metric_en, change, need))
    return interview_notices(checks, month, month_en or month, month)
