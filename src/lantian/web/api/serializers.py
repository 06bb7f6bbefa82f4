from __future__ import annotations

from typing import Any

from rest_framework import serializers

from lantian.web.access import role_of
from lantian.web.org.models import Area, Unit


class AreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ("id", "name", "code", "level", "parent")


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ("id", "name", "short_name", "area")


class MeSerializer(serializers.Serializer):
    """Who is asking: anonymous visitors are answered as the public."""

    authenticated = serializers.BooleanField()
    username = serializers.CharField(allow_blank=True)
    name = serializers.CharField(allow_blank=True)
    role = serializers.CharField()
    unit = UnitSerializer(allow_null=True)
    area = AreaSerializer(allow_null=True)

    @staticmethod
    def describe(user: Any) -> dict[str, Any]:
        authenticated = bool(user.is_authenticated)
        return {
            "authenticated": authenticated,
            "username": user.get_username() if authenticated else "",
            "name": user.get_full_name() if authenticated else "",
            "role": role_of(user).value,
            "unit": user.unit if authenticated else None,
            "area": user.area if authenticated else None,
        }


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
