"""The task breakdown table (任务分解表) of a plan as Excel: export, and import with a preview.

Reading and writing the sheet is :mod:`lantian.planning.excel` (template:
``docs/task_template.md``); this module compares the sheet with the plan and applies the
difference through ``audited``. Only the command office imports and exports. An import creates
and updates, never deletes: tasks missing from the sheet are listed and kept; a unit, milestone or
indicator row a task no longer names is reused (updated) for a name the sheet adds, else kept.
The preview carries the uploaded file back (base64) so that the confirmation reads and checks it
again; nothing is kept on the server between the two steps.
"""

from __future__ import annotations

import base64
import binascii
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lantian.planning import model as core
from lantian.planning.excel import ExcelError, read_tasks, write_tasks
from lantian.web.audit.audited import audited
from lantian.web.audit.log import record
from lantian.web.ledger import models as m
from lantian.web.ledger import scopes
from lantian.web.ledger.core import to_core_task
from lantian.web.org.models import Area, Unit

#: Largest sheet accepted [bytes].
MAX_SHEET_BYTES = 2 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROLES = (
    (m.UnitRole.LEAD, "lead_units"),
    (m.UnitRole.COOPERATING, "cooperating_units"),
    (m.UnitRole.RESPONSIBLE, "responsible_units"),
)


def _plan_for_office(request: HttpRequest, pk: int) -> m.Plan:
    """The plan, for the command office only (the one check of both views)."""
    if not scopes.can_decide(request.user):
        raise PermissionDenied
    plan: m.Plan = get_object_or_404(scopes.plans_visible_to(request.user), pk=pk)
    return plan


def _plan_tasks(plan: m.Plan) -> list[m.Task]:
    tasks = plan.tasks.prefetch_related("task_units__unit", "areas", "milestones", "indicators")
    return list(tasks.order_by("pk"))


# --- export -------------------------------------------------------------------------------------


@login_required
@require_GET
def export_view(request: HttpRequest, pk: int) -> HttpResponse:
    """``GET /ledger/plans/<id>/export.xlsx``: the plan's tasks as the 任务分解表."""
    plan = _plan_for_office(request, pk)
    tasks = [to_core_task(t) for t in _plan_tasks(plan)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tasks.xlsx"
        write_tasks(tasks, path, title=plan.title)
        body = path.read_bytes()
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}-tasks.xlsx"'
    return response


# --- comparing a sheet with the plan ------------------------------------------------------------


def _normal(task: core.Task) -> tuple[Any, ...]:
    """What an import compares: order of units, areas, milestones and indicators ignored."""
    return (
        task.heading,
        task.text,
        task.category,
        *(frozenset(getattr(task, name)) for _role, name in ROLES),
        frozenset(task.areas),
        frozenset(task.milestones),
        frozenset(task.indicators),
    )


@dataclass
class Preview:
    """A sheet against a plan. ``unknown`` names no unit or area of the platform resolves."""

    new: list[core.Task] = field(default_factory=list)
    changed: list[tuple[m.Task, core.Task]] = field(default_factory=list)
    unchanged: list[core.Task] = field(default_factory=list)
    missing: list[m.Task] = field(default_factory=list)
    unknown_units: list[str] = field(default_factory=list)
    unknown_areas: list[str] = field(default_factory=list)
    units: dict[str, Unit] = field(default_factory=dict)
    areas: dict[str, Area] = field(default_factory=dict)

    @property
    def has_changes(self) -> bool:
        return bool(self.new or self.changed)

    @property
    def can_apply(self) -> bool:
        return self.has_changes and not (self.unknown_units or self.unknown_areas)


def _by_name(model: type[Model], name: str, fields: tuple[str, ...]) -> Any | None:
    """The one row whose ``fields`` hold ``name`` (full name first), or ``None``."""
    for field_name in fields:
        rows = list(model._default_manager.filter(**{field_name: name})[:2])
        if len(rows) == 1:
            return rows[0]
    return None


def compare(plan: m.Plan, sheet: list[core.Task]) -> Preview:
    """Sort the sheet's tasks into new, changed and unchanged, and resolve their names."""
    preview = Preview()
    rows = {t.number: t for t in _plan_tasks(plan)}
    for task in sheet:
        row = rows.get(task.number)
        if row is None:
            preview.new.append(task)
        elif _normal(to_core_task(row)) != _normal(task):
            preview.changed.append((row, task))
        else:
            preview.unchanged.append(task)
    numbers = {t.number for t in sheet}
    preview.missing = [row for number, row in rows.items() if number not in numbers]
    for task in [*preview.new, *(t for _row, t in preview.changed)]:
        for _role, name in ROLES:
            for unit_name in getattr(task, name):
                if unit_name not in preview.units and unit_name not in preview.unknown_units:
                    unit = _by_name(Unit, unit_name, ("name", "short_name"))
                    if unit is None:
                        preview.unknown_units.append(unit_name)
                    else:
                        preview.units[unit_name] = unit
        for area_name in task.areas:
            if area_name not in preview.areas and area_name not in preview.unknown_areas:
                area = _by_name(Area, area_name, ("name",))
                if area is None:
                    preview.unknown_areas.append(area_name)
                else:
                    preview.areas[area_name] = area
    return preview


