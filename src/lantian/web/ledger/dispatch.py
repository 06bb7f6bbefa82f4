"""The weekly dispatch (每周调度) from the stored ledger: the rows go through
:func:`lantian.planning.dispatch.weekly_dispatch`, the air-quality ranks and the plan targets'
progress through the engine (as the dashboard obtains them, :mod:`lantian.web.dashboard.summary`;
targets: :mod:`.target_progress`). Engine areas are joined to ledger areas by :mod:`.area_match`.
The engine work is done once per request and kept while the store is unchanged
(:mod:`.air_cache`).

Who sees what (``docs/ledger.md`` §Dispatch): the command office every row; a department only
its unit's row; an area only the rows of its area and the areas below it. The air-quality ranking
of areas and the targets' progress are public and shown to every reader; the 约谈 candidates only
to the command office (the others see the notices addressed to them on the notices page).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings

from lantian.airquality.engine_stats import EngineStats
from lantian.airquality.periods import Period
from lantian.airquality.targets import Target
from lantian.planning import notices as rules
from lantian.planning.dispatch import Dispatch, LedgerRow, weekly_dispatch
from lantian.planning.status import missing_reports
from lantian.planning.weeks import IsoWeek
from lantian.web.access import own_area_ids, role_of
from lantian.web.dashboard.summary import RANK_BY
from lantian.web.ledger import core
from lantian.web.ledger import models as m
from lantian.web.ledger import target_progress as tp
from lantian.web.ledger.air_cache import AirData
from lantian.web.ledger.area_match import area_matcher
from lantian.web.org.models import Area
from lantian.web.org.roles import Role


@dataclass(frozen=True)
class LedgerValues:
    """The whole ledger as the rules' values (the dispatch ranks every unit and area)."""

    tasks: list[Any]
    reports: list[Any]
    extensions: list[Any]
    closings: list[Any]


def ledger_values() -> LedgerValues:
    rows = m.Task.objects.prefetch_related(*core.TASK_PREFETCH).order_by("plan_id", "pk")
    tasks, reports, extensions, closings = [], [], [], []
    for task in rows:
        tasks.append(core.to_core_task(task))
        reports += [core.to_core_report(r) for r in task.reports.all()]
        extensions += [core.to_core_extension(x) for x in task.extensionrequests.all()]
        closings += [core.to_core_closing(c) for c in task.closingrequests.all()]
    return LedgerValues(tasks, reports, extensions, closings)


def dispatch_on(values: LedgerValues, on: date) -> Dispatch:
    return weekly_dispatch(values.tasks, values.reports, values.extensions, values.closings, on)


def missing_in_weeks(values: LedgerValues, weeks: list[IsoWeek], on: date) -> list[Any]:
    """Missing reports of ``weeks`` (rule: :func:`lantian.planning.status.missing_reports`)."""
    return missing_reports(
        values.tasks, values.reports, values.extensions, values.closings, weeks, on
    )


def air_week(on: date) -> IsoWeek:
    """The week whose air quality the dispatch of ``on`` ranks: the last full ISO week before."""
    return IsoWeek.of(on).shift(-1)


def store_path() -> Path:
    return Path(settings.LANTIAN_DATA_DIR) / "store"


def air_data() -> AirData | None:
    """The measurement store for one request (``None`` without a store): its results are
    computed once and cached per store version (:mod:`.air_cache`)."""
    return AirData.open(store_path())


def air_ranking(week: IsoWeek, air: AirData | None) -> dict[str, int | None] | None:
    """``{area: rank}`` of the areas by composite index over ``week`` (数据不足: ``None``);
    ``None`` when no measurement store exists."""
    if air is None:
        return None
    return air.ranking(Period(week.monday, week.sunday, str(week)))


def engine_stats(air: AirData | None, targets: list[Target]) -> EngineStats | None:
    """A statistics adapter for ``targets`` (``None`` without a store): each statistic is asked
    for all the targets' areas at once, computed once per request and cached per store
    version."""
    return None if air is None else air.stats(t.area for t in targets)


def ledger_ranks(ranking: dict[str, int | None], match: tp.Matcher) -> dict[str, int | None]:
    """The engine's ``{area: rank}`` keyed by ledger area name (:mod:`.area_match`); an
    unmatched area keeps the engine's name. Should two engine areas match one ledger area, the
    first in the ranking's order keeps it."""
    out: dict[str, int | None] = {}
    for name, rank in ranking.items():
        area = match(name)
        out.setdefault(name if area is None else area.name, rank)
    return out


def visible_rows(user: Any, d: Dispatch) -> tuple[list[LedgerRow], list[LedgerRow]]:
    """The unit rows and area rows ``user`` may see (see the module's docstring)."""
    role = role_of(user)
    if role == Role.COMMAND_OFFICE:
        return list(d.by_unit), list(d.by_area)
    if role == Role.DEPARTMENT and user.unit is not None:
        return [r for r in d.by_unit if r.name == user.unit.name], []
    if role == Role.AREA:
        names = set(
            Area.objects.filter(pk__in=own_area_ids(user) or []).values_list("name", flat=True)
        )
        return [], [r for r in d.by_area if r.name in names]
    return [], []


def row_json(row: LedgerRow) -> dict[str, Any]:
    """The row's fields (tuples as lists) plus its derived ``progress``."""
    out = dataclasses.asdict(row)
    out["overdue_tasks"] = list(row.overdue_tasks)
    out["progress"] = round(row.progress, 4)
    return out


def dispatch_summary(
    user: Any, on: date, every: rules.InterviewEvery = rules.INTERVIEW_EVERY
) -> dict[str, Any]:
    """What ``/ledger/dispatch/`` and ``/api/dispatch/`` show to ``user`` on ``on``."""
    d = dispatch_on(ledger_values(), on)
    units, areas = visible_rows(user, d)
    week = air_week(on)
    air = air_data()
    ranking = air_ranking(week, air)
    match = area_matcher()
    ranks = {} if ranking is None else ledger_ranks(ranking, match)
    area_rows = []
    for row in areas:
        item = row_json(row)
        item["air_rank"] = None if ranking is None else ranks.get(row.name)
        area_rows.append(item)
    targets = tp.plan_targets()
    stats = engine_stats(air, targets)
    interview: dict[str, Any] | None = None
    if role_of(user) == Role.COMMAND_OFFICE:
        interview = (
            tp.no_store_checks(on, every)
            if stats is None
            else tp.interview_checks(stats, targets, on, match, every).as_json()
        )
    return {
        "on": on.isoformat(),
        "week": str(IsoWeek.of(on)),
        "report_week": str(d.report_week),
        "units": [row_json(r) for r in units],
        "areas": area_rows,
        "air_quality": {
            "store": ranking is not None,
            "week": str(week),
            "by": RANK_BY,
            "ranking": None
            if ranking is None
            else [{"area": a, "rank": r} for a, r in sorted(ranking.items(), key=_rank_order)],
        },
        "target_progress": {
            "store": stats is not None,
            "as_of": on.isoformat(),
            "areas": None if stats is None else tp.progress_by_area(stats, targets, on, match),
        },
        "interview": interview,
    }


def _rank_order(item: tuple[str, int | None]) -> tuple[int, str]:
    area, rank = item
    return (rank if rank is not None else 10**6, area)
