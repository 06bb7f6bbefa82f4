"""``/emergency/verification/`` and ``GET /api/emergency/verification/``: the verdicts on a
city's warnings, the missed episodes and the scores of its forecasts, from one service
(:func:`lantian.web.emergency.verifying.verification`). The command office and inspectors;
others 403, anonymous visitors the login page (the API: 401).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions as drf
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lantian.emergency.verification import event_label
from lantian.web.emergency import permissions as perm
from lantian.web.emergency import serializers as s
from lantian.web.emergency import verifying
from lantian.web.emergency.page_utils import english, level_view, messages_of, page, require
from lantian.web.emergency.verification_serializers import VerificationSerializer
from lantian.web.ledger import clock


class VerificationView(APIView):
    """The verdicts on the city's warnings in the range (hit, over-, under-warned, not yet
    verifiable), the observed episodes no warning covered (missed), and the scores of the
    city's forecasts issued in the range by lead time, with persistence beside."""

    permission_classes = (IsAuthenticated, perm.CanReadVerification)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "city",
                OpenApiTypes.INT,
                description="the city (default: that of the latest issued warning)",
            ),
            OpenApiParameter(
                "from", OpenApiTypes.DATE, description="first day (default: 89 days before to)"
            ),
            OpenApiParameter("to", OpenApiTypes.DATE, description="last day (default: today)"),
        ],
        responses={200: VerificationSerializer, 400: s.ErrorSerializer, 404: s.ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        data = verifying.verification(verifying.read_query(request.query_params))
        return Response(VerificationSerializer(data).data)


# --- the page ----------------------------------------------------------------------------------


def _ratio(r: dict[str, Any]) -> dict[str, str]:
    if r["value"] is None:
        return {"text": "—", "why": r["undefined_en"] if english() else r["undefined_zh"]}
    return {"text": f"{r['value']:.2f}", "why": ""}


def _rate(rate: dict[str, Any]) -> dict[str, Any]:
    return {"hits": rate["hits"], "n": rate["n"], **_ratio(rate["rate"])}


def _contingency(c: dict[str, Any]) -> dict[str, Any]:
    return {**c, "pod": _ratio(c["pod"]), "far": _ratio(c["far"]), "ts": _ratio(c["ts"])}


#: The level scores of a lead, in the table's order.
LEVEL_SCORES = ("exact_level", "within_range", "within_one_level", "primary_pollutant")


def score_rows(scores: dict[str, Any]) -> dict[str, Any]:
    """The core's ``Verification.to_dict()`` laid out for the tables: per lead the level scores
    of the forecasts and of persistence side by side; per event the contingency rows."""
    leads = [
        {
            "lead": fc["lead"],
            "n": fc["n"],
            "cells": [{"f": _rate(fc[k]), "p": _rate(pe[k])} for k in LEVEL_SCORES],
        }
        for fc, pe in zip(scores["forecast"], scores["persistence"], strict=True)
    ]
    events = []
    for i, first in enumerate(scores["forecast"][0]["events"] if scores["forecast"] else []):
        zh, en = event_label(first["event"])
        rows = [
            {
                "lead": fc["lead"],
                "forecast": _contingency(fc["events"][i]),
                "persistence": _contingency(pe["events"][i]),
            }
            for fc, pe in zip(scores["forecast"], scores["persistence"], strict=True)
        ]
        events.append({"key": first["event"], "label": en if english() else zh, "rows": rows})
    excluded = [
        {"text": x["en"] if english() else x["zh"], "count": x["count"]} for x in scores["excluded"]
    ]
    return {"leads": leads, "events": events, "excluded": excluded, "pairs": scores["pairs"]}


def _query_errors(exc: drf.ValidationError) -> list[str]:
    """The refusal's messages, each prefixed by its parameter unless it names it already."""
    detail = exc.detail if isinstance(exc.detail, dict) else {}
    return [
        text if text.startswith(field) else f"{field}: {text}"
        for field, messages in detail.items()
        for text in map(str, messages)
    ] or messages_of(exc)


@login_required
@require_GET
def verification_page(request: HttpRequest) -> HttpResponse:
    require(verifying.can_read, request)
    context: dict[str, Any] = {"cities": verifying.cities(), "params": request.GET}
    try:
        q = verifying.read_query(request.GET)
    except drf.NotFound:
        raise Http404 from None
    except drf.ValidationError as exc:
        context["errors"] = _query_errors(exc)
        return page(request, "emergency/verification.html", context, status=400)
    data = verifying.verification(q)
    context.update(
        q=q,
        data=data,
        today=clock.today(),
        warnings=[verifying.present(w) for w in data["warnings"]],
        missed=[{**x, "level_view": level_view(x["level"])} for x in data["missed"]],
        scores=score_rows(data["forecasts"]) if data["forecasts"] else None,
    )
    return page(request, "emergency/verification.html", context)
