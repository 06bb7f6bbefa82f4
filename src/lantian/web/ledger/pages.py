"""The ledger's pages: the ledger list, the task page, the filing forms and the office's queue.

Same scopes as the API (:mod:`lantian.web.ledger.scopes`), same status (:mod:`.core`), same
filing and deciding (:mod:`.services`); a page only turns form fields into the services' input
and shows their refusals. Anonymous visitors are sent to the login page; a role without the
ledger gets 403; a task the user may not see is 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rest_framework import exceptions as drf

from lantian.planning.status import Status, TaskState
from lantian.planning.weeks import IsoWeek
from lantian.web.access import visible
from lantian.web.audit.models import AuditEntry
from lantian.web.audit.scopes import can_view_audit_log
from lantian.web.ledger import clock, scopes, services
from lantian.web.ledger import models as m
from lantian.web.ledger.core import TASK_PREFETCH, state_of
from lantian.web.ledger.edit_scopes import can_edit_ledger
from lantian.web.ledger.params import BadQuery, date_param, id_param, on_param
from lantian.web.org.models import Area, Unit


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    context.setdefault("can_decide", scopes.can_decide(request.user))
    return render(request, template, context, status=status)


def _reader(request: HttpRequest) -> None:
    if not scopes.can_read_ledger(request.user):
        raise PermissionDenied


def status_view(state: TaskState) -> dict[str, Any]:
    """What a page shows of a status: value, label in the current language, colour."""
    return {
        "value": state.status.value,
        "label": status_label(state.status),
        "colour": state.status.colour,
        "deadline": state.deadline,
        "days_left": state.days_left,
    }


def _visible_tasks(user: Any) -> QuerySet[m.Task]:
    tasks = scopes.tasks_visible_to(user).prefetch_related(*TASK_PREFETCH)
    return tasks.prefetch_related("reports__evidence")


# --- the ledger ---------------------------------------------------------------------------------


@login_required
def ledger_page(request: HttpRequest) -> HttpResponse:
    """``/ledger/``: filters ``unit``, ``area`` (ids), ``status``, ``deadline_before`` (next
    deadline on or before that day) and ``on`` (the day of the status, default today)."""
    _reader(request)
    tasks = _visible_tasks(request.user)
    statuses = [(st.value, status_label(st)) for st in Status]
    context: dict[str, Any] = {
        "rows": [],
        "error": None,
        "params": request.GET,
        "statuses": statuses,
        "units": Unit.objects.filter(
            pk__in=m.TaskUnit.objects.filter(task__in=tasks).values("unit_id")
        ).order_by("name"),
        "areas": Area.objects.filter(pk__in=tasks.values("areas")).order_by("code"),
    }
    try:
        on = on_param(request.GET)
        before = date_param(request.GET, "deadline_before")
        unit = id_param(request.GET, "unit")
        area = id_param(request.GET, "area")
        wanted = (request.GET.get("status") or "").strip()
        if wanted and wanted not in {st.value for st in Status}:
            raise BadQuery(_("Unknown status."))
    except BadQuery as exc:
        context["error"] = str(exc)
        return _render(request, "ledger/ledger.html", context, status=400)
    if unit is not None:
        tasks = tasks.filter(pk__in=m.TaskUnit.objects.filter(unit_id=unit).values("task_id"))
    if area is not None:
        tasks = tasks.filter(areas__id=area)
    rows = []
    for task in tasks:
        state = state_of(task, on)
        if wanted and state.status.value != wanted:
            continue
        if before is not None and (state.deadline is None or state.deadline > before):
            continue
        rows.append(
            {
                "task": task,
                "units": _units(task),
                "state": status_view(state),
                "week_report": week_report(request.user, task, state),
            }
        )
    context.update(
        rows=rows,
        on=on,
        report_week=str(IsoWeek.of(on)),
        reports_due=sum(1 for r in rows if r["week_report"] == "due"),
        reporting=any(r["week_report"] is not None for r in rows),
    )
    return _render(request, "ledger/ledger.html", context)


def week_report(user: Any, task: m.Task, state: TaskState) -> str | None:
    """The state of ``user``'s weekly report on ``task`` for the week of ``state.on``:
    ``"filed"`` (filed on or before that day), ``"due"`` (not yet), or ``None`` where the user
    does not report on the task or the task is done or closed (no report owed:
    ``docs/ledger_rules.md``)."""
    reporter = scopes.reporter_for(user, task)
    if reporter is None:
        return None
    on = state.on
    week = str(IsoWeek.of(on))
    field = "area_id" if isinstance(reporter, Area) else "unit_id"
    for report in task.reports.all():  # prefetched with the ledger's tasks
        mine = report.week == week and getattr(report, field) == reporter.pk
        if mine and clock.local_date(report.filed_at) <= on:
            return "filed"
    if state.status in (Status.DONE, Status.CLOSED):
        return None
    return "due"


def status_label(st: Status) -> str:
    return st.zh if (get_language() or "zh-hans").startswith("zh") else st.en


def _units(task: m.Task) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {role.value: [] for role in m.UnitRole}
    for tu in task.task_units.all():
        out[tu.role].append(tu.unit.short_name or tu.unit.name)
    return out


# --- the task -----------------------------------------------------------------------------------


def _task_or_404(request: HttpRequest, pk: int) -> m.Task:
    _reader(request)
    task: m.Task = get_object_or_404(_visible_tasks(request.user), pk=pk)
    return task


#: The parts of a task a correction may take off (``lantian.web.ledger.editing``).
TASK_PARTS = ("ledger.taskunit", "ledger.milestone", "ledger.indicator")


def history_of(user: Any, task: m.Task) -> QuerySet[AuditEntry] | None:
    """The audit entries of the task, its reports, evidence and requests, and of its units,
    milestones and indicators (those taken off by a correction included), newest first; ``None``
    when ``user`` may not read the audit log (its one rule: ``lantian.web.audit.scopes``)."""
    if not can_view_audit_log(user):
        return None
    reports = [r.pk for r in task.reports.all()]
    objects: dict[str, set[int]] = {
        "ledger.task": {task.pk},
        "ledger.report": set(reports),
        "ledger.evidence": set(
            m.Evidence.objects.filter(report_id__in=reports).values_list("pk", flat=True)
        ),
        "ledger.extensionrequest": {x.pk for x in task.extensionrequests.all()},
        "ledger.closingrequest": {c.pk for c in task.closingrequests.all()},
        "ledger.taskunit": set(task.task_units.values_list("pk", flat=True)),
        "ledger.milestone": set(task.milestones.values_list("pk", flat=True)),
        "ledger.indicator": set(task.indicators.values_list("pk", flat=True)),
    }
    removed = AuditEntry.objects.filter(
        object_type__in=TASK_PARTS, action="delete", before_json__contains=f'"task_id":{task.pk}'
    )
    for entry in removed:  # the text match is a first sieve; the parsed value decides
        if entry.before is not None and entry.before.get("task_id") == task.pk:
            objects[entry.object_type].add(int(entry.object_id))
    match = Q(pk__in=[])
    for object_type, ids in objects.items():
        if ids:
            match |= Q(object_type=object_type, object_id__in=[str(i) for i in ids])
    return visible(user, AuditEntry).filter(match).order_by("-seq")


@login_required
def task_page(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_or_404(request, pk)
    try:
        on = on_param(request.GET)
    except BadQuery as exc:
        return _render(request, "ledger/task.html", {"task": task, "error": str(exc)}, status=400)
    context = {
        "task": task,
        "error": None,
        "on": on,
        "state": status_view(state_of(task, on)),
        "units": _units(task),
        "can_report": scopes.reporter_for(request.user, task) is not None,
        "can_request": scopes.reporting_unit(request.user, task) is not None,
        "can_edit": can_edit_ledger(request.user),
        "history": history_of(request.user, task),
    }
    return _render(request, "ledger/task.html", context)


# --- the reporters' forms -----------------------------------------------------------------------


def _errors(exc: drf.ValidationError) -> dict[str, list[str]]:
    detail = exc.detail
    if isinstance(detail, dict):
        return {str(k): [str(e) for e in _flat(v)] for k, v in detail.items()}
    return {"non_field_errors": [str(e) for e in _flat(detail)]}


def _flat(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [e for v in value.values() for e in _flat(v)]
    if isinstance(value, list):
        return [e for v in value for e in _flat(v)]
    return [value]


def _filing_page(
    template: str,
    to_input: Callable[[HttpRequest, m.Task], dict[str, Any]],
    file: Callable[[Any, m.Task, dict[str, Any]], Any],
    done: Any,
    filer: Callable[[Any, m.Task], Any],
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A form filed on a task in the name of ``filer(user, task)`` (a unit, or for reports an
    area too): 403 for anyone who sees the task but has no such name."""

    @login_required
    @require_http_methods(["GET", "POST"])
    def page(request: HttpRequest, pk: int) -> HttpResponse:
        task = _task_or_404(request, pk)
        reporter = filer(request.user, task)
        if reporter is None:
            raise PermissionDenied
        context: dict[str, Any] = {
            "task": task,
            "reporter": reporter,
            "errors": {},
            "values": {},
            "today": clock.today(),
        }
        context["week"] = str(IsoWeek.of(clock.today()))
        if request.method == "POST":
            data = to_input(request, task)
            try:
                file(request.user, task, data)
            except drf.ValidationError as exc:
                context.update(errors=_errors(exc), values=request.POST)
                return _render(request, template, context, status=400)
            except drf.PermissionDenied:
                raise PermissionDenied from None
            messages.success(request, done)
            return redirect("ledger-task", pk=task.pk)
        return _render(request, template, context)

    return page


