"""API views: who am I, areas, units, tokens. Querysets come from ``lantian.web.access``."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lantian.web import access
from lantian.web.api.pagination import Pagination
from lantian.web.api.permissions import CanListUnits
from lantian.web.api.serializers import (
    AreaSerializer,
    MeSerializer,
    TokenSerializer,
    UnitSerializer,
)


class MeView(APIView):
    """The user behind the request, with role, unit and area; anonymous = public."""

    permission_classes = (AllowAny,)

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(MeSerializer.describe(request.user)).data)


class AreaViewSet(viewsets.ReadOnlyModelViewSet):
    """Areas (city → district/county → town/street)."""

    serializer_class = AreaSerializer
    permission_classes = (AllowAny,)
    pagination_class = Pagination

    def get_queryset(self) -> Any:
        return access.areas_visible_to(self.request.user)


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Units (departments), for users inside the administration."""

    serializer_class = UnitSerializer
    permission_classes = (IsAuthenticated, CanListUnits)
    pagination_class = Pagination

    def get_queryset(self) -> Any:
        return access.units_visible_to(self.request.user)


class TokenView(APIView):
    """POST: a new API token for the logged-in user (the old one stops working); DELETE: revoke."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(request=None, responses={201: TokenSerializer})
    def post(self, request: Request) -> Response:
        Token.objects.filter(user=request.user).delete()
        token = Token.objects.create(user=request.user)
        return Response({"token": token.key}, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
