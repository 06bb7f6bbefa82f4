"""The dispatch and the notices, as pages (``/ledger/dispatch/``, ``/ledger/notices/``) and as
JSON (``/api/dispatch/``, ``/api/notices/``). Both call :mod:`.dispatch` and :mod:`.notices`;
a page only reads its parameters and shows the refusals.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lantian.planning import notices as rules
from lantian.web.ledger import notices as nt
from lantian.web.ledger import scopes
from lantian.web.ledger.dispatch import dispatch_summary
from lantian.web.ledger.params import api_on, on_param
from lantian.web.ledger.permissions import CanReadLedger

ON_PARAM = OpenApiParameter(
    "on", OpenApiTypes.DATE, description="the dispatch day (default: today)"
)


#: What each rule's notice is, for the notices page.
RULE_NAMES = {
    rules.OVERDUE_TASKS: gettext_lazy("Overdue tasks"),
    rules.MISSING_REPORTS: gettext_lazy("Missing reports"),
    rules.BOTTOM_RANKING: gettext_lazy("Bottom of the air-quality ranking"),
    rules.INTERVIEW: gettext_lazy("Interview candidate (约谈)"),
}


def _reader(request: HttpRequest) -> None:
    if not scopes.can_read_ledger(request.user):
        raise PermissionDenied


def _english() -> bool:
    return not (get_language() or "zh-hans").startswith("zh")


# --- pages --------------------------------------------------------------------------------------


@login_required
@require_GET
def dispatch_page(request: HttpRequest) -> HttpResponse:
    _reader(request)
    context: dict[str, Any] = {
        "can_decide": scopes.can_decide(request.user),
        "can_generate": nt.can_generate(request.user),
        "data": None,
        "error": None,
    }
    try:
        on = on_param(request.GET)
    except ValueError as exc:
        context["error"] = str(exc)
        return render(request, "ledger/dispatch.html", context, status=400)
    context["data"] = dispatch_summary(request.user, on)
    return render(request, "ledger/dispatch.html", context)


@login_required
@require_POST
def generate_page(request: HttpRequest) -> HttpResponse:
    """The office generates the notices of the week of ``on`` (form field; default today)."""
    if not nt.can_generate(request.user):
        raise PermissionDenied
    try:
        on = on_param(request.POST)
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("ledger-dispatch")
    result = nt.generate(request.user, on)
    messages.success(
        request,
        _("%(week)s: %(created)d notices created, %(existing)d already existed.")
        % {"week": result.week, "created": len(result.created), "existing": result.existing},
    )
    return redirect("ledger-notices")


@login_required
@require_GET
def notices_page(request: HttpRequest) -> HttpResponse:
    _reader(request)
    notices = nt.notices_visible_to(request.user)
    rows = [
        {
            "notice": n,
            "reason": n.reason_en if _english() else n.reason_zh,
            "kind": RULE_NAMES.get(n.rule, n.rule),
            "can_acknowledge": n.acknowledged_at is None and nt.is_recipient(request.user, n),
        }
        for n in notices
    ]
    context = {
        "rows": rows,
        "can_decide": scopes.can_decide(request.user),
        "can_generate": nt.can_generate(request.user),
    }
    return render(request, "ledger/notices.html", context)


@login_required
@require_POST
def acknowledge_page(request: HttpRequest, pk: int) -> HttpResponse:
    _reader(request)
    try:
        nt.acknowledge(request.user, pk)
    except exceptions.PermissionDenied:
        raise PermissionDenied from None
    except exceptions.ValidationError:
        messages.error(request, _("This notice has already been acknowledged."))
        return redirect("ledger-notices")
    messages.success(request, _("The notice was acknowledged."))
    return redirect("ledger-notices")


# --- API ----------------------------------------------------------------------------------------


class CanGenerate(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return nt.can_generate(request.user)


class DispatchApi(APIView):
    """The week's dispatch per unit and per area, with the areas' air-quality ranking."""

    permission_classes = (IsAuthenticated, CanReadLedger)

    @extend_schema(parameters=[ON_PARAM], responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        return Response(dispatch_summary(request.user, api_on(request.query_params)))


class NoticeListApi(APIView):
    """The notices the user may see, with their acknowledgement."""

    permission_classes = (IsAuthenticated, CanReadLedger)

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        rows = nt.notices_visible_to(request.user)
        return Response({"results": [nt.notice_json(n) for n in rows]})


class NoticeGenerateApi(APIView):
    """The command office generates the notices of the week of ``on`` (idempotent)."""

    permission_classes = (IsAuthenticated, CanGenerate)

    @extend_schema(parameters=[ON_PARAM], request=None, responses={200: OpenApiTypes.OBJECT})
    def post(self, request: Request) -> Response:
        on = api_on(request.query_params, request.data)
        result = nt.generate(request.user, on)
        return Response(
            {
                "week": result.week,
                "created": [nt.notice_json(n) for n in result.created],
                "existing": result.existing,
                "unmatched": result.unmatched,
            },
            status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK,
        )


class NoticeAcknowledgeApi(APIView):
    """The recipient acknowledges a notice (once)."""

    permission_classes = (IsAuthenticated, CanReadLedger)

    @extend_schema(request=None, responses={200: OpenApiTypes.OBJECT})
    def post(self, request: Request, pk: int) -> Response:
        return Response(nt.notice_json(nt.acknowledge(request.user, pk)))
