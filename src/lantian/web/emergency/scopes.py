"""Who may see and change the emergency response, registered with the one access module
(``docs/access.md`` §Emergency, ``docs/emergency_platform.md``).

- command office: everything; it uploads forecasts, decides and moves warnings through their
  life cycle, imports the list, approves or sends back changes, draws and inspects;
- inspector: every issued warning with its events, the notification, transport and inspection
  lists, the enterprises and their lines (read-only); draws and records inspections;
- department, area: the issued warnings with their events, and the list check's summary per
  level and pollutant — no enterprise, line or measure;
- enterprise: its own enterprise only (lines, measures per level, the changes it proposed, its
  inspections) and the issued warnings (what it must do);
- public (anonymous): the warnings in force, without who issued them.

The notices of warning events to enterprises (:class:`~.models.NoticeReceipt`): the office and
inspectors read them all (the acknowledgement status), an enterprise its own and only it
acknowledges them (the office does not sign for an enterprise).

An object of a kind the role may read but outside its scope answers 404 (its existence is not
leaked); a kind the role may not read at all answers 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from lantian.web.access import register_scope, role_of
from lantian.web.emergency import models as m
from lantian.web.org.roles import Role

INTERNAL = frozenset({Role.COMMAND_OFFICE, Role.DEPARTMENT, Role.AREA, Role.INSPECTOR})
RESPONDERS = frozenset({Role.COMMAND_OFFICE, Role.INSPECTOR})


def is_office(user: Any) -> bool:
    """The command office decides everything of the emergency response."""
    return role_of(user) == Role.COMMAND_OFFICE


def enterprise_of(user: Any) -> m.Enterprise | None:
    """The enterprise an enterprise user acts for (``None``: not linked, or another role)."""
    if role_of(user) != Role.ENTERPRISE:
        return None
    link = m.EnterpriseUser.objects.select_related("enterprise").filter(user_id=user.pk).first()
    return link.enterprise if link is not None else None


def is_enterprise(user: Any) -> bool:
    return role_of(user) == Role.ENTERPRISE


def can_see_warning_record(user: Any) -> bool:
    """The events of a warning (who issued, approved, when) and its decision: internal roles."""
    return role_of(user) in INTERNAL


def can_respond(user: Any) -> bool:
    """The notification, transport and inspection lists, draws and inspection records."""
    return role_of(user) in RESPONDERS


def can_read_list_summary(user: Any) -> bool:
    """The list check per level and pollutant (no enterprise details): internal roles."""
    return role_of(user) in INTERNAL


def can_list_enterprises(user: Any) -> bool:
    """The enterprise directory: the office and inspectors."""
    return role_of(user) in RESPONDERS


def can_read_enterprise(user: Any, enterprise: m.Enterprise) -> bool:
    return enterprises_visible_to(user).filter(pk=enterprise.pk).exists()


def can_propose(user: Any, line: m.ProductionLine) -> bool:
    """Only a user of the line's enterprise proposes its own measures and staggering changes."""
    own = enterprise_of(user)
    return own is not None and own.pk == line.enterprise_id


@register_scope(m.Forecast)
def forecasts_visible_to(user: Any) -> QuerySet[m.Forecast]:
    return m.Forecast.objects.all() if is_office(user) else m.Forecast.objects.none()


@register_scope(m.LocalRule)
def local_rules_visible_to(user: Any) -> QuerySet[m.LocalRule]:
    return m.LocalRule.objects.all() if is_office(user) else m.LocalRule.objects.none()


@register_scope(m.RegionalDirective)
def directives_visible_to(user: Any) -> QuerySet[m.RegionalDirective]:
    qs = m.RegionalDirective.objects.all()
    return qs if is_office(user) else qs.none()


@register_scope(m.ListImport)
def list_imports_visible_to(user: Any) -> QuerySet[m.ListImport]:
    qs = m.ListImport.objects.all()
    return qs if can_read_list_summary(user) else qs.none()


@register_scope(m.CalendarImport)
def calendar_imports_visible_to(user: Any) -> QuerySet[m.CalendarImport]:
    """The record of the calendar files imported: the office and inspectors (as on the page)."""
    qs = m.CalendarImport.objects.all()
    return qs if can_respond(user) else qs.none()


