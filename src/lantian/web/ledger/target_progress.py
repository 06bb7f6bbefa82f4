"""The plan targets on a dispatch day: progress per area and the 约谈 checks.

Targets are the ledger's :class:`~lantian.web.ledger.models.PlanTarget` rows seen as the engine's
:class:`~lantian.airquality.targets.Target`; every statistic comes from one memoising
:class:`~lantian.airquality.engine_stats.EngineStats` (computed from station hours, else the
published city daily values, as :func:`lantian.airquality.targets.progress` takes them). The
engine's area names are joined to ledger areas by :mod:`.area_match`.

- **Progress** (``docs/ledger.md`` §Dispatch): each target on the dispatch day, as the dashboard
  shows it (:func:`lantian.web.dashboard.summary.target_row`: value so far, bound, what the
  remaining days must average, status), grouped by area.
- **约谈 checks** (``docs/ledger_rules.md`` §Notices): each change target (``PlanTarget.change``)
  whose period holds the judged period (:func:`lantian.planning.notices.judged_period`: the last
  full month before the dispatch day, or quarter) compares the area's value of that period with
  the same period a year before; the rule is :func:`lantian.planning.notices.interview_notices`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from lantian.airquality.engine_stats import EngineStats
from lantian.airquality.periods import Period
from lantian.airquality.targets import METRICS, Target
from lantian.planning import notices as rules
from lantian.web.dashboard.summary import target_row
from lantian.web.ledger.models import PlanTarget
from lantian.web.org.models import Area

Matcher = Callable[[str], Area | None]


def plan_targets() -> list[Target]:
    """Every stored plan target, plan by plan in the order entered."""
    return [t.to_target() for t in PlanTarget.objects.order_by("plan_id", "pk")]


def target_label(target: Target) -> str:
    """The target's own label, else one made from it: ``PM2.5平均浓度 ≤ 67 µg/m³``, a change
    target ``PM2.5平均浓度同比 ≤ -7%``."""
    if target.label:
        return target.label
    zh, _en, unit, _kind = METRICS[target.metric]
    sign = "≤" if target.op == "<=" else "≥"
    if target.change:
        return f"{zh}同比 {sign} {target.bound:+g}%"
    return f"{zh} {sign} {target.bound:g} {unit}".rstrip()


def _ledger_name(match: Matcher, engine_name: str) -> str:
    area = match(engine_name)
    return engine_name if area is None else area.name


def progress_by_area(
    stats: EngineStats, targets: list[Target], on: date, match: Matcher
) -> list[dict[str, Any]]:
    """``[{area, engine_area, matched, targets: [row]}]`` in the order the areas first occur;
    ``area`` is the ledger area's name (the engine's when no ledger area matches)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for target in targets:
        row = target_row(target, stats, on)
        row["label"] = target_label(target)
        groups.setdefault(target.area, []).append(row)
    return [
        {
            "area": _ledger_name(match, name),
            "engine_area": name,
            "matched": match(name) is not None,
            "targets": rows,
        }
        for name, rows in groups.items()
    ]


@dataclass(frozen=True)
class InterviewChecks:
    """The change targets judged over ``period`` (against ``previous``, a year before)."""

    every: str
    period: Period
    previous: Period
    checks: list[rules.ChangeCheck]
    rows: list[dict[str, Any]]

    def notices(self) -> list[rules.Notice]:
        zh, en = rules.period_names(self.period)
        return rules.interview_notices(self.checks, zh, en, self.period.label)

    def as_json(self) -> dict[str, Any]:
        return {
            "store": True,
            "every": self.every,
            "period": self.period.label,
            "previous_period": self.previous.label,
            "checks": self.rows,
            "candidates": [n.recipient for n in self.notices()],
        }


def _covers(outer: Period, inner: Period) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _shown(row: Any, metric: str) -> Any:
    """The metric's value as published (display value), or ``None``."""
    return None if not row else row.get(f"{metric}_display")


def _number(v: Any) -> float | int | None:
    if v is None:
        return None
    f = float(v)
    return int(f) if f.is_integer() else f


def interview_checks(
    stats: EngineStats,
    targets: list[Target],
    on: date,
    match: Matcher,
    every: rules.InterviewEvery = rules.INTERVIEW_EVERY,
) -> InterviewChecks:
    """The change targets judged over the last full month (``every="quarter"``: quarter)
    before ``on``; a target whose period does not hold that month is not judged."""
    period = rules.judged_period(on, every)
    previous = period.previous_year()
    checks: list[rules.ChangeCheck] = []
    rows: list[dict[str, Any]] = []
    for target in targets:
        if not target.change or not _covers(target.period, period):
            continue
        now = stats.area_stats(period, target.area)
        before = stats.area_stats(previous, target.area)
        value, last = _shown(now, target.metric), _shown(before, target.metric)
        change = rules.change_percent(value, last)
        zh, en, unit, _kind = METRICS[target.metric]
        check = rules.ChangeCheck(
            _ledger_name(match, target.area), zh, en, change, target.bound, target.op
        )
        checks.append(check)
        rows.append(
            {
                "area": check.area,
                "engine_area": target.area,
                "label": target_label(target),
                "metric": target.metric,
                "metric_zh": zh,
                "metric_en": en,
                "unit": unit,
                "value": _number(value),
                "valid_days": int(now["valid_days"]) if now else 0,
                "source": now.get("source") if now else None,
                "last_year": _number(last),
                "last_year_valid_days": int(before["valid_days"]) if before else 0,
                "last_year_source": before.get("source") if before else None,
                "change": change,
                "required": target.bound,
                "op": target.op,
                "op_sign": "≤" if target.op == "<=" else "≥",
                "candidate": check.short,
            }
        )
    return InterviewChecks(every, period, previous, checks, rows)


def no_store_checks(
    on: date, every: rules.InterviewEvery = rules.INTERVIEW_EVERY
) -> dict[str, Any]:
    """What :meth:`InterviewChecks.as_json` says without a measurement store."""
    period = rules.judged_period(on, every)
    return {
        "store": False,
        "every": every,
        "period": period.label,
        "previous_period": period.previous_year().label,
        "checks": None,
        "candidates": None,
    }
