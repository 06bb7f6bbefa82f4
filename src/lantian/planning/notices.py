"""Warning notices (预警通知) and 约谈 candidates, one small function per written rule.

Each rule takes plain values (rankings as ``{area: rank}``, dispatch rows, missing reports,
monthly changes) and returns :class:`Notice` values with the reason in Chinese and English. The
rules and their parameters are listed in ``docs/ledger_rules.md`` §Notices.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from lantian.planning.dispatch import LedgerRow
from lantian.planning.status import MissingReport
from lantian.planning.weeks import IsoWeek

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


def interview_candidates(
    changes: Mapping[str, float | None],
    required: float | Mapping[str, float],
    month: str,
    metric_zh: str = "PM2.5平均浓度",
    metric_en: str = "PM2.5 mean",
) -> list[Notice]:
    """约谈 candidates: "对每月空气质量改善幅度达不到目标任务的…约谈属地主要负责同志".

    ``changes`` is each area's change of the metric in ``month`` against the same month of the
    previous year [%] (−8.0 = an 8 % decline); ``required`` the target change [%] (−7 for "下降
    7%"), one for all areas or one per area. An area whose change is above its required change
    (it improved less) is a candidate; an area without a value or a requirement is not judged.
    """
    out: list[Notice] = []
    for area in sorted(changes):
        change = changes[area]
        need = required.get(area) if isinstance(required, Mapping) else required
        if change is None or need is None or change <= need:
            continue
        out.append(
            Notice(
                INTERVIEW,
                area,
                f"{area}{month}{metric_zh}同比变化{change:+.1f}%，未达到{need:+.1f}%的改善目标，"
                "建议约谈属地主要负责同志",
                f"{area}: {metric_en} changed {change:+.1f}% year on year in {month}, short of the "
                f"{need:+.1f}% target; its leaders are candidates for an interview (约谈)",
                (month,),
            )
        )
    return out