def _number_or_text(text: str) -> float | str:
    try:
        return float(text)
    except ValueError:
        return text  # the serializer refuses it with its own message


def report_input(request: HttpRequest, task: m.Task) -> dict[str, Any]:
    """The form's fields as ``ReportInputSerializer`` takes them (``indicator-<id>`` fields →
    ``indicator_values``)."""
    values: dict[str, float | str] = {}
    for indicator in task.indicators.all():
        text = request.POST.get(f"indicator-{indicator.pk}", "").strip()
        if text:
            values[indicator.name] = _number_or_text(text)
    return {
        "week": request.POST.get("week", ""),
        "text": request.POST.get("text", ""),
        "indicator_values": values,
        "milestones_met": request.POST.getlist("milestones_met"),
        "complete": request.POST.get("complete") == "on",
        "evidence": request.FILES.getlist("evidence"),
    }


def _plain_input(*names: str) -> Callable[[HttpRequest, m.Task], dict[str, Any]]:
    def to_input(request: HttpRequest, task: m.Task) -> dict[str, Any]:
        return {name: request.POST.get(name, "") for name in names}

    return to_input


report_page = _filing_page(
    "ledger/report_form.html",
    report_input,
    services.file_report,
    gettext_lazy("The report was filed."),
    scopes.reporter_for,
)
closing_page = _filing_page(
    "ledger/closing_form.html",
    _plain_input("reason"),
    services.file_closing,
    gettext_lazy("The closing request was filed."),
    scopes.reporting_unit,
)
extension_page = _filing_page(
    "ledger/extension_form.html",
    _plain_input("milestone", "new_due", "reason"),
    services.file_extension,
    gettext_lazy("The extension request was filed."),
    scopes.reporting_unit,
)


