"""Checking a reviewed plan (:mod:`lantian.web.drafts.review`) as the office saves it to the draft.

What is checked here is the form of each field (a date is a date, a number a number, a numbering
``parse_number`` reads, a known metric, role and period) and what must be unique within the draft
(task numbers, a unit once per task). Whether the plan can enter the ledger — a lead or
responsible unit per task, the plan's area, an unknown unit — is the ledger's rules' business, at
save (:mod:`lantian.web.drafts.ledger_save`); the review page flags it meanwhile as a problem.

:func:`validate` answers the cleaned review (typed values) and the errors by path
(``"tasks.3.units.0.name"`` → messages); :func:`nest` gives the API's nested form.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from lantian.airquality.periods import parse_period
from lantian.airquality.targets import METRICS
from lantian.planning.model import parse_number
from lantian.web.drafts.review import PLAN_FIELDS, RECURRING, ROLES, Json

#: Metrics a reviewed target may have: the engine's, and the extractor's dustfall and other
#: (which the ledger does not hold: listed as not saved).
TARGET_METRICS = (*METRICS, "dustfall", "other")
PLAN_LENGTHS = {"title": 300, "issuer": 200, "document_number": 100, "area": 100}
PLAN_DATES = ("issued_on", "start", "end")
Errors = dict[str, list[str]]


class _Check:
    def __init__(self) -> None:
        self.errors: Errors = {}

    def refuse(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(message)

    def text(self, value: Any, path: str, limit: int, required: bool = False) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.refuse(path, _("Enter text."))
            return ""
        out = str(value).strip()
        if required and not out:
            self.refuse(path, _("Required."))
        elif len(out) > limit:
            self.refuse(path, _("At most %(n)d characters.") % {"n": limit})
        return out

    def day(self, value: Any, path: str, required: bool = False) -> str:
        text = "" if value is None else str(value).strip()
        if not text:
            if required:
                self.refuse(path, _("Required."))
            return ""
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            self.refuse(path, _("Enter a date as YYYY-MM-DD (e.g. 2019-12-31)."))
            return text

    def number(self, value: Any, path: str, required: bool = False) -> float | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.refuse(path, _("Required."))
            return None
        if isinstance(value, bool):
            self.refuse(path, _("Enter a number."))
            return None
        try:
            out = float(str(value).strip().replace(",", ""))
        except ValueError:
            self.refuse(path, _("Enter a number."))
            return None
        if out != out or out in (float("inf"), float("-inf")):
            self.refuse(path, _("Enter a number."))
            return None
        return out

    def choice(self, value: Any, path: str, choices: tuple[str, ...]) -> str:
        if value not in choices:
            self.refuse(path, _("Choose one of: %(choices)s.") % {"choices": "、".join(choices)})
        return str(value)

    def rows(self, value: Any, path: str) -> list[tuple[int, Json]]:
        """(position, row) of the rows that are objects; the others are refused."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.refuse(path, _("Expected a list."))
            return []
        out = []
        for i, row in enumerate(value):
            if isinstance(row, dict):
                out.append((i, row))
            else:
                self.refuse(f"{path}.{i}", _("Expected an object."))
        return out


