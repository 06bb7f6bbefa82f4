"""The warning's life cycle on the platform: 研判 → 发布 → 升级/降级 → 解除, ONLY through
:mod:`lantian.emergency.lifecycle`.

Each action builds the core's event, replays the warning's stored events and applies the new
one; a transition the core refuses is a 400 with its reason, and nothing is stored. The stored
:class:`~.models.WarningEvent` keeps the event as given (so replaying gives the record back);
the warning's own fields are what the record says after it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import exceptions

from lantian.emergency import lifecycle as lc
from lantian.emergency.levels import Level
from lantian.web.audit.audited import audited
from lantian.web.emergency import core, receipts
from lantian.web.emergency import models as m
from lantian.web.emergency.forecasting import Assessment, decide_for, office_or_403
from lantian.web.ledger import clock

#: Events :func:`act` takes (an assessment comes from a forecast: :func:`assess`).
ACTIONS = (lc.Kind.ISSUE, lc.Kind.UPGRADE, lc.Kind.DOWNGRADE, lc.Kind.LIFT)


def _level_text(level: Level | None) -> str:
    return level.value if level is not None else ""


def _sync(warning: m.Warning, record: lc.WarningRecord) -> None:
    """The warning's fields as the record gives them."""
    warning.state = record.state.value
    warning.level = _level_text(record.level)
    warning.assessed_level = _level_text(record.assessed_level)
    warning.issued_at = record.issued_at
    warning.first_measures_start = record.first_measures_start
    warning.measures_start = record.measures_start
    warning.expected_end = record.expected_end
    warning.lifted_at = record.lifted_at


def _take_decision(warning: m.Warning, assessment: Assessment) -> None:
    d = assessment.decision
    warning.decision = assessment.to_dict()
    warning.forecast = assessment.forecast
    warning.episode_start = d.start
    warning.episode_end = d.end
    if warning.issued_at is None:  # the lead time is that of the first issue
        warning.required_lead_hours = d.lead_time_hours


def _store_event(
    user: Any,
    warning: m.Warning,
    event: lc.Event,
    record: lc.WarningRecord,
    assessment: Assessment | None,
) -> m.WarningEvent:
    change = record.history[-1]
    row = m.WarningEvent(
        warning=warning,
        kind=event.kind.value,
        at=event.at,
        by=user,
        approver=event.approver.strip(),
        level=_level_text(event.level),
        level_before=_level_text(change.level_before),
        level_after=_level_text(change.level_after),
        measures_start=event.measures_start,
        expected_end=event.expected_end,
        forecast=assessment.forecast if assessment else None,
        decision=assessment.to_dict() if assessment else None,
        note=event.reason,
    )
    with audited(user, row):
        row.save()
    return row


def open_warning(city: Any) -> m.Warning | None:
    """The city's warning not yet lifted (one at a time), or ``None``."""
    return m.Warning.objects.filter(city=city).exclude(state=m.WarningState.LIFTED).first()


def assess(user: Any, forecast: m.Forecast, waiver: str = "", note: str = "") -> m.WarningEvent:
    """研判: the decision for ``forecast`` recorded on the city's open warning, or on a new one
    (a forecast meeting no level opens none)."""
    office_or_403(user)
    assessment = decide_for(forecast, waiver)
    d = assessment.decision
    event = lc.assess(
        clock.now(),
        user.get_username(),
        d.level,
        forecast=d.forecast,
        expected_end=d.end,
        reason=note,
    )
    with transaction.atomic():
        warning = open_warning(forecast.city)
        try:
            if warning is None:
                if d.level is None:
                    raise exceptions.ValidationError(
                        {"forecast": [_("The forecast meets no warning level: no warning opened.")]}
                    )
                record = lc.WarningRecord.open(forecast.city.name, event)
                warning = m.Warning(city=forecast.city, opened_by=user, opened_at=event.at)
            else:
                record = core.record_of(warning).apply(event)
        except lc.TransitionError as exc:
            raise exceptions.ValidationError({"kind": [exc.reason]}) from None
        with audited(user, warning):
            _sync(warning, record)
            _take_decision(warning, assessment)
            warning.save()
        return _store_event(user, warning, event, record, assessment)


def act(user: Any, warning: m.Warning, valid: Mapping[str, Any]) -> m.WarningEvent:
    """Issue, upgrade, downgrade or lift ``warning`` (validated input: ``kind``, ``approver``,
    ``level``, ``measures_start``, ``expected_end``, ``forecast``, ``note``); the core decides
    whether the warning may take it."""
    office_or_403(user)
    kind = lc.Kind(valid["kind"])
    if kind not in ACTIONS:
        raise exceptions.ValidationError({"kind": [_("Unknown action.")]})
    forecast: m.Forecast | None = valid.get("forecast")
    if forecast is not None and forecast.city_id != warning.city_id:
        raise exceptions.ValidationError(
            {"forecast": [_("The forecast is for another city than the warning.")]}
        )
    assessment = decide_for(forecast) if forecast is not None else None
    level = valid.get("level")
    event = lc.Event(
        kind=kind,
        at=clock.now(),
        by=user.get_username(),
        level=Level(level) if level else None,
        measures_start=valid.get("measures_start"),
        expected_end=valid.get("expected_end"),
        approver=valid.get("approver", ""),
        forecast=assessment.decision.forecast if assessment else None,
        reason=valid.get("note", ""),
    )
    with transaction.atomic():
        locked = m.Warning.objects.select_for_update().get(pk=warning.pk)
        try:
            record = core.record_of(locked).apply(event)
        except lc.TransitionError as exc:
            raise exceptions.ValidationError({"kind": [exc.reason]}) from None
        with audited(user, locked):
            _sync(locked, record)
            if assessment is not None:
                _take_decision(locked, assessment)
            locked.save()
        row = _store_event(user, locked, event, record, assessment)
        receipts.notify_enterprises(locked, row)
        return row


@dataclass(frozen=True)
class LeadTimeView:
    """Lead time of the first issue against the required one."""

    achieved_hours: float
    required_hours: int
    met: bool


def lead_time(warning: m.Warning) -> LeadTimeView | None:
    """Start of the measures of the first issue − issue time (the core's ``lead_time``)."""
    if warning.issued_at is None:
        return None
    lt = core.record_of(warning).lead_time(warning.required_lead_hours)
    if lt is None:
        return None
    return LeadTimeView(round(lt.hours, 2), warning.required_lead_hours, lt.met)


def issue_defaults(warning: m.Warning, now: datetime | None = None) -> dict[str, Any]:
    """What the issue form proposes: the assessed level, the episode's start (or now, when the
    episode has begun) and its end."""
    now = now or clock.now()
    start = warning.episode_start
    return {
        "level": warning.assessed_level,
        "measures_start": start if start is not None and start >= now else now,
        "expected_end": warning.episode_end,
    }
