"""Who may see and change the ledger, registered with the one access module (``docs/ledger.md``).

- command office: sees every plan and task, decides requests; files nothing;
- department: sees the tasks where its unit is lead, cooperating or responsible; files reports
  and requests only where it is lead or responsible (cooperating units contribute through the
  lead unit and are read-only, as ``lantian.planning.model.Task.reporting_units`` says);
- area: sees the tasks listing its area or an area below it; files weekly reports for its own
  area where that exact area is listed (a responsible area, ``Task.reporters``), not for an
  area above or below it; files no extension or closing request (those are the units');
- inspector, enterprise, public: no ledger.

A task a user may not see answers 404, not 403, so that its existence is not leaked.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from lantian.web.access import own_area_ids, register_scope, role_of
from lantian.web.ledger.models import (
    REPORTING_ROLES,
    ClosingRequest,
    ExtensionRequest,
    Plan,
    Report,
    Task,
    TaskUnit,
)
from lantian.web.org.models import Area, Unit
from lantian.web.org.roles import Role

#: Roles that read the ledger at all.
LEDGER_READERS = frozenset({Role.COMMAND_OFFICE, Role.DEPARTMENT, Role.AREA})


def can_read_ledger(user: Any) -> bool:
    return role_of(user) in LEDGER_READERS


def can_decide(user: Any) -> bool:
    """Only the command office approves or sends back extension and closing requests."""
    return role_of(user) == Role.COMMAND_OFFICE


@register_scope(Plan)
def plans_visible_to(user: Any) -> QuerySet[Plan]:
    """Every plan for the ledger's readers (a plan is a published document); none otherwise."""
    if can_read_ledger(user):
        return Plan.objects.select_related("area")
    return Plan.objects.none()


@register_scope(Task)
def tasks_visible_to(user: Any) -> QuerySet[Task]:
    role = role_of(user)
    tasks = Task.objects.select_related("plan")
    if role == Role.COMMAND_OFFICE:
        return tasks.all()
    if role == Role.DEPARTMENT and user.unit_id is not None:
        named = TaskUnit.objects.filter(unit_id=user.unit_id).values("task_id")
        return tasks.filter(pk__in=named)
    if role == Role.AREA:
        areas = own_area_ids(user) or []
        return tasks.filter(
            pk__in=Task.areas.through.objects.filter(area_id__in=areas).values("task_id")
        )
    return tasks.none()


@register_scope(Report)
def reports_visible_to(user: Any) -> QuerySet[Report]:
    return Report.objects.filter(task__in=tasks_visible_to(user))


@register_scope(ExtensionRequest)
def extension_requests_visible_to(user: Any) -> QuerySet[ExtensionRequest]:
    return ExtensionRequest.objects.filter(task__in=tasks_visible_to(user))


@register_scope(ClosingRequest)
def closing_requests_visible_to(user: Any) -> QuerySet[ClosingRequest]:
    return ClosingRequest.objects.filter(task__in=tasks_visible_to(user))


def reporting_unit(user: Any, task: Task) -> Unit | None:
    """The unit in whose name ``user`` may file extension and closing requests on ``task``
    (and reports), or ``None``: only a department user whose unit is a lead or responsible unit
    of the task.
    """
    if role_of(user) != Role.DEPARTMENT or user.unit_id is None:
        return None
    # through the task's relation, so that a ledger page's prefetched units answer it
    named = any(
        tu.unit_id == user.unit_id and tu.role in REPORTING_ROLES for tu in task.task_units.all()
    )
    return user.unit if named else None


def reporter_for(user: Any, task: Task) -> Unit | Area | None:
    """Who ``user`` files weekly reports for on ``task``, or ``None``.

    A department user: its unit, when lead or responsible (:func:`reporting_unit`). An area
    user: its own area, when that exact area is listed on the task; an area above or below the
    one listed does not report for it.
    """
    role = role_of(user)
    if role == Role.DEPARTMENT:
        return reporting_unit(user, task)
    if role == Role.AREA and user.area_id is not None:
        listed = any(a.pk == user.area_id for a in task.areas.all())
        return user.area if listed else None
    return None
