"""What the emergency pages share: access guards, rendering, form input and refusals."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework import exceptions as drf

from lantian.emergency.levels import Level
from lantian.web.emergency import scopes


def english() -> bool:
    return not (get_language() or "zh-hans").startswith("zh")


def require(check: Callable[[Any], bool], request: HttpRequest) -> None:
    """403 unless ``check(user)``."""
    if not check(request.user):
        raise PermissionDenied


def field_labels(**overrides: str) -> dict[str, str]:
    """The names the emergency forms give their input fields (in the current language), for
    :func:`form_messages`; ``overrides`` where a form names a field otherwise."""
    labels = {
        "action": _("Action"),
        "approver": _("Approved by (审签)"),
        "at": _("Inspected at"),
        "baseline": _("staggering baseline (daily)"),
        "before": _("Period changed or withdrawn"),
        "city": _("City"),
        "compliant": _("Compliant"),
        "decision": _("Decision"),
        "end": _("End"),
        "enterprise": _("Enterprise"),
        "expected_end": _("Expected end"),
        "findings": _("Findings"),
        "forecast": _("Forecast"),
        "issuer": _("Issuer"),
        "kind": _("Action"),
        "level": _("Level"),
        "line": _("Line"),
        "local_rule": _("local rule"),
        "measure": _("Measure"),
        "measures_start": _("Measures from"),
        "note": _("Note"),
        "notice": _("notice to an enterprise"),
        "reason": _("Reason"),
        "reference": _("Reference"),
        "seed": _("seed"),
        "size": _("Number of enterprises"),
        "start": _("Start"),
        "value": _("limit [%]"),
        "warning": _("Warning"),
    }
    return {**labels, **overrides}


def form_messages(exc: drf.ValidationError, **overrides: str) -> list[str]:
    """A form's refusal for its page: :func:`messages_of` with each field named as the form
    names it (:func:`field_labels`), not by its parameter name."""
    return messages_of(exc, field_labels(**overrides))


def messages_of(exc: drf.ValidationError, labels: Mapping[str, str] | None = None) -> list[str]:
    """A refusal's messages, each once, prefixed by its field where that helps (by its label in
    ``labels`` when there is one)."""
    labels = labels or {}
    out: list[str] = []

    def walk(detail: Any, field: str | None) -> None:
        if isinstance(detail, dict):
            for key, inner in detail.items():
                walk(inner, None if key in ("non_field_errors", "detail") else str(key))
        elif isinstance(detail, list):
            for inner in detail:
                walk(inner, field)
        else:
            text = str(detail)
            shown = (
                text
                if field in (None, "file", "list_file", "city_emissions")
                else f"{labels.get(field, field)}: {text}"
            )
            if shown not in out:
                out.append(shown)

    walk(exc.detail, None)
    return out


def form_data(request: HttpRequest, *names: str, nullable: tuple[str, ...] = ()) -> dict[str, Any]:
    """The POSTed fields; an empty ``nullable`` field is ``None`` (not given)."""
    data: dict[str, Any] = {}
    for name in names:
        value = request.POST.get(name, "")
        if name in nullable and not value.strip():
            data[name] = None
        else:
            data[name] = value
    return data


def level_view(value: str | None) -> dict[str, str] | None:
    """A level for a page: value, name in the current language, response grade."""
    if not value:
        return None
    level = Level(value)
    return {
        "value": level.value,
        "name": level.en if english() else level.zh,
        "response": level.response,
    }


def page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    user = request.user
    context.setdefault("zh", not english())
    context.setdefault("is_office", scopes.is_office(user))
    context.setdefault("can_respond", scopes.can_respond(user))
    context.setdefault("can_read_list", scopes.can_read_list_summary(user))
    return render(request, template, context, status=status)
