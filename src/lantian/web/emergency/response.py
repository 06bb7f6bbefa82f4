"""While a warning is in force: whom to notify with what, the heavy-truck transport restrictions,
the inspection draw and the inspection records; and the notice's data for the Word document.

The measures are the core's: :class:`~lantian.emergency.lines.ReductionList` of the city's
active lines resolves each line's measure at the level in force (its own, else the industry
default for its enterprise's grade).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions

from lantian.emergency.decision import Decision
from lantian.emergency.industries import industry
from lantian.emergency.levels import POLLUTANTS, Level
from lantian.emergency.lifecycle import WarningRecord
from lantian.emergency.lines import Line, ReductionList
from lantian.emergency.measures import Kind, Measure, Transport
from lantian.web.audit.audited import audited
from lantian.web.emergency import core, desk, scopes
from lantian.web.emergency import models as m
from lantian.web.emergency.draw import Candidate, weighted_draw, weights
from lantian.web.emergency.forecasting import decide_for
from lantian.web.ledger import clock

#: Transport restrictions are listed from this level up (plan text: "橙色及以上重污染天气预警
#: 期间…不允许重型载货车进出厂区").
TRANSPORT_FROM = Level.ORANGE
#: Largest draw the platform makes at once.
MAX_DRAW = 200


def responder_or_403(user: Any) -> None:
    """403 unless the user gets the response lists (:func:`.scopes.can_respond`)."""
    if not scopes.can_respond(user):
        raise exceptions.PermissionDenied(_("Only the command office and inspectors may do this."))


def in_force_or_400(warning: m.Warning) -> Level:
    if warning.state != m.WarningState.ISSUED or not warning.level:
        raise exceptions.ValidationError({"warning": [_("The warning is not in force.")]})
    return Level(warning.level)


def acts(measure: Measure | None) -> bool:
    """Whether a measure asks anything of the line (自主减排 included: the enterprise decides)."""
    return measure is not None and (
        measure.kind is not Kind.NONE or measure.transport is not Transport.NONE
    )


@dataclass(frozen=True)
class LineNotice:
    """A line's measure at a level: its own (一厂一策) or the industry default."""

    line_id: str
    name: str
    industry: str
    grade: str
    measure: str
    own: bool
    share: float  # r: share of the baseline emission removed
    reductions: dict[str, float]  # [t/d]
    allowed_output: float | None
    capacity_unit: str
    transport: str


@dataclass
class EnterpriseNotice:
    """An enterprise to notify, with the measures of its lines at the level."""

    enterprise: m.Enterprise
    lines: list[LineNotice] = field(default_factory=list)

    @property
    def reductions(self) -> dict[str, float]:
        return {p: sum(ln.reductions[p] for ln in self.lines) for p in POLLUTANTS}


def line_notice(lst: ReductionList, ln: Line, level: Level) -> LineNotice:
    measure = lst.measure(ln, level)
    grade = lst.applied_grade(ln)
    return LineNotice(
        line_id=ln.line_id,
        name=ln.name,
        industry=industry(ln.industry).zh,
        grade=grade.value if grade is not None else ln.category.zh if ln.grade is None else "",
        measure=measure.zh if measure is not None else "",
        own=level in ln.own,
        share=lst.r(ln, level),
        reductions=lst.reduction(ln, level),
        allowed_output=lst.allowed_output(ln, level),
        capacity_unit=ln.capacity.unit if ln.capacity else "",
        transport=measure.transport.zh if measure is not None else "",
    )


def notification_for(
    city: Any, level: Level, lst: ReductionList | None = None
) -> list[EnterpriseNotice]:
    """Every enterprise of the city with a line whose measure at ``level`` asks something, with
    those lines (in list order)."""
    lst = lst if lst is not None else core.city_list(city)
    rows = {e.list_id: e for e in m.Enterprise.objects.filter(area=city)}
    out: dict[str, EnterpriseNotice] = {}
    for ln in lst.lines:
        if not acts(lst.measure(ln, level)):
            continue
        entry = out.setdefault(ln.enterprise_id, EnterpriseNotice(rows[ln.enterprise_id]))
        entry.lines.append(line_notice(lst, ln, level))
    return list(out.values())


