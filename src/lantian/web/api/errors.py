"""One JSON error shape for the API: ``{"ok": false, "error": "...", "status": 400}``.

Validation errors also carry ``"errors"``: the field → messages mapping DRF produced, while
``"error"`` gives the first of them as one readable sentence. Unknown URLs under ``/api/``
answer in the same shape; elsewhere the usual pages are shown.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from lantian.airquality.store import StaleStoreError


def error_body(status: int, error: str, errors: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"ok": False, "error": error, "status": status}
    if errors is not None:
        body["errors"] = errors
    return body


def first_message(detail: Any) -> str:
    """The first message in DRF's nested detail, prefixed with its field name."""
    if isinstance(detail, dict):
        for field, inner in detail.items():
            message = first_message(inner)
            if field in ("detail", "non_field_errors"):
                return message
            return f"{field}: {message}"
        return ""
    if isinstance(detail, list):
        return first_message(detail[0]) if detail else ""
    return str(detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, then the body rewritten to the one shape; headers are kept. A stale
    measurement store is 503 with the command that repairs it."""
    if isinstance(exc, StaleStoreError):
        return Response(error_body(503, str(exc)), status=503)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    errors = detail if isinstance(detail, dict) and "detail" not in detail else None
    if isinstance(detail, list):
        errors = {"non_field_errors": detail}
    response.data = error_body(response.status_code, first_message(detail), errors)
    return response


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return JsonResponse(error_body(404, _("Not found.")), status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return JsonResponse(error_body(500, _("Server error.")), status=500)
    return defaults.server_error(request)


class StaleStoreMiddleware:
    """Pages answer a stale measurement store with 503 and the repair command (the API does so
    in :func:`exception_handler`); the platform never repairs the store while serving."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.get_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, StaleStoreError):
            return None
        if _is_api(request):
            return JsonResponse(error_body(503, str(exception)), status=503)
        text = escape(str(exception))
        return HttpResponse(
            f'<!DOCTYPE html><meta charset="utf-8"><p role="alert">{text}</p>',
            status=503,
        )