# --- the office's queue -------------------------------------------------------------------------


def _decider(request: HttpRequest) -> None:
    if not scopes.can_decide(request.user):
        raise PermissionDenied


def _queue(request: HttpRequest, error: dict[str, Any] | None = None) -> HttpResponse:
    open_requests: list[tuple[str, m.Request]] = []
    for kind, model in services.REQUEST_MODELS.items():
        for req in model.objects.filter(decision="").select_related("task", "unit"):
            open_requests.append((kind, req))
    open_requests.sort(key=lambda kr: (kr[1].requested_at, kr[0], kr[1].pk))
    context = {
        "requests": [{"kind": k, "req": r} for k, r in open_requests],
        "error": error,
    }
    return _render(request, "ledger/requests.html", context, status=400 if error else 200)


@login_required
def requests_page(request: HttpRequest) -> HttpResponse:
    """``/ledger/requests/``: the open extension and closing requests, oldest first."""
    _decider(request)
    return _queue(request)


@login_required
@require_POST
def decide_page(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Approve (``decision=approved``) or send back (``decision=sent_back`` with ``reason``)."""
    _decider(request)
    data = {"decision": request.POST.get("decision", ""), "reason": request.POST.get("reason", "")}
    try:
        services.decide(request.user, kind, pk, data)
    except drf.NotFound:
        raise Http404 from None
    except drf.ValidationError as exc:
        return _queue(request, {"kind": kind, "pk": pk, "errors": _errors(exc)})
    messages.success(request, _("The decision was recorded."))
    return redirect("ledger-requests")
