"""Changes of the list an enterprise proposes and the office decides: its own measures (一厂一策)
and its staggered-production calendar ("may not be changed at will").

A proposed measure is checked at once by the core — the enterprise's lines with the proposal in
place, through :meth:`~lantian.emergency.lines.ReductionList.problems` (which calls
``measures.check_not_weaker`` and ``check_exempt``): a weaker measure is refused with the core's
reason. It is applied only when the office approves (checked again then). A staggering change is
the core's :class:`~lantian.emergency.staggered.CalendarChange`: approved by someone other than
its requester, published on approval, and only then does it alter the calendar.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework import exceptions

from lantian.emergency.levels import Level
from lantian.emergency.lines import ReductionList
from lantian.emergency.measures import Kind, Measure, parse_measure
from lantian.emergency.staggered import (
    Calendar,
    CalendarChange,
    ChangeAction,
    StaggerPeriod,
    calendar_conflicts,
)
from lantian.web.audit.audited import audited
from lantian.web.emergency import core, scopes
from lantian.web.emergency import models as m
from lantian.web.emergency.core import to_period
from lantian.web.emergency.rows import ensure
from lantian.web.ledger import clock

#: ``kind`` of a change in URLs (``/api/emergency/changes/<kind>/<id>/decide/``) → its model.
CHANGE_MODELS: dict[str, type[m.MeasureChange] | type[m.StaggerChange]] = {
    "measure": m.MeasureChange,
    "staggered": m.StaggerChange,
}


def _refuse(field: str, message: str) -> exceptions.ValidationError:
    return exceptions.ValidationError({field: [message]})


def active_line_or_400(line: m.ProductionLine) -> None:
    if not line.active:
        raise _refuse("line", _("The line is no longer in the list."))


# --- own measures --------------------------------------------------------------------------------


def check_measure(line: m.ProductionLine, level: Level, measure: Measure) -> None:
    """The core's refusal of ``measure`` as the line's own measure at ``level`` (a 400 with its
    reason), checked with the enterprise's other lines as they are."""
    lines = list(core.enterprise_list(line.enterprise).lines)
    for i, ln in enumerate(lines):
        if ln.line_id == line.line_id:
            lines[i] = replace(ln, own={**ln.own, level: measure})
    problems = [
        p
        for p in ReductionList(tuple(lines)).problems()
        if p.line == line.line_id and p.level in (level, None)
    ]
    if problems:
        raise _refuse("measure", problems[0].reason)


def measure_in_force(line: m.ProductionLine, level: Level) -> str:
    """The measure the line takes at ``level`` now (its own, else the default; "" without)."""
    lst = core.enterprise_list(line.enterprise)
    for ln in lst.lines:
        if ln.line_id == line.line_id:
            measure = lst.measure(ln, level)
            return measure.zh if measure is not None else ""
    return ""


def propose_measure(user: Any, line: m.ProductionLine, valid: Mapping[str, Any]) -> m.MeasureChange:
    """An enterprise proposes its own measure for one of its lines at a level (validated input:
    ``level``, ``measure`` text, ``reason``)."""
    if not scopes.can_propose(user, line):
        raise exceptions.PermissionDenied(_("Only the line's enterprise may propose its measures."))
    active_line_or_400(line)
    level = Level(valid["level"])
    try:
        measure = parse_measure(valid["measure"])
    except ValueError as exc:
        raise _refuse("measure", str(exc)) from None
    check_measure(line, level, measure)
    with transaction.atomic():
        waiting = m.MeasureChange.objects.filter(
            line=line, level=level.value, status=m.ChangeStatus.PENDING
        )
        if waiting.exists():
            raise _refuse("level", _("A change of this measure is already waiting for the office."))
        row = m.MeasureChange(
            line=line,
            level=level.value,
            before=measure_in_force(line, level),
            reason=valid["reason"],
            requested_by=user,
            requested_at=clock.now(),
            **core.measure_fields(measure),
        )
        with audited(user, row):
            row.save()
    return row


def _apply_measure(user: Any, change: m.MeasureChange) -> None:
    level = Level(change.level)
    measure = core.to_measure(change)
    check_measure(change.line, level, measure)
    ensure(
        user,
        m.LineMeasure,
        {"line": change.line, "level": change.level},
        {**core.measure_fields(measure), "active": True},
    )


# --- staggered production ------------------------------------------------------------------------


def _after(line: m.ProductionLine, valid: Mapping[str, Any]) -> StaggerPeriod:
    kind = Kind(valid.get("kind") or "")
    value = valid.get("value") if kind is Kind.LIMIT else None
    try:
        return StaggerPeriod(
            line.line_id,
            valid["start"],
            valid["end"],
            Measure(kind, value),
            valid.get("baseline"),
        )
    except (KeyError, ValueError) as exc:
        raise _refuse(
            "non_field_errors",
            str(exc) if isinstance(exc, ValueError) else _("Start, end and measure are required."),
        ) from None