def flag(value: Any) -> bool:
    """A check box: JSON true, or the text a form sends for it."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "on", "1", "yes")
    return value is True


def span(value: Any) -> list[int] | None:
    """A span kept only when it is two whole numbers in order (the page never edits spans)."""
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and 0 <= value[0] <= value[1]
    ):
        return [value[0], value[1]]
    return None


def _plan(c: _Check, raw: Any) -> Json:
    if not isinstance(raw, dict):
        c.refuse("plan", _("Expected an object."))
        raw = {}
    out: Json = {}
    for name in PLAN_FIELDS:
        if name in PLAN_DATES:
            out[name] = c.day(raw.get(name), f"plan.{name}")
        else:
            out[name] = c.text(raw.get(name), f"plan.{name}", PLAN_LENGTHS[name])
    dated = out["start"] and out["end"] and not {"plan.start", "plan.end"} & set(c.errors)
    if dated and out["end"] < out["start"]:
        c.refuse("plan.end", _("The plan ends before it starts."))
    spans = raw.get("spans") if isinstance(raw.get("spans"), dict) else {}
    out["spans"] = {name: span(spans.get(name)) for name in PLAN_FIELDS}
    return out


def _target(c: _Check, raw: Json, path: str) -> Json:
    out: Json = {
        "metric": c.choice(raw.get("metric"), f"{path}.metric", TARGET_METRICS),
        "area": c.text(raw.get("area"), f"{path}.area", 100),
        "period": c.text(raw.get("period"), f"{path}.period", 50),
        "op": c.choice(raw.get("op"), f"{path}.op", ("<=", ">=")),
        "value": c.number(raw.get("value"), f"{path}.value"),
        "change": flag(raw.get("change")),
        "unit": c.text(raw.get("unit"), f"{path}.unit", 50),
        "text": c.text(raw.get("text"), f"{path}.text", 2000),
        "span": span(raw.get("span")),
    }
    if out["period"]:
        try:
            parse_period(out["period"])
        except ValueError as exc:
            c.refuse(f"{path}.period", str(exc))
    return out


def _task(c: _Check, raw: Json, path: str) -> Json:
    number = c.text(raw.get("number"), f"{path}.number", 50, required=True)
    if number:
        try:
            parse_number(number)
        except ValueError as exc:
            c.refuse(f"{path}.number", str(exc))
    units: list[Json] = []
    names: set[str] = set()
    for i, row in c.rows(raw.get("units"), f"{path}.units"):
        at = f"{path}.units.{i}"
        name = c.text(row.get("name"), f"{at}.name", 200, required=True)
        if name and name in names:
            c.refuse(f"{at}.name", _("%(unit)s is named twice on this task.") % {"unit": name})
        names.add(name)
        role = c.choice(row.get("role"), f"{at}.role", ROLES)
        units.append({"name": name, "role": role, "span": span(row.get("span"))})
    deadlines = []
    for i, row in c.rows(raw.get("deadlines"), f"{path}.deadlines"):
        at = f"{path}.deadlines.{i}"
        recurring = row.get("recurring") or None
        if recurring is not None:
            c.choice(recurring, f"{at}.recurring", RECURRING)
        deadlines.append(
            {
                "date": c.day(row.get("date"), f"{at}.date", required=True),
                "text": c.text(row.get("text"), f"{at}.text", 200),
                "recurring": recurring,
                "span": span(row.get("span")),
            }
        )
    indicators = []
    for i, row in c.rows(raw.get("indicators"), f"{path}.indicators"):
        at = f"{path}.indicators.{i}"
        indicators.append(
            {
                "name": c.text(row.get("name"), f"{at}.name", 200, required=True),
                "value": c.number(row.get("value"), f"{at}.value"),
                "unit": c.text(row.get("unit"), f"{at}.unit", 50),
                "op": row.get("op") if row.get("op") in ("<=", ">=") else ">=",
                "text": c.text(row.get("text"), f"{at}.text", 2000),
                "span": span(row.get("span")),
            }
        )
    limits = raw.get("limits") if isinstance(raw.get("limits"), list) else []
    return {
        "number": number,
        "heading": c.text(raw.get("heading"), f"{path}.heading", 300),
        "text": c.text(raw.get("text"), f"{path}.text", 20000),
        "span": span(raw.get("span")),
        "units": units,
        "deadlines": deadlines,
        "indicators": indicators,
        "limits": [x for x in limits if isinstance(x, dict)],
    }


def _unit_entry(c: _Check, raw: Json, path: str, unit_exists: Callable[[int], bool]) -> Json:
    unit = raw.get("unit")
    if isinstance(unit, str):
        unit = int(unit) if unit.strip().isdigit() else (None if not unit.strip() else unit)
    if unit is not None and (
        isinstance(unit, bool) or not isinstance(unit, int) or not unit_exists(unit)
    ):
        c.refuse(f"{path}.unit", _("No such unit in the directory."))
        unit = None
    return {
        "name": c.text(raw.get("name"), f"{path}.name", 200, required=True),
        "unit": unit,
        "create": flag(raw.get("create")) and unit is None,
        "areas": flag(raw.get("areas")) and unit is None,
    }


def validate(data: Any, unit_exists: Callable[[int], bool]) -> tuple[Json, Errors]:
    """The cleaned review and the errors by path (empty when it may be saved to the draft)."""
    c = _Check()
    if not isinstance(data, dict):
        c.refuse(
            "non_field_errors", _("The review must be an object with plan, targets and tasks.")
        )
        data = {}
    clean: Json = {
        "plan": _plan(c, data.get("plan")),
        "targets": [
            _target(c, row, f"targets.{i}") for i, row in c.rows(data.get("targets"), "targets")
        ],
        "tasks": [_task(c, row, f"tasks.{i}") for i, row in c.rows(data.get("tasks"), "tasks")],
        "units": [
            _unit_entry(c, row, f"units.{i}", unit_exists)
            for i, row in c.rows(data.get("units"), "units")
        ],
    }
    seen: dict[str, int] = {}
    for i, task in enumerate(clean["tasks"]):
        number = task["number"]
        if number and number in seen:
            c.refuse(
                f"tasks.{i}.number",
                _("Task %(other)d already has the numbering %(number)s.")
                % {"other": seen[number] + 1, "number": number},
            )
        seen.setdefault(number, i)
    return clean, c.errors


def nest(errors: Errors) -> Json:
    """Errors by path as the API nests them: ``{"tasks.3.number": [...]}`` →
    ``{"tasks": {"3": {"number": [...]}}}``."""
    out: Json = {}
    for path, messages in errors.items():
        node = out
        parts = path.split(".")
        for part in parts[:-1]:
            inner = node.setdefault(part, {})
            if not isinstance(inner, dict):  # a row refused whole and a field of it
                inner = node[part] = {"non_field_errors": inner}
            node = inner
        if isinstance(node.get(parts[-1]), dict):
            node[parts[-1]]["non_field_errors"] = messages
        else:
            node[parts[-1]] = messages
    return out
