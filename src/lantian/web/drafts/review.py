"""The reviewed plan: what the office edits before saving, derived from the extraction.

Shape (JSON; the API's ``PUT /api/drafts/<id>/`` body, docs/plan_review.md)::

    {"plan": {"title", "issuer", "document_number", "issued_on", "start", "end", "area",
              "spans": {"title": [s, e] | null, …}},
     "targets": [{"metric", "area", "period", "op", "value", "change", "unit", "text", "span"}],
     "tasks": [{"number", "heading", "text", "span",
                "units": [{"name", "role", "span"}],
                "deadlines": [{"date", "text", "recurring", "span"}],
                "indicators": [{"name", "value", "unit", "op", "text", "span"}],
                "limits": [… as extracted, kept for reading …]}],
     "units": [{"name", "unit", "create", "areas"}]}

Dates are ISO text ("" when the plan does not state one); a span is ``[start, end)`` in the
draft's text, or null for an item the reviewer added. ``units`` resolves each unit name the tasks
use, once for the draft: ``unit`` the id of a unit of the directory, or ``create`` (a new unit of
that name, in the plan's area), or ``areas`` (a collective name such as 各县市区政府: every area
directly below the plan's area becomes a responsible area of the task). No Django here: the
directory comes in as :class:`Matcher`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

Json = dict[str, Any]
#: written unit name → id of the directory's unit it stands for (or None)
Matcher = Callable[[str], int | None]

ROLES = ("lead", "cooperating", "responsible")
#: A unit a task names twice keeps the role that reports: lead, then responsible, then cooperating.
ROLE_RANK = {"lead": 0, "responsible": 1, "cooperating": 2}
RECURRING = ("weekly", "monthly", "quarterly", "semiannual", "yearly")
PLAN_FIELDS = ("title", "issuer", "document_number", "issued_on", "start", "end", "area")
#: Problems a task can have (the page's filter "only items with problems").
PROBLEMS = ("no_unit", "unknown_unit", "no_deadline", "no_text")

#: A collective name of the areas below the plan's area: 各县市区政府, 各县（市、区）, 各街道办事处.
_COLLECTIVE = re.compile(r"^各(?:县|区|市|乡|镇|街道|县市区|县（市、区）|区县)")


def is_collective(name: str) -> bool:
    return bool(_COLLECTIVE.match(name)) and not any(w in name for w in ("部门", "单位", "企业"))


def _value(field: Json | None) -> str:
    if not field:
        return ""
    value = field.get("value")
    return "" if value is None else str(value)


def _span(field: Json | None) -> list[int] | None:
    span = (field or {}).get("span")
    return list(span) if span else None


def dedupe_units(units: Iterable[Json]) -> list[Json]:
    """One row per unit name; a name given twice keeps the reporting role (lead > responsible >
    cooperating) and the place of its first mention."""
    out: dict[str, Json] = {}
    for unit in units:
        name = str(unit.get("name", "")).strip()
        row = out.get(name)
        if row is None:
            out[name] = {"name": name, "role": unit.get("role"), "span": unit.get("span")}
        elif ROLE_RANK.get(str(unit.get("role")), 9) < ROLE_RANK.get(str(row["role"]), 9):
            row["role"] = unit.get("role")
    return list(out.values())


def from_extraction(proposed: Json, match: Matcher) -> Json:
    """The review as it starts: the extraction, with each task's units once and each unit name
    resolved against the directory."""
    plan = proposed.get("plan") or {}
    period = plan.get("period") or {}
    review: Json = {
        "plan": {
            "title": _value(plan.get("title")),
            "issuer": _value(plan.get("issuer")),
            "document_number": _value(plan.get("document_number")),
            "issued_on": _value(plan.get("issued_on")),
            "start": str(period.get("start") or ""),
            "end": str(period.get("end") or ""),
            "area": _value(plan.get("area")),
            "spans": {
                **{
                    name: _span(plan.get(name))
                    for name in PLAN_FIELDS
                    if name not in ("start", "end")
                },
                "start": _span(period),
                "end": _span(period),
            },
        },
        "targets": [
            {
                k: t.get(k)
                for k in (
                    "metric",
                    "area",
                    "period",
                    "op",
                    "value",
                    "change",
                    "unit",
                    "text",
                    "span",
                )
            }
            for t in proposed.get("targets", [])
        ],
        "tasks": [
            {
                "number": t["number"],
                "heading": t.get("heading", ""),
                "text": t.get("text", ""),
                "span": t.get("span"),
                "units": dedupe_units(t.get("units", [])),
                "deadlines": [
                    {k: d.get(k) for k in ("date", "text", "recurring", "span")}
                    for d in t.get("deadlines", [])
                ],
                "indicators": [
                    {
                        "name": f"{i.get('verb', '')}{i.get('object', '')}",
                        "value": i.get("value"),
                        "unit": i.get("unit", ""),
                        "op": i.get("op", ">="),
                        "text": i.get("text", ""),
                        "span": i.get("span"),
                    }
                    for i in t.get("indicators", [])
                ],
                "limits": list(t.get("limits", [])),
            }
            for t in proposed.get("tasks", [])
        ],
        "units": [],
    }
    return sync_units(review, match)


def unit_entry(name: str, match: Matcher) -> Json:
    """How a name is resolved until the reviewer decides otherwise."""
    collective = is_collective(name)
    return {
        "name": name,
        "unit": None if collective else match(name),
        "create": False,
        "areas": collective,
    }


def sync_units(review: Json, match: Matcher) -> Json:
    """``review["units"]``: one entry per unit name the tasks use, in order of first use; the
    reviewer's decisions on names still used are kept, new names are resolved by ``match``."""
    kept = {u["name"]: u for u in review.get("units", []) if isinstance(u, dict) and "name" in u}
    out: list[Json] = []
    seen: set[str] = set()
    for task in review.get("tasks", []):
        for unit in task.get("units", []):
            name = unit.get("name")
            if not isinstance(name, str) or not name.strip() or name in seen:
                continue
            seen.add(name)
            if name in kept:
                out.append(kept[name])
            else:
                out.append(unit_entry(name, match))
    review["units"] = out
    return review


def units_by_name(review: Json) -> dict[str, Json]:
    return {u["name"]: u for u in review.get("units", []) if isinstance(u, dict) and "name" in u}


def resolved(entry: Json | None) -> bool:
    """Whether a unit name will become something on save (a unit, a new unit, the areas)."""
    if not entry:
        return False
    return entry.get("unit") is not None or bool(entry.get("create")) or bool(entry.get("areas"))


def task_problems(task: Json, entries: dict[str, Json]) -> list[str]:
    """What a task still lacks for the ledger (codes of :data:`PROBLEMS`)."""
    out: list[str] = []
    units = task.get("units") or []
    if not units:
        out.append("no_unit")
    elif any(not resolved(entries.get(str(u.get("name")))) for u in units):
        out.append("unknown_unit")
    if not task.get("deadlines"):
        out.append("no_deadline")
    if not str(task.get("text") or "").strip():
        out.append("no_text")
    return out
