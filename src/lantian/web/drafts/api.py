"""The drafts API (docs/plan_review.md, "API"): the command office only; others get 403 before
any draft is looked up, anonymous callers 401. Every change goes through
:mod:`lantian.web.drafts.services` / :mod:`lantian.web.drafts.ledger_save`, which the pages call
too. No ``DELETE``: a draft is discarded, never deleted."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lantian.web.api.pagination import Pagination
from lantian.web.drafts import ledger_save, services
from lantian.web.drafts import serializers as s
from lantian.web.drafts.models import PlanDraft
from lantian.web.drafts.scopes import can_use_drafts, drafts_listed_to, drafts_visible_to
from lantian.web.ledger.edit_serializers import MAX_ID


class CanUseDrafts(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return can_use_drafts(request.user)


PERMISSIONS = (IsAuthenticated, CanUseDrafts)


def draft_or_404(request: Request, pk: int) -> PlanDraft:
    if pk > MAX_ID:
        raise exceptions.NotFound()
    draft: PlanDraft = get_object_or_404(drafts_visible_to(request.user), pk=pk)
    return draft


def _detail(draft: PlanDraft) -> Any:
    """The draft as stored (its JSON read back), with who created it, in one query."""
    stored = PlanDraft.objects.select_related("created_by").get(pk=draft.pk)
    return s.DraftDetailSerializer(stored).data


class DraftListView(generics.ListAPIView):
    """``GET``: the drafts, newest first; ``POST`` (multipart, ``file``): upload a plan."""

    permission_classes = PERMISSIONS
    parser_classes = (MultiPartParser, FormParser)
    serializer_class = s.DraftSerializer
    pagination_class = Pagination

    def get_queryset(self) -> Any:
        return drafts_listed_to(self.request.user)

    @extend_schema(
        request={"multipart/form-data": s.UploadSerializer},
        responses={201: s.DraftDetailSerializer},
    )
    def post(self, request: Request) -> Response:
        draft = services.create_draft(request.user, request.FILES.get("file"))
        return Response(_detail(draft), status=status.HTTP_201_CREATED)


class DraftDetailView(APIView):
    """``GET``: the draft (text, proposal, review); ``PUT``: the whole review, checked."""

    permission_classes = PERMISSIONS
    parser_classes = (JSONParser,)

    @extend_schema(responses={200: s.DraftDetailSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(draft_or_404(request, pk)))

    @extend_schema(request=s.ReviewSerializer, responses={200: s.DraftDetailSerializer})
    def put(self, request: Request, pk: int) -> Response:
        draft = services.update_review(request.user, draft_or_404(request, pk), request.data)
        return Response(_detail(draft))


class DraftSaveView(APIView):
    """Save the reviewed draft to the ledger: all or nothing; a second save is refused."""

    permission_classes = PERMISSIONS

    @extend_schema(request=None, responses={200: s.DraftDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        draft = ledger_save.save_to_ledger(request.user, draft_or_404(request, pk))
        return Response(_detail(draft))


class DraftDiscardView(APIView):
    """Discard a draft that was not saved (it stays, read-only)."""

    permission_classes = PERMISSIONS

    @extend_schema(request=None, responses={200: s.DraftDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        draft = services.discard(request.user, draft_or_404(request, pk))
        return Response(_detail(draft))
