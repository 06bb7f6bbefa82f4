"""The command office's pages for setting up plans, targets and tasks (方案管理).

``/ledger/plans/`` lists the plans; a plan's page lists its targets and tasks with the links to add
and change them. The forms only turn their fields into the input of
:mod:`lantian.web.ledger.editing` — the functions the API calls too — and show its refusals next
to the fields (400, what was typed stays; nothing is saved). Command office only: other roles get
403, anonymous visitors the login page, an unknown plan, target or task 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from rest_framework import exceptions as drf

from lantian.airquality.targets import METRICS
from lantian.web.access import visible
from lantian.web.ledger import editing, scopes
from lantian.web.ledger import models as m
from lantian.web.ledger.edit_scopes import can_edit_ledger
from lantian.web.ledger.pages import history_of
from lantian.web.org.models import Area, Unit
from lantian.web.org.roles import LEVEL_DEPTH, AreaLevel

#: Empty milestone and indicator rows a task form offers for new ones.
EMPTY_ROWS = 3
#: Most rows a form may post per list (a bound on what is read).
MAX_ROWS = 200
ROLES = (m.UnitRole.LEAD, m.UnitRole.COOPERATING, m.UnitRole.RESPONSIBLE)
PLAN_FIELDS = ("title", "issuer", "document_number", "issued_on", "start", "end", "area")
TARGET_FIELDS = ("metric", "area_name", "period", "op", "bound", "baseline", "label")
MILESTONE_FIELDS = ("due", "label")
INDICATOR_FIELDS = ("name", "unit", "target")


def _editor(request: HttpRequest) -> None:
    if not can_edit_ledger(request.user):
        raise PermissionDenied


def _plan_or_404(request: HttpRequest, pk: int) -> m.Plan:
    _editor(request)
    plan: m.Plan = get_object_or_404(scopes.plans_visible_to(request.user), pk=pk)
    return plan


# --- refusals next to the fields ----------------------------------------------------------------


def _row_label(index: int) -> str:
    return _("row %(n)d") % {"n": index + 1}


def _field_labels() -> dict[str, dict[str, str]]:
    """The names of the fields of a row, as the form shows them (by the list they are in)."""
    return {
        "units": {"unit": _("Unit"), "role": _("role")},
        "milestones": {"due": _("Due"), "label": _("Label")},
        "indicators": {
            "name": _("Name"),
            "unit": _("Unit of measure"),
            "target": _("Target value"),
        },
    }


def _messages(value: Any, prefix: str = "", labels: dict[str, str] | None = None) -> list[str]:
    """DRF's nested detail as sentences; rows of a list are named by their number, their fields
    by the form's labels."""
    labels = labels or {}
    if isinstance(value, dict):
        out: list[str] = []
        for key, inner in value.items():
            if isinstance(key, int):
                out += _messages(inner, f"{prefix}{_row_label(key)}: ", labels)
            elif key == "non_field_errors":
                out += _messages(inner, prefix, labels)
            else:
                out += _messages(inner, f"{prefix}{labels.get(str(key), key)}: ", labels)
        return out
    if isinstance(value, list):
        if any(isinstance(item, dict) for item in value):
            out = []
            for index, item in enumerate(value):
                if item:
                    out += _messages(item, f"{prefix}{_row_label(index)}: ", labels)
            return out
        return [msg for item in value for msg in _messages(item, prefix, labels)]
    return [f"{prefix}{value}"]


def form_errors(exc: drf.ValidationError) -> dict[str, list[str]]:
    """Field → messages, for ``ledger/errors.html`` next to each field."""
    detail = exc.detail
    if isinstance(detail, dict):
        labels = _field_labels()
        return {
            str(field): _messages(inner, labels=labels.get(str(field)))
            for field, inner in detail.items()
        }
    return {"non_field_errors": _messages(detail)}


def _form(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    save: Callable[[], Any],
    done: Callable[[Any], HttpResponse],
) -> HttpResponse:
    """GET: the form; POST: ``save()``, then ``done(result)``, or the form again with the errors."""
    context.setdefault("errors", {})
    if request.method == "POST":
        try:
            result = save()
        except drf.ValidationError as exc:
            context["errors"] = form_errors(exc)
            return render(request, template, context, status=400)
        except drf.PermissionDenied:
            raise PermissionDenied from None
        return done(result)
    return render(request, template, context)


def _text(post: Any, name: str) -> str:
    return str(post.get(name, "")).strip()


# --- plans --------------------------------------------------------------------------------------


def _areas() -> list[dict[str, Any]]:
    """The area tree as options (ids as text, as forms post them), indented by level."""
    rows = []
    for area in Area.objects.order_by("code"):
        depth = LEVEL_DEPTH.get(AreaLevel(area.level), 0) if area.level else 0
        rows.append({"pk": str(area.pk), "label": "\u3000" * depth + area.name})
    return rows


@login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    """``/ledger/plans/``: every plan with its numbers of targets and tasks."""
    _editor(request)
    plans = scopes.plans_visible_to(request.user).annotate(
        n_targets=Count("targets", distinct=True), n_tasks=Count("tasks", distinct=True)
    )
    return render(request, "ledger/edit/plan_list.html", {"plans": plans})


