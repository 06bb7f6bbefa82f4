"""Downloading an evidence file (佐证材料) of a report: page and API.

Whoever may see the report's task may download its evidence (``visible(user, Report)``, the
ledger's scopes); for anyone else the file does not exist (404, never 403: a file's existence is
not leaked). Anonymous visitors go to the login page (API: 401). The answer is the stored file as
an attachment under its original name, with the content type of its checked type.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.views import APIView

from lantian.web.access import visible
from lantian.web.api.negotiation import JsonErrors
from lantian.web.ledger import models as m
from lantian.web.ledger.edit_serializers import MAX_ID

#: Extension of the original name (checked against the file's first bytes on upload, see
#: ``lantian.web.ledger.evidence.ALLOWED_TYPES``) → content type of the download.
CONTENT_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FALLBACK_TYPE = "application/octet-stream"


def content_type_of(name: str) -> str:
    return CONTENT_TYPES.get(PurePath(name).suffix.lower(), FALLBACK_TYPE)


def evidence_visible_to(user: Any) -> QuerySet[m.Evidence]:
    """The evidence of the reports ``user`` may see."""
    return m.Evidence.objects.filter(report__in=visible(user, m.Report))


def download(user: Any, pk: int) -> FileResponse:
    """The file of evidence ``pk`` for ``user``; ``Http404`` when not visible or not on disk."""
    evidence = evidence_visible_to(user).filter(pk=pk).first() if pk <= MAX_ID else None
    if evidence is None:
        raise Http404("no such evidence")
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404("the evidence file is missing") from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.name,
        content_type=content_type_of(evidence.name),
    )


@login_required
@require_GET
def evidence_page(request: HttpRequest, pk: int) -> FileResponse:
    """``/ledger/evidence/<id>/``: the download link of the task page."""
    return download(request.user, pk)


class EvidenceDownloadView(APIView):
    """Download an evidence file of a report on a task the caller may see (else 404)."""

    permission_classes = (IsAuthenticated,)
    content_negotiation_class = JsonErrors

    @extend_schema(
        responses={
            (200, content_type): OpenApiTypes.BINARY
            for content_type in sorted({*CONTENT_TYPES.values(), FALLBACK_TYPE})
        }
    )
    def get(self, request: Request, pk: int) -> FileResponse:
        return download(request.user, pk)