def notification_list(
    warning: m.Warning, lst: ReductionList | None = None
) -> list[EnterpriseNotice]:
    """:func:`notification_for` the warning's city at the level in force (``lst``: the city's
    list when the caller has it already)."""
    return notification_for(warning.city, in_force_or_400(warning), lst)


def transport_list(
    warning: m.Warning, lst: ReductionList | None = None
) -> list[tuple[m.Enterprise, LineNotice]]:
    """Lines whose measure at the level in force restricts heavy trucks (orange and above);
    ``lst`` as for :func:`notification_list`."""
    level = in_force_or_400(warning)
    if level < TRANSPORT_FROM:
        return []
    lst = lst if lst is not None else core.city_list(warning.city)
    rows = {e.list_id: e for e in m.Enterprise.objects.filter(area=warning.city)}
    return [
        (rows[ln.enterprise_id], line_notice(lst, ln, level))
        for ln, _measure in lst.transport_restricted(level)
    ]


def enterprise_notices(
    enterprise: m.Enterprise, lst: ReductionList | None = None
) -> list[tuple[m.Warning, list[LineNotice]]]:
    """The warnings in force in the enterprise's city and what each asks of its lines (``lst``:
    the enterprise's list when the caller has it already)."""
    lst = lst if lst is not None else core.enterprise_list(enterprise)
    out = []
    in_force = m.Warning.objects.filter(city=enterprise.area, state=m.WarningState.ISSUED)
    for warning in in_force:
        level = Level(warning.level)
        out.append((warning, [line_notice(lst, ln, level) for ln in lst.lines]))
    return out


# --- the inspection draw ----------------------------------------------------------------------


def candidates(warning: m.Warning) -> list[Candidate]:
    """The enterprises notified at the level in force, weighted (:mod:`.draw`)."""
    notices = notification_list(warning)
    imported = core.latest_import(warning.city)
    daily = core.city_daily(imported) if imported is not None else None
    by_key = {n.enterprise.list_id: n for n in notices}
    w = weights({k: n.reductions for k, n in by_key.items()}, daily)
    return [Candidate(k, by_key[k].enterprise.name, w[k]) for k in sorted(by_key)]


def draw(user: Any, warning: m.Warning, size: int, seed: int | None = None) -> m.InspectionDraw:
    """Draw ``size`` enterprises to inspect (seed given, or chosen at random and stored)."""
    responder_or_403(user)
    if not 1 <= size <= MAX_DRAW:
        raise exceptions.ValidationError(
            {"size": [_("Draw between 1 and %(max)d enterprises.") % {"max": MAX_DRAW}]}
        )
    level = in_force_or_400(warning)
    seed = secrets.randbelow(2**31) if seed is None else seed
    pool = candidates(warning)
    ids = {e.list_id: e.pk for e in m.Enterprise.objects.filter(area=warning.city)}
    drawn = weighted_draw(pool, size, seed)
    row = m.InspectionDraw(
        warning=warning,
        level=level.value,
        seed=seed,
        size=size,
        population=len(pool),
        drawn=[
            {"enterprise": ids[c.key], "list_id": c.key, "name": c.label, "weight": c.weight}
            for c in drawn
        ],
        drawn_by=user,
        drawn_at=clock.now(),
    )
    with audited(user, row):
        row.save()
    return row


