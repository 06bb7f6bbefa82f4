"""The city's emergency reduction list: import from the list file (all or nothing) and the check.

:func:`import_list_files` reads the list with the core (``lantian.emergency.listfile.read_list``:
every row and every rule checked, refusals as ``file:line: reason``) and the city emissions with
``read_city_emissions``; only then are enterprises, lines and own measures written, each through
``audited``. An import is idempotent: a row already holding the file's values is not written
again. A line the file no longer has is marked out of the list (nothing is deleted).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import exceptions

from lantian.emergency.levels import POLLUTANTS, Level
from lantian.emergency.lines import Line
from lantian.emergency.listfile import (
    EVEN,
    ListFileError,
    read_city_emissions,
    read_list,
    read_list_file,
)
from lantian.emergency.reduction import DailyBasis, ListCheck, check_list
from lantian.web.audit.audited import audited
from lantian.web.emergency import core
from lantian.web.emergency import models as m
from lantian.web.emergency.forecasting import office_or_403
from lantian.web.emergency.rows import ensure
from lantian.web.ledger import clock
from lantian.web.org.models import Area
from lantian.web.uploads import refusal, saved, sha256, upload_name

MAX_LIST_BYTES = 10 * 1024 * 1024
#: Reads a list file's emission columns as written (annual stays annual): days 1, share 1.
AS_WRITTEN = DailyBasis(days=1.0, name="as written")


def _to_annual(unit: str) -> float:
    """The factor from a file's emission unit to the stored t/a: a file in t/d is multiplied by
    the days of the list's default daily basis (``EVEN``, 365), the inverse of ``core``'s ÷."""
    return EVEN.days if unit == "t/d" else 1.0


@dataclass
class ImportSummary:
    """What an import wrote: counts of rows created and updated by model, and the import row
    (``None`` when the files were the last import's and nothing changed)."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    record: m.ListImport | None = None
    enterprises: int = 0
    lines: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.record)


def _read(
    list_path: Path, list_name: str, city_path: Path, city_name: str
) -> tuple[tuple[Line, ...], str, dict[str, float]]:
    """The lines (emissions as written in the file), the file's unit and the city's annual
    emissions; a refusal names the uploaded files."""
    try:
        read_list(list_path)  # every refusal of the core, with daily emissions in its reasons
        written = read_list_file(list_path, AS_WRITTEN)
    except ListFileError as exc:
        raise exceptions.ValidationError({"list_file": refusal(exc, list_name)}) from None
    try:
        values, unit = read_city_emissions(city_path)
    except ListFileError as exc:
        raise exceptions.ValidationError({"city_emissions": refusal(exc, city_name)}) from None
    factor = _to_annual(unit)
    return written.lines, written.unit, {p: values[p] * factor for p in POLLUTANTS}


def _line_values(ln: Line, unit: str) -> dict[str, Any]:
    factor = _to_annual(unit)
    cap = ln.capacity
    return {
        "name": ln.name,
        "industry": ln.industry,
        "grade": ln.grade.value if ln.grade is not None else "",
        "category": ln.category.value,
        "capacity_unit": cap.unit if cap else "",
        "eia_capacity": cap.eia if cap else None,
        "permit_capacity": cap.permit if cap else None,
        "actual_output": cap.actual if cap else None,
        "normal_coking_h": ln.normal_coking_h,
        **{f"{p}_t_a": ln.emissions[p] * factor if p in ln.emissions else None for p in POLLUTANTS},
        "note": ln.note,
        "synthetic": ln.synthetic,
        "active": True,
        "list_row": ln.row,
    }