def _plan_values(request: HttpRequest, plan: m.Plan | None) -> dict[str, Any]:
    if request.method == "POST":
        return {f: _text(request.POST, f) for f in PLAN_FIELDS}
    if plan is None:
        return {}
    values: dict[str, Any] = {f: getattr(plan, f) for f in PLAN_FIELDS if f != "area"}
    for f in ("issued_on", "start", "end"):
        values[f] = values[f].isoformat()
    values["area"] = str(plan.area_id)
    return values


def _plan_input(request: HttpRequest) -> dict[str, Any]:
    return {f: _text(request.POST, f) for f in PLAN_FIELDS}


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest) -> HttpResponse:
    """``/ledger/plans/new/``: set up a plan; then its page, to add targets and tasks."""
    _editor(request)
    context = {"plan": None, "values": _plan_values(request, None), "areas": _areas()}

    def done(plan: m.Plan) -> HttpResponse:
        messages.success(request, _("The plan was saved."))
        return redirect("ledger-plan", pk=plan.pk)

    return _form(
        request,
        "ledger/edit/plan_form.html",
        context,
        lambda: editing.create_plan(request.user, _plan_input(request)),
        done,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_or_404(request, pk)
    context = {"plan": plan, "values": _plan_values(request, plan), "areas": _areas()}

    def done(saved: m.Plan) -> HttpResponse:
        messages.success(request, _("The plan was saved."))
        return redirect("ledger-plan", pk=saved.pk)

    return _form(
        request,
        "ledger/edit/plan_form.html",
        context,
        lambda: editing.update_plan(request.user, plan, _plan_input(request)),
        done,
    )


def metric_label(metric: str) -> str:
    zh, en, unit, _kind = METRICS[metric]
    name = zh if (get_language() or "zh-hans").startswith("zh") else en
    return f"{name} [{unit}]" if unit else name


@login_required
@require_GET
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    """``/ledger/plans/<id>/``: the plan, its targets and tasks, with the links to change them."""
    plan = _plan_or_404(request, pk)
    tasks = plan.tasks.prefetch_related("task_units__unit", "milestones", "areas").order_by("pk")
    rows = []
    for task in tasks:
        units: dict[str, list[str]] = {role.value: [] for role in ROLES}
        for tu in task.task_units.all():
            units[tu.role].append(tu.unit.short_name or tu.unit.name)
        rows.append({"task": task, "units": units})
    targets = [{"target": t, "metric": metric_label(t.metric)} for t in plan.targets.all()]
    context = {"plan": plan, "targets": targets, "tasks": rows}
    return render(request, "ledger/edit/plan.html", context)


# --- targets ------------------------------------------------------------------------------------


def _target_values(request: HttpRequest, target: m.PlanTarget | None) -> dict[str, Any]:
    if request.method == "POST":
        values: dict[str, Any] = {f: _text(request.POST, f) for f in TARGET_FIELDS}
        values["change"] = request.POST.get("change") == "on"
        return values
    if target is None:
        return {"op": "<=", "change": False}
    values = {f: getattr(target, f) for f in TARGET_FIELDS}
    values["change"] = target.change
    values["baseline"] = "" if target.baseline is None else target.baseline
    return values


def _target_input(request: HttpRequest) -> dict[str, Any]:
    data: dict[str, Any] = {f: _text(request.POST, f) for f in TARGET_FIELDS}
    data["change"] = request.POST.get("change") == "on"
    data["baseline"] = data["baseline"] or None
    return data


def _target_context(request: HttpRequest, plan: m.Plan, target: m.PlanTarget | None) -> Any:
    return {
        "plan": plan,
        "target": target,
        "values": _target_values(request, target),
        "metrics": [(key, metric_label(key)) for key in METRICS],
        "ops": m.PlanTarget.OPS,
    }


@login_required
@require_http_methods(["GET", "POST"])
def target_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_or_404(request, pk)

    def done(target: m.PlanTarget) -> HttpResponse:
        messages.success(request, _("The target was saved."))
        return redirect("ledger-plan", pk=plan.pk)

    return _form(
        request,
        "ledger/edit/target_form.html",
        _target_context(request, plan, None),
        lambda: editing.add_target(request.user, plan, _target_input(request)),
        done,
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _editor(request)
    targets = m.PlanTarget.objects.filter(plan__in=scopes.plans_visible_to(request.user))
    target: m.PlanTarget = get_object_or_404(targets.select_related("plan"), pk=pk)

    def done(saved: m.PlanTarget) -> HttpResponse:
        messages.success(request, _("The target was saved."))
        return redirect("ledger-plan", pk=saved.plan_id)

    return _form(
        request,
        "ledger/edit/target_form.html",
        _target_context(request, target.plan, target),
        lambda: editing.update_target(request.user, target, _target_input(request)),
        done,
    )


# --- tasks --------------------------------------------------------------------------------------


def _posted_rows(post: Any, prefix: str, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """The rows ``<prefix>-<i>-<field>`` of a form, as typed (``id``, ``remove`` included)."""
    rows = []
    for i in range(MAX_ROWS):
        if f"{prefix}-{i}-{fields[0]}" not in post:
            break
        row: dict[str, Any] = {f: _text(post, f"{prefix}-{i}-{f}") for f in ("id", *fields)}
        row["remove"] = post.get(f"{prefix}-{i}-remove") == "on"
        rows.append(row)
    return rows


def _row_input(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows as the service takes them: a ticked existing row is left out (taken off), an empty
    new row is skipped."""
    out = []
    for row in rows:
        if row["remove"] or (not row["id"] and not any(row[f] for f in fields)):
            continue
        data = {f: row[f] for f in fields}
        if row["id"]:
            data["id"] = row["id"]
        out.append(data)
    return out


def _task_values(request: HttpRequest, task: m.Task | None) -> dict[str, Any]:
    """What the form shows: the posted fields, or the task as stored (plus empty rows)."""
    post = request.POST
    if request.method == "POST":
        values: dict[str, Any] = {f: _text(post, f) for f in editing.TASK_FIELDS}
        values["units"] = {role.value: post.getlist(f"{role.value}_units") for role in ROLES}
        values["areas"] = post.getlist("areas")
        values["milestones"] = _posted_rows(post, "milestone", MILESTONE_FIELDS)
        values["indicators"] = _posted_rows(post, "indicator", INDICATOR_FIELDS)
        return values
    empty_ms = [{"id": "", "due": "", "label": "", "remove": False}] * EMPTY_ROWS
    empty_ind = [{"id": "", "name": "", "unit": "", "target": "", "remove": False}] * EMPTY_ROWS
    if task is None:
        units: dict[str, list[str]] = {role.value: [] for role in ROLES}
        return {"units": units, "areas": [], "milestones": empty_ms, "indicators": empty_ind}
    values = {f: getattr(task, f) for f in editing.TASK_FIELDS}
    values["units"] = {role.value: [] for role in ROLES}
    for tu in task.task_units.all():
        values["units"][tu.role].append(str(tu.unit_id))
    values["areas"] = [str(a.pk) for a in task.areas.all()]
    values["milestones"] = [
        {"id": str(ms.pk), "due": ms.due.isoformat(), "label": ms.label, "remove": False}
        for ms in task.milestones.all()
    ] + empty_ms
    values["indicators"] = [
        {
            "id": str(i.pk),
            "name": i.name,
            "unit": i.unit,
            "target": "" if i.target is None else i.target,
            "remove": False,
        }
        for i in task.indicators.all()
    ] + empty_ind
    return values


def _task_input(request: HttpRequest, plan: m.Plan | None) -> dict[str, Any]:
    values = _task_values(request, None)
    data: dict[str, Any] = {f: values[f] for f in editing.TASK_FIELDS}
    if plan is not None:
        data["plan"] = plan.pk
    data["units"] = [
        {"unit": unit, "role": role} for role, units in values["units"].items() for unit in units
    ]
    data["areas"] = values["areas"]
    data["milestones"] = _row_input(values["milestones"], MILESTONE_FIELDS)
    indicators = _row_input(values["indicators"], INDICATOR_FIELDS)
    for row in indicators:
        row["target"] = row["target"] or None
    data["indicators"] = indicators
    return data


def _task_context(request: HttpRequest, plan: m.Plan, task: m.Task | None) -> dict[str, Any]:
    units = visible(request.user, Unit).order_by("area__code", "name")
    values = _task_values(request, task)
    return {
        "plan": plan,
        "task": task,
        "values": values,
        "roles": [
            {"value": role.value, "label": role.label, "selected": values["units"][role.value]}
            for role in ROLES
        ],
        "units": [{"pk": str(u.pk), "label": u.name} for u in units],
        "areas": _areas(),
        "active": task is not None and editing.has_activity(task),
        "history": history_of(request.user, task) if task is not None else None,
    }


@login_required
@require_http_methods(["GET", "POST"])
def task_new(request: HttpRequest, pk: int) -> HttpResponse:
    """``/ledger/plans/<id>/tasks/new/``: a task of the plan."""
    plan = _plan_or_404(request, pk)

    def done(task: m.Task) -> HttpResponse:
        messages.success(request, _("Task %(number)s was saved.") % {"number": task.number})
        return redirect("ledger-plan", pk=plan.pk)

    return _form(
        request,
        "ledger/edit/task_form.html",
        _task_context(request, plan, None),
        lambda: editing.create_task(request.user, _task_input(request, plan)),
        done,
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """``/ledger/tasks/<id>/edit/``: change a task; its history below the form."""
    _editor(request)
    task: m.Task = get_object_or_404(scopes.tasks_visible_to(request.user), pk=pk)

    def done(saved: m.Task) -> HttpResponse:
        messages.success(request, _("Task %(number)s was saved.") % {"number": saved.number})
        return redirect("ledger-plan", pk=saved.plan_id)

    return _form(
        request,
        "ledger/edit/task_form.html",
        _task_context(request, task.plan, task),
        lambda: editing.update_task(request.user, task, _task_input(request, None)),
        done,
    )
