"""The shapes of the verification API and of a forecast sent as a JSON body, for the OpenAPI
description (drf-spectacular) and for the answer itself (the verification passes through
:class:`VerificationSerializer`, so the description is what is sent)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from lantian.emergency.levels import Level
from lantian.emergency.warning_verdict import Verdict

LEVELS = [lv.value for lv in Level]
VERDICTS = [v.value for v in Verdict]


# --- a forecast as a JSON body (docs/emergency_forecasts.md, "JSON") ---------------------------


class ForecastDayBodySerializer(serializers.Serializer):
    date = serializers.DateField()
    aqi = serializers.JSONField(help_text='a number, "180-220", [180, 220] or {"lo", "hi"}')
    primary = serializers.JSONField(required=False, help_text='"PM2.5" or ["PM2.5", "PM10"]')
    category = serializers.CharField(required=False, help_text="HJ 633 category, or a range")


class ForecastHourBodySerializer(serializers.Serializer):
    end = serializers.DateTimeField(help_text="end of the running 24-h window")
    aqi = serializers.JSONField()
    primary = serializers.JSONField(required=False)


class ForecastItemBodySerializer(serializers.Serializer):
    city = serializers.CharField()
    issued = serializers.DateTimeField(help_text="issue time; without an offset: Beijing time")
    source = serializers.CharField(required=False)
    days = ForecastDayBodySerializer(many=True, required=False)
    hours = ForecastHourBodySerializer(many=True, required=False)


class ForecastBodySerializer(serializers.Serializer):
    """``{"forecasts": [...]}`` as in a JSON forecast file (a bare list, or one forecast object,
    is accepted too); unknown fields are refused."""

    forecasts = ForecastItemBodySerializer(many=True)


# --- verification ------------------------------------------------------------------------------


class CitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CountsSerializer(serializers.Serializer):
    hit = serializers.IntegerField()
    over = serializers.IntegerField()
    under = serializers.IntegerField()
    pending = serializers.IntegerField()
    withdrawn = serializers.IntegerField()
    missed = serializers.IntegerField(help_text="observed episodes without a warning")


def _with(fields: dict[str, Any], **extra: serializers.Field) -> dict[str, Any]:
    """``fields`` and fields named by Python keywords (``from``, ``to``), in that order."""
    return {**fields, **extra}


class LevelFromSerializer(serializers.Serializer):
    """A level put in force (issue, upgrade, downgrade) from the start of its measures
    (``from``, ISO 8601, Beijing time)."""

    level = serializers.ChoiceField(choices=LEVELS)

    def get_fields(self) -> dict[str, Any]:
        return _with(super().get_fields(), **{"from": serializers.CharField()})


class DayVerdictSerializer(serializers.Serializer):
    day = serializers.DateField()
    issued = serializers.ChoiceField(choices=LEVELS)
    aqi = serializers.IntegerField(allow_null=True, help_text="observed daily AQI; null: none")
    observed = serializers.ChoiceField(choices=LEVELS, allow_null=True)
    verdict = serializers.ChoiceField(choices=VERDICTS)


class WarningVerdictSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="the warning")
    first_day = serializers.DateField(allow_null=True)
    last_day = serializers.DateField(allow_null=True)
    levels = LevelFromSerializer(many=True)
    issued = serializers.ChoiceField(choices=LEVELS, allow_null=True, help_text="highest")
    observed = serializers.ChoiceField(
        choices=LEVELS, allow_null=True, help_text="highest the observations trigger"
    )
    verdict = serializers.ChoiceField(choices=VERDICTS)
    verdict_zh = serializers.CharField()
    verdict_en = serializers.CharField()
    missing_days = serializers.ListField(child=serializers.DateField())
    days = DayVerdictSerializer(many=True)


class MissedSerializer(serializers.Serializer):
    first_day = serializers.DateField()
    last_day = serializers.DateField()
    days = serializers.IntegerField()
    level = serializers.ChoiceField(choices=LEVELS)
    peak_aqi = serializers.IntegerField()


class VerificationSerializer(serializers.Serializer):
    city = CitySerializer()
    as_of = serializers.DateTimeField()
    store = serializers.BooleanField(help_text="whether a measurement store exists")
    observed_days = serializers.IntegerField(help_text="days of the range with an observed AQI")
    scheme = serializers.CharField()
    counts = CountsSerializer()
    warnings = WarningVerdictSerializer(many=True)
    missed = MissedSerializer(many=True)
    forecast_count = serializers.IntegerField(help_text="stored forecasts issued in the range")
    forecasts = serializers.JSONField(
        allow_null=True,
        help_text="the scores by lead time, forecast and persistence: the core's "
        "Verification.to_dict() (docs/emergency_verification.md); null without forecasts",
    )

    def get_fields(self) -> dict[str, Any]:
        return _with(
            super().get_fields(),
            **{"from": serializers.DateField(), "to": serializers.DateField()},
        )
