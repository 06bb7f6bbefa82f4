"""What the emergency pages share: access guards, rendering, form input and refusals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from rest_framework import exceptions as drf

from lantian.emergency.levels import Level
from lantian.web.emergency import scopes


def english() -> bool:
    return not (get_language() or "zh-hans").startswith("zh")


def require(check: Callable[[Any], bool], request: HttpRequest) -> None:
    """403 unless ``check(user)``."""
    if not check(request.user):
        raise PermissionDenied


def messages_of(exc: drf.ValidationError) -> list[str]:
    """A refusal's messages, each once, prefixed by its field where that helps."""
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
                else (f"{field}: {text}")
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