@register_scope(m.Warning)
def warnings_visible_to(user: Any) -> QuerySet[m.Warning]:
    """Office: every warning, assessments included; other logged-in users: every warning ever
    issued (in force or lifted); the public: the warnings in force."""
    qs = m.Warning.objects.select_related("city")
    role = role_of(user)
    if role == Role.COMMAND_OFFICE:
        return qs.all()
    if role == Role.PUBLIC:
        return qs.filter(state=m.WarningState.ISSUED)
    return qs.filter(issued_at__isnull=False)


@register_scope(m.WarningEvent)
def warning_events_visible_to(user: Any) -> QuerySet[m.WarningEvent]:
    if not can_see_warning_record(user):
        return m.WarningEvent.objects.none()
    return m.WarningEvent.objects.filter(warning__in=warnings_visible_to(user))


@register_scope(m.Enterprise)
def enterprises_visible_to(user: Any) -> QuerySet[m.Enterprise]:
    qs = m.Enterprise.objects.select_related("area")
    if can_list_enterprises(user):
        return qs.all()
    own = enterprise_of(user)
    return qs.filter(pk=own.pk) if own is not None else qs.none()


@register_scope(m.EnterpriseUser)
def enterprise_users_visible_to(user: Any) -> QuerySet[m.EnterpriseUser]:
    qs = m.EnterpriseUser.objects.all()
    if is_office(user):
        return qs
    return qs.filter(user_id=user.pk) if is_enterprise(user) else qs.none()


@register_scope(m.ProductionLine)
def lines_visible_to(user: Any) -> QuerySet[m.ProductionLine]:
    return m.ProductionLine.objects.filter(enterprise__in=enterprises_visible_to(user))


@register_scope(m.LineMeasure)
def measures_visible_to(user: Any) -> QuerySet[m.LineMeasure]:
    return m.LineMeasure.objects.filter(line__in=lines_visible_to(user))


@register_scope(m.StaggeredPeriod)
def periods_visible_to(user: Any) -> QuerySet[m.StaggeredPeriod]:
    return m.StaggeredPeriod.objects.filter(line__in=lines_visible_to(user))


def _changes(user: Any, model: type[m.MeasureChange] | type[m.StaggerChange]) -> QuerySet[Any]:
    qs = model.objects.select_related("line__enterprise")
    if is_office(user):
        return qs.all()
    own = enterprise_of(user)
    return qs.filter(line__enterprise=own) if own is not None else qs.none()


@register_scope(m.MeasureChange)
def measure_changes_visible_to(user: Any) -> QuerySet[m.MeasureChange]:
    """The office every change; an enterprise the changes of its own lines."""
    return _changes(user, m.MeasureChange)


@register_scope(m.StaggerChange)
def stagger_changes_visible_to(user: Any) -> QuerySet[m.StaggerChange]:
    return _changes(user, m.StaggerChange)


@register_scope(m.InspectionDraw)
def draws_visible_to(user: Any) -> QuerySet[m.InspectionDraw]:
    qs = m.InspectionDraw.objects.all()
    return qs if can_respond(user) else qs.none()


@register_scope(m.Inspection)
def inspections_visible_to(user: Any) -> QuerySet[m.Inspection]:
    """Office and inspectors every inspection; an enterprise those of its own enterprise."""
    qs = m.Inspection.objects.select_related("enterprise", "line", "inspector")
    if can_respond(user):
        return qs.all()
    own = enterprise_of(user)
    return qs.filter(enterprise=own) if own is not None else qs.none()


def can_read_receipts(user: Any) -> bool:
    """The notices of warning events to enterprises: the office and inspectors (all, to follow
    the acknowledgements), an enterprise user (its own)."""
    return can_respond(user) or is_enterprise(user)


def is_recipient(user: Any, receipt: m.NoticeReceipt) -> bool:
    """Only a user of the notified enterprise acknowledges its notice."""
    own = enterprise_of(user)
    return own is not None and own.pk == receipt.enterprise_id


@register_scope(m.NoticeReceipt)
def receipts_visible_to(user: Any) -> QuerySet[m.NoticeReceipt]:
    """Office and inspectors every notice; an enterprise those sent to it; others none."""
    qs = m.NoticeReceipt.objects.select_related(
        "warning__city", "event", "enterprise", "acknowledged_by"
    )
    if can_respond(user):
        return qs.all()
    own = enterprise_of(user)
    return qs.filter(enterprise=own) if own is not None else qs.none()