def import_list_files(
    actor: Any, city: Area, list_path: Path, list_name: str, city_path: Path, city_name: str
) -> ImportSummary:
    """Import a city's list file and its city emissions (paths); ``actor`` ``None`` is the
    system (the demo)."""
    lines, unit, emissions = _read(list_path, list_name, city_path, city_name)
    digests = (sha256(list_path), sha256(city_path))
    summary = ImportSummary()
    with transaction.atomic():
        enterprises = {e.list_id: e for e in m.Enterprise.objects.filter(area=city)}
        rows = {
            (r.enterprise_id, r.line_id): r
            for r in m.ProductionLine.objects.filter(enterprise__area=city)
        }
        own = {
            (x.line_id, x.level): x for x in m.LineMeasure.objects.filter(line__in=rows.values())
        }
        synthetic: dict[str, bool] = {}
        names: dict[str, str] = {}
        for ln in lines:
            synthetic[ln.enterprise_id] = synthetic.get(ln.enterprise_id, False) or ln.synthetic
            names.setdefault(ln.enterprise_id, ln.enterprise)
        seen: set[int] = set()
        for ln in lines:
            counts: dict[str, int] = {}
            ent = ensure(
                actor,
                m.Enterprise,
                {"area": city, "list_id": ln.enterprise_id},
                {"name": names[ln.enterprise_id], "synthetic": synthetic[ln.enterprise_id]},
                existing=enterprises.get(ln.enterprise_id),
                counts=counts,
                lookup=False,
            )
            enterprises[ln.enterprise_id] = ent
            _count(summary, "Enterprise", counts)
            counts = {}
            row = ensure(
                actor,
                m.ProductionLine,
                {"enterprise": ent, "line_id": ln.line_id},
                _line_values(ln, unit),
                existing=rows.get((ent.pk, ln.line_id)),
                counts=counts,
                lookup=False,
            )
            _count(summary, "ProductionLine", counts)
            seen.add(row.pk)
            for level in Level:
                _own_measure(actor, summary, row, level, ln, own.get((row.pk, level.value)))
        for row in rows.values():
            if row.pk not in seen and row.active:
                with audited(actor, row):
                    row.active = False
                    row.save()
                summary.updated["ProductionLine"] += 1
        summary.enterprises = len(names)
        summary.lines = len(lines)
        last = core.latest_import(city)
        same_files = last is not None and (last.list_sha256, last.city_sha256) == digests
        if summary.created or summary.updated or not same_files:
            record = m.ListImport(
                city=city,
                file_name=list_name,
                city_file_name=city_name,
                list_sha256=digests[0],
                city_sha256=digests[1],
                unit=unit,
                city_emissions=emissions,
                enterprises=summary.enterprises,
                lines=summary.lines,
                measures=sum(len(ln.own) for ln in lines),
                imported_by=actor if actor is not None and actor.is_authenticated else None,
                imported_at=clock.now(),
            )
            with audited(actor, record):
                record.save()
            summary.record = record
    return summary


def _count(summary: ImportSummary, model: str, counts: dict[str, int]) -> None:
    for key in ("created", "updated"):
        if counts.get(key):
            getattr(summary, key)[model] += counts[key]


def _own_measure(
    actor: Any,
    summary: ImportSummary,
    row: m.ProductionLine,
    level: Level,
    ln: Line,
    existing: m.LineMeasure | None,
) -> None:
    measure = ln.own.get(level)
    if measure is None:
        if existing is not None and existing.active:
            with audited(actor, existing):
                existing.active = False
                existing.save()
            summary.updated["LineMeasure"] += 1
        return
    counts: dict[str, int] = {}
    ensure(
        actor,
        m.LineMeasure,
        {"line": row, "level": level.value},
        {**core.measure_fields(measure), "active": True},
        existing=existing,
        counts=counts,
        lookup=False,
    )
    _count(summary, "LineMeasure", counts)


def import_list(user: Any, city: Area, list_upload: Any, city_upload: Any) -> ImportSummary:
    """The office imports a city's list file (.csv or .xlsx) with its city emissions (.csv)."""
    office_or_403(user)
    with (
        saved(list_upload, "list_file", (".csv", ".xlsx"), MAX_LIST_BYTES) as list_path,
        saved(city_upload, "city_emissions", (".csv", ".xlsx"), MAX_LIST_BYTES) as city_path,
    ):
        return import_list_files(
            user, city, list_path, upload_name(list_upload), city_path, upload_name(city_upload)
        )


# --- the check ---------------------------------------------------------------------------------


def list_cities() -> list[Area]:
    """The cities with an imported list, most recent import first."""
    seen: dict[int, Area] = {}
    for imp in m.ListImport.objects.select_related("city"):
        seen.setdefault(imp.city_id, imp.city)
    return list(seen.values())


def city_or_404(city_id: int | None) -> Area:
    """The city asked for, or the one of the latest import; 404 when there is none."""
    cities = list_cities()
    if city_id is None and cities:
        return cities[0]
    for city in cities:
        if city.pk == city_id:
            return city
    raise exceptions.NotFound(_("No list has been imported for this city."))


def check(city: Area) -> tuple[m.ListImport, ListCheck]:
    """The core's check of the city's list against its emissions (÷ 365, yellow/orange/red)."""
    imported = core.latest_import(city)
    if imported is None:
        raise exceptions.NotFound(_("No list has been imported for this city."))
    return imported, check_list(core.city_list(city), core.city_daily(imported))