def record_inspection(user: Any, warning: m.Warning, valid: Mapping[str, Any]) -> m.Inspection:
    """Record an inspection (validated input: ``enterprise``, ``line``, ``at``, ``compliant``,
    ``findings``) of an enterprise of the warning's city."""
    responder_or_403(user)
    enterprise: m.Enterprise = valid["enterprise"]
    line: m.ProductionLine | None = valid.get("line")
    if enterprise.area_id != warning.city_id:
        raise exceptions.ValidationError(
            {"enterprise": [_("The enterprise is not in the warning's city.")]}
        )
    if line is not None and line.enterprise_id != enterprise.pk:
        raise exceptions.ValidationError({"line": [_("The line is not the enterprise's.")]})
    if warning.issued_at is None:
        raise exceptions.ValidationError({"warning": [_("The warning was never issued.")]})
    with transaction.atomic():
        row = m.Inspection(
            warning=warning,
            enterprise=enterprise,
            line=line,
            inspector=user,
            at=valid.get("at") or clock.now(),
            compliant=valid["compliant"],
            findings=valid.get("findings", ""),
            recorded_at=clock.now(),
        )
        with audited(user, row):
            row.save()
    return row


# --- the notice (Word document: another module builds it from these values) --------------------


@dataclass(frozen=True)
class NoticeInputs:
    """The core values a warning notice is written from (``lantian.emergency.notice_doc.
    notice_from(decision, record, reduction_list, city_daily=…, issuer=…)``)."""

    decision: Decision
    record: WarningRecord
    reduction_list: ReductionList
    city_daily: dict[str, float] | None


def notice_inputs(warning: m.Warning) -> NoticeInputs:
    """The warning's decision (taken again on its latest forecast, with the waiver it recorded),
    its record (its events replayed), the city's list and its daily emissions (``None`` without
    a list import)."""
    in_force_or_400(warning)
    if warning.forecast is None:
        raise exceptions.ValidationError({"warning": [_("The warning has no forecast.")]})
    waiver = (warning.decision or {}).get("waiver") or ""
    imported = core.latest_import(warning.city)
    return NoticeInputs(
        decision=decide_for(warning.forecast, waiver).decision,
        record=core.record_of(warning),
        reduction_list=core.city_list(warning.city),
        city_daily=core.city_daily(imported) if imported is not None else None,
    )


def _iso(moment: datetime | None) -> str | None:
    """ISO 8601 in the platform's time zone (Beijing time)."""
    return timezone.localtime(moment).isoformat() if moment is not None else None


def notice_data(warning: m.Warning) -> dict[str, Any]:
    """What a warning notice (预警通知) says, as plain values (text, numbers, ISO times, lists):
    the city, level and response grade, the rule and the forecast days behind it, the times, who
    signed, the lead time, and the enterprises to notify with each line's measure. (The Word
    document is written from :func:`notice_inputs` by the core's ``notice_from``, not from
    this.)"""
    level = in_force_or_400(warning)
    issue = warning.events.filter(kind=m.EventKind.ISSUE).select_related("by").first()
    lt = desk.lead_time(warning)
    decision = warning.decision or {}
    lst = core.city_list(warning.city)
    notices = notification_list(warning, lst)
    transport = transport_list(warning, lst)
    return {
        "city": warning.city.name,
        "level": level.value,
        "level_zh": level.zh,
        "level_en": level.en,
        "response": level.response,
        "rule_zh": decision.get("rule_zh", ""),
        "rule_en": decision.get("rule_en", ""),
        "trigger": list(decision.get("trigger", [])),
        "issued_at": _iso(warning.issued_at),
        "measures_start": _iso(warning.measures_start),
        "expected_end": _iso(warning.expected_end),
        "approver": issue.approver if issue else "",
        "issued_by": issue.by.get_username() if issue else "",
        "lead_time_hours": lt.achieved_hours if lt else None,
        "lead_time_required_hours": warning.required_lead_hours,
        "lead_time_met": lt.met if lt else None,
        "enterprises": [
            {
                "list_id": n.enterprise.list_id,
                "name": n.enterprise.name,
                "synthetic": n.enterprise.synthetic,
                "lines": [
                    {"line_id": ln.line_id, "name": ln.name, "measure": ln.measure, "own": ln.own}
                    for ln in n.lines
                ],
            }
            for n in notices
        ],
        "transport_restricted": [
            {"list_id": e.list_id, "name": e.name, "line_id": ln.line_id, "measure": ln.transport}
            for e, ln in transport
        ],
    }
