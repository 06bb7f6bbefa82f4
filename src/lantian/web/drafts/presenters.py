"""The review page's view of a review (as stored, or as posted with its errors).

Defensive on purpose: a posted review that failed its check is shown again as typed, whatever
its values, with each error next to its field.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from lantian.airquality.targets import METRICS
from lantian.web.drafts.registry import Registry
from lantian.web.drafts.review import PLAN_FIELDS, RECURRING, ROLES, task_problems, units_by_name
from lantian.web.drafts.validation import TARGET_METRICS

Errors = dict[str, list[str]]


def flatten(detail: Any, prefix: str = "") -> Errors:
    """DRF's nested error detail as errors by path (``tasks.3.number``)."""
    if isinstance(detail, dict):
        out: Errors = {}
        for key, inner in detail.items():
            out.update(flatten(inner, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(detail, list) and all(not isinstance(x, dict | list) for x in detail):
        return {prefix or "non_field_errors": [str(x) for x in detail]}
    if isinstance(detail, list):
        out = {}
        for i, inner in enumerate(detail):
            out.update(flatten(inner, f"{prefix}.{i}"))
        return out
    return {prefix or "non_field_errors": [str(detail)]}


def lines(detail: Any) -> list[str]:
    """Every message of DRF's error detail, in order (for a page's one list of refusals)."""
    return [m for messages in flatten(detail).values() for m in messages]


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _span(value: Any) -> str:
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return json.dumps(value)
    return ""


def _sub(errors: Errors, prefix: str) -> Errors:
    """The errors under ``prefix``, keyed by the rest of their path."""
    n = len(prefix) + 1
    return {k[n:]: v for k, v in errors.items() if k.startswith(prefix + ".")}


def problem_labels() -> dict[str, str]:
    return {
        "no_unit": _("no unit"),
        "unknown_unit": _("unknown unit"),
        "no_deadline": _("no deadline"),
        "no_text": _("no text"),
    }


def metric_choices() -> list[tuple[str, str]]:
    out = [(k, f"{v[0]} ({k})") for k, v in METRICS.items()]
    extra = {"dustfall": _("dustfall (not held by the ledger)"), "other": _("other (not held)")}
    return out + [(k, extra[k]) for k in TARGET_METRICS if k not in METRICS]


def role_choices() -> list[tuple[str, str]]:
    labels = {
        "lead": _("Lead unit"),
        "cooperating": _("Cooperating unit"),
        "responsible": _("Responsible unit"),
    }
    return [(r, labels[r]) for r in ROLES]


def recurring_choices() -> list[tuple[str, str]]:
    labels = {
        "weekly": _("weekly"),
        "monthly": _("monthly"),
        "quarterly": _("quarterly"),
        "semiannual": _("every half year"),
        "yearly": _("yearly"),
    }
    return [("", "—")] + [(r, labels[r]) for r in RECURRING]


def plan_field_labels() -> dict[str, str]:
    """The plan's fields as the page and the save's refusals name them (in the active language)."""
    return {
        "title": _("Title"),
        "issuer": _("Issuing body"),
        "document_number": _("Document number"),
        "issued_on": _("Issued on"),
        "start": _("Period start"),
        "end": _("Period end"),
        "area": _("Area"),
    }


def plan_view(review: dict[str, Any], errors: Errors) -> list[dict[str, Any]]:
    plan = _dict(review.get("plan"))
    spans = _dict(plan.get("spans"))
    labels = plan_field_labels()
    return [
        {
            "name": name,
            "label": labels[name],
            "value": _text(plan.get(name)),
            "span": _span(spans.get(name)),
            "date": name in ("issued_on", "start", "end"),
            "errors": errors.get(f"plan.{name}", []),
        }
        for name in PLAN_FIELDS
    ]


def plan_extra(review: dict[str, Any]) -> str:
    return json.dumps({"spans": _dict(_dict(review.get("plan")).get("spans"))})


def targets_view(review: dict[str, Any], errors: Errors) -> list[dict[str, Any]]:
    out = []
    for i, t in enumerate(_list(review.get("targets"))):
        extra = {"unit": t.get("unit", ""), "text": t.get("text", ""), "span": t.get("span")}
        out.append(
            {
                "index": i,
                "metric": _text(t.get("metric")),
                "area": _text(t.get("area")),
                "period": _text(t.get("period")),
                "op": _text(t.get("op")),
                "value": _text(t.get("value")),
                "change": t.get("change") is True or t.get("change") in ("true", "on"),
                "unit": _text(t.get("unit")),
                "text": _text(t.get("text")),
                "span": _span(t.get("span")),
                "held": t.get("metric") in METRICS,
                "extra": json.dumps(extra, ensure_ascii=False),
                "errors": _sub(errors, f"targets.{i}"),
            }
        )
    return out


def _rows(
    rows: Any, errors: Errors, prefix: str, extra_keys: tuple[str, ...]
) -> list[dict[str, Any]]:
    out = []
    for j, row in enumerate(_list(rows)):
        view = {k: _text(v) for k, v in row.items() if k != "span"}
        view["span"] = _span(row.get("span"))
        view["extra"] = json.dumps({k: row.get(k) for k in extra_keys}, ensure_ascii=False)
        view["errors"] = _sub(errors, f"{prefix}.{j}")
        out.append(view)
    return out


def tasks_view(review: dict[str, Any], errors: Errors) -> list[dict[str, Any]]:
    entries = units_by_name(review)
    labels = problem_labels()
    out = []
    for i, t in enumerate(_list(review.get("tasks"))):
        problems = task_problems(t, entries)
        own = _sub(errors, f"tasks.{i}")
        extra = {"span": t.get("span"), "limits": t.get("limits") or []}
        units = _rows(t.get("units"), errors, f"tasks.{i}.units", ("span",))
        for u in units:
            entry = entries.get(u.get("name", ""))
            u["known"] = bool(entry and entry.get("unit") is not None)
            u["areas"] = bool(entry and entry.get("areas"))
            u["create"] = bool(entry and entry.get("create"))
        out.append(
            {
                "index": i,
                "number": _text(t.get("number")),
                "heading": _text(t.get("heading")),
                "text": _text(t.get("text")),
                "span": _span(t.get("span")),
                "extra": json.dumps(extra, ensure_ascii=False),
                "problems": [labels[p] for p in problems],
                "units": units,
                "deadlines": _rows(
                    t.get("deadlines"), errors, f"tasks.{i}.deadlines", ("span", "recurring")
                ),
                "indicators": _rows(
                    t.get("indicators"), errors, f"tasks.{i}.indicators", ("op", "text", "span")
                ),
                "limits": _list(t.get("limits")),
                "errors": {k: v for k, v in own.items() if "." not in k},
                "has_errors": bool(own),
                "last": False,
            }
        )
    if out:
        out[-1]["last"] = True
    return out


def units_view(review: dict[str, Any], errors: Errors, registry: Registry) -> list[dict[str, Any]]:
    out = []
    for i, e in enumerate(_list(review.get("units"))):
        unit = e.get("unit")
        out.append(
            {
                "index": i,
                "name": _text(e.get("name")),
                "unit": unit if isinstance(unit, int) else None,
                "registry_name": registry.names.get(unit) if isinstance(unit, int) else None,
                "create": e.get("create") is True,
                "areas": e.get("areas") is True,
                "errors": _sub(errors, f"units.{i}"),
            }
        )
    return out