# --- applying it --------------------------------------------------------------------------------


def _save(user: Any, obj: Model, values: dict[str, Any]) -> None:
    """Create ``obj`` or bring it to ``values``, validated, through ``audited``."""
    if obj.pk is not None and all(getattr(obj, k) == v for k, v in values.items()):
        return
    with audited(user, obj):
        for k, v in values.items():
            setattr(obj, k, v)
        obj.full_clean()
        obj.save()


def _pair(rows: list[Any], wanted: list[Any], key_of_row: Any, key: Any) -> tuple[Any, ...]:
    """Match ``rows`` with ``wanted`` by key; unmatched rows are reused for unmatched wants.

    Returns ``(pairs, rows left over)``; a pair's row is ``None`` when a new row is needed.
    """
    by_key = {key_of_row(r): r for r in rows}
    pairs: list[tuple[Any, Any]] = []
    unmatched: list[Any] = []
    for want in wanted:
        row = by_key.pop(key(want), None)
        if row is None:
            unmatched.append(want)
        else:
            pairs.append((row, want))
    spare = list(by_key.values())
    for want in unmatched:
        pairs.append((spare.pop(0) if spare else None, want))
    return pairs, spare


def _apply_task(user: Any, plan: m.Plan, row: m.Task | None, task: core.Task, p: Preview) -> None:
    row = row or m.Task(plan=plan, number=task.number)
    _save(user, row, {"heading": task.heading, "text": task.text, "category": task.category})
    wanted_units = [(role, p.units[n]) for role, name in ROLES for n in getattr(task, name)]
    pairs, _kept = _pair(
        list(row.task_units.all()), wanted_units, lambda r: r.unit_id, lambda w: w[1].pk
    )
    # A reused row takes a unit no row of the task holds yet, so (task, unit) stays unique.
    for tu, (role, unit) in pairs:
        _save(user, tu or m.TaskUnit(task=row), {"unit": unit, "role": role})
    pairs, _kept = _pair(
        list(row.milestones.all()), list(task.milestones), lambda r: r.due, lambda w: w.due
    )
    for ms, want in pairs:
        _save(user, ms or m.Milestone(task=row), {"due": want.due, "label": want.label})
    pairs, _kept = _pair(
        list(row.indicators.all()), list(task.indicators), lambda r: r.name, lambda w: w.name
    )
    for ind, want in pairs:
        values = {"name": want.name, "unit": want.unit, "target": want.target}
        _save(user, ind or m.Indicator(task=row), values)
    wanted = sorted(p.areas[n].pk for n in task.areas)
    present = sorted(row.areas.values_list("pk", flat=True))
    if wanted != present:
        row.areas.set(wanted)
        record(user, "set_areas", "ledger.task", row.pk, {"areas": present}, {"areas": wanted})


def apply(user: Any, plan: m.Plan, preview: Preview) -> None:
    """Create the new tasks and update the changed ones, all or nothing."""
    with transaction.atomic():
        for task in preview.new:
            _apply_task(user, plan, None, task, preview)
        for row, task in preview.changed:
            _apply_task(user, plan, row, task, preview)


# --- the page -----------------------------------------------------------------------------------


def _read(data: bytes) -> list[core.Task]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "upload.xlsx"
        path.write_bytes(data)
        try:
            return read_tasks(path)
        except ExcelError:
            raise
        except Exception as exc:  # not an .xlsx at all (zip, XML): openpyxl's many errors
            raise ValueError(_("The file is not an Excel workbook (.xlsx).")) from exc


def _uploaded(request: HttpRequest) -> bytes:
    """The sheet's bytes: the uploaded file, or the preview's copy when confirming."""
    if "sheet" in request.FILES:
        upload = request.FILES["sheet"]
        if upload.size is not None and upload.size > MAX_SHEET_BYTES:
            raise ValueError(_("The file is larger than 2 MB."))
        return bytes(upload.read())
    try:
        data = base64.b64decode(request.POST.get("data", ""), validate=True)
    except binascii.Error:
        data = b""
    if not data:
        raise ValueError(_("Choose an .xlsx file to import."))
    if len(data) > MAX_SHEET_BYTES:
        raise ValueError(_("The file is larger than 2 MB."))
    return data


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest, pk: int) -> HttpResponse:
    """``/ledger/plans/<id>/import/``: upload → preview (or the refusal) → confirm → applied."""
    plan = _plan_for_office(request, pk)
    template = "ledger/excel/import.html"
    context: dict[str, Any] = {"plan": plan, "error": None, "preview": None, "data": ""}
    if request.method == "GET":
        return render(request, template, context)
    try:
        data = _uploaded(request)
        sheet = _read(data)
    except (ValueError, ExcelError) as exc:  # ExcelError: "sheet!cell: reason"
        context["error"] = str(exc)
        return render(request, template, context, status=400)
    preview = compare(plan, sheet)
    if request.POST.get("confirm") and preview.can_apply:
        apply(request.user, plan, preview)
        messages.success(
            request,
            _("Imported: %(new)d new, %(changed)d changed tasks.")
            % {"new": len(preview.new), "changed": len(preview.changed)},
        )
        return redirect("ledger-import", pk=plan.pk)
    context.update(preview=preview, data=base64.b64encode(data).decode("ascii"))
    return render(request, template, context)