def core_change(change: m.StaggerChange) -> CalendarChange:
    """The stored change as the core's value (proposed)."""
    line_id = change.line.line_id
    after = None
    if change.action != m.StaggerAction.WITHDRAW:
        after = StaggerPeriod(
            line_id,
            change.start,
            change.end,
            Measure(Kind(change.kind), change.value),
            change.baseline,
        )
    return CalendarChange(
        change_id=str(change.pk or "new"),
        action=ChangeAction(change.action),
        line_id=line_id,
        reason=change.reason,
        requested_by=change.requested_by.get_username(),
        requested_at=change.requested_at,
        before=to_period(line_id, change.before) if change.before is not None else None,
        after=after,
    )


def propose_stagger(user: Any, line: m.ProductionLine, valid: Mapping[str, Any]) -> m.StaggerChange:
    """A change of the line's staggered-production calendar (validated input: ``action``,
    ``before`` period for modify and withdraw, ``start``, ``end``, ``kind``, ``value``,
    ``baseline``, ``reason``), proposed by the line's enterprise or by the office."""
    if not (scopes.can_propose(user, line) or scopes.is_office(user)):
        raise exceptions.PermissionDenied(
            _("Only the line's enterprise or the office may propose this.")
        )
    active_line_or_400(line)
    action = ChangeAction(valid["action"])
    before: m.StaggeredPeriod | None = valid.get("before")
    if before is not None and (before.line_id != line.pk or not before.active):
        raise _refuse("before", _("The period is not one in force on this line."))
    after = None if action is ChangeAction.WITHDRAW else _after(line, valid)
    row = m.StaggerChange(
        line=line,
        action=action.value,
        before=before,
        start=after.start if after else None,
        end=after.end if after else None,
        kind=after.measure.kind.value if after else "",
        value=after.measure.value if after else None,
        baseline=after.baseline if after else None,
        reason=valid.get("reason", ""),
        requested_by=user,
        requested_at=clock.now(),
    )
    try:
        proposed = core_change(row)
    except ValueError as exc:
        raise _refuse("non_field_errors", str(exc)) from None
    periods = [to_period(line.line_id, p) for p in line.periods.filter(active=True)]
    if proposed.before is not None:
        periods.remove(proposed.before)
    if proposed.after is not None:
        periods.append(proposed.after)
    conflicts = calendar_conflicts(core.enterprise_list(line.enterprise), Calendar(tuple(periods)))
    if conflicts:
        raise _refuse("non_field_errors", conflicts[0].reason)
    with audited(user, row):
        row.save()
    return row


def _apply_stagger(user: Any, change: m.StaggerChange) -> None:
    at = clock.now()
    try:
        core_change(change).approve(user.get_username(), at).publish(at)
    except ValueError as exc:  # e.g. the requester cannot decide its own change
        raise _refuse("decision", str(exc)) from None
    if change.before is not None:
        with audited(user, change.before):
            change.before.active = False
            change.before.save()
    if change.action != m.StaggerAction.WITHDRAW:
        period = m.StaggeredPeriod(
            line=change.line,
            start=change.start,
            end=change.end,
            kind=change.kind,
            value=change.value,
            baseline=change.baseline,
            source=_("change %(id)s") % {"id": change.pk},
        )
        with audited(user, period):
            period.save()
        change.result = period
    change.published_at = at


# --- the office's decision ---------------------------------------------------------------------


def decide(
    user: Any, kind: str, pk: int, valid: Mapping[str, Any]
) -> m.MeasureChange | m.StaggerChange:
    """The office approves (and thereby applies and publishes) a change, or sends it back with a
    reason; once."""
    if not scopes.is_office(user):
        raise exceptions.PermissionDenied(_("Only the command office decides changes."))
    if kind not in CHANGE_MODELS:
        raise exceptions.NotFound(_("Unknown kind of change."))
    model = CHANGE_MODELS[kind]
    with transaction.atomic():
        change = get_object_or_404(model.objects.select_for_update(), pk=pk)
        if change.status != m.ChangeStatus.PENDING:
            raise _refuse("decision", _("This change has already been decided."))
        decision = valid["decision"]
        reason = valid.get("reason", "").strip()
        if decision == m.ChangeStatus.SENT_BACK and not reason:
            raise _refuse("reason", _("A change is sent back with a reason."))
        with audited(user, change, action=f"decide_{kind}_change"):
            if decision == m.ChangeStatus.APPROVED:
                if isinstance(change, m.MeasureChange):
                    _apply_measure(user, change)
                else:
                    _apply_stagger(user, change)
            change.status = decision
            change.decision_reason = reason
            change.decided_by = user
            change.decided_at = clock.now()
            change.save()
    return change
