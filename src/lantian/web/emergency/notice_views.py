"""Downloading a warning's notice (预警通知, Word): page and API.

Who may download: whoever sees the warning's notification list (:func:`.scopes.can_respond`:
the command office and inspectors); anyone else 403, a warning outside the caller's scope 404,
anonymous visitors the login page (API: 401). A warning not in force is refused with its reason
(400). The notice is :mod:`lantian.emergency.notice_doc`'s, written from
:func:`.response.notice_inputs`; issuer ``<city>重污染天气应急指挥部办公室``, no document number
(the notice prints ``（待编号）``). Chinese by default, ``?lang=en`` for English.
"""

from __future__ import annotations

import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.views import APIView

from lantian.emergency.notice_doc import LANGS, WarningNotice, notice_from, write_notice
from lantian.web.api.negotiation import JsonErrors
from lantian.web.emergency import models as m
from lantian.web.emergency import permissions as perm
from lantian.web.emergency import response, scopes
from lantian.web.emergency.page_utils import messages_of

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def issuer_of(city: str) -> str:
    """The default issuer: the city's heavy-pollution emergency command office."""
    return f"{city}重污染天气应急指挥部办公室"


def lang_of(text: str | None) -> str:
    lang = text or "zh"
    if lang not in LANGS:
        raise exceptions.ValidationError({"lang": [_("Expected zh or en.")]})
    return lang


def build_notice(warning: m.Warning) -> WarningNotice:
    """The notice of a warning in force (400 with the reason otherwise)."""
    inputs = response.notice_inputs(warning)
    if inputs.city_daily is None:
        raise exceptions.ValidationError(
            {"warning": [_("The city has no reduction list import: no notice.")]}
        )
    try:
        return notice_from(
            inputs.decision,
            inputs.record,
            inputs.reduction_list,
            city_daily=inputs.city_daily,
            issuer=issuer_of(warning.city.name),
        )
    except ValueError as exc:
        raise exceptions.ValidationError({"warning": [str(exc)]}) from exc


def file_name(notice: WarningNotice, lang: str) -> str:
    """``石家庄市-橙色预警-2019-09-06.docx`` (the day of issue, Beijing time)."""
    level = notice.level.zh if lang == "zh" else notice.level.en.replace(" ", "-")
    day = timezone.localtime(notice.issued_at).date().isoformat()
    return f"{notice.city}-{level}-{day}.docx"


def notice_response(user: Any, pk: int, lang_text: str | None) -> HttpResponse:
    """The .docx of warning ``pk`` as an attachment for ``user`` (access checked here)."""
    response.responder_or_403(user)
    warning = get_object_or_404(scopes.warnings_visible_to(user), pk=pk)
    lang = lang_of(lang_text)
    notice = build_notice(warning)
    stream = io.BytesIO()
    write_notice(notice, stream, lang)
    name = file_name(notice, lang)
    answer = HttpResponse(stream.getvalue(), content_type=DOCX)
    answer["Content-Disposition"] = attachment_disposition(name, f"notice-{warning.pk}.docx")
    return answer


def attachment_disposition(name: str, fallback: str) -> str:
    """``Content-Disposition`` of a download named ``name`` (RFC 6266): Django's header, which
    gives a name that is not plain ASCII as ``filename*=utf-8''…`` (RFC 5987), after the ASCII
    ``fallback`` as ``filename="…"`` for clients that do not read ``filename*`` (RFC 6266
    appendix D)."""
    named = content_disposition_header(True, name) or "attachment"
    if "filename*=" not in named:
        return named
    plain = content_disposition_header(True, fallback) or "attachment"
    return f"{plain}; {named.removeprefix('attachment; ')}"


@login_required
@require_GET
def notice_page(request: HttpRequest, pk: int) -> HttpResponse:
    """``/emergency/warnings/<id>/notice.docx``: the link on the warning page. A refusal shows the
    reason on the error page (400)."""
    try:
        return notice_response(request.user, pk, request.GET.get("lang"))
    except exceptions.PermissionDenied as exc:
        raise PermissionDenied from exc
    except exceptions.ValidationError as exc:
        return HttpResponse(
            "\n".join(messages_of(exc)), status=400, content_type="text/plain; charset=utf-8"
        )


class NoticeDownloadView(APIView):
    """The warning notice (Word) of a warning in force: the office and inspectors."""

    permission_classes = (IsAuthenticated, perm.CanRespond)
    content_negotiation_class = JsonErrors

    @extend_schema(
        parameters=[
            OpenApiParameter("lang", str, enum=list(LANGS), description="zh (default), en")
        ],
        responses={(200, DOCX): OpenApiTypes.BINARY},
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        return notice_response(request.user, pk, request.query_params.get("lang"))
