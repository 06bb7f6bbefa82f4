"""A model instance as the JSON object the audit log keeps as ``before``/``after``."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection
from decimal import Decimal
from typing import Any

from django.db.models import Model

from lantian.web.audit.chain import JsonObject, JsonValue

NEVER_RECORDED = frozenset({"password"})
"""Fields whose value never enters the log (a password hash is a secret)."""


def json_value(value: Any) -> JsonValue:
    """A field value as JSON: dates and times in ISO 8601, decimals and UUIDs as text.

    Decimals become text, not floats, so that ``Decimal("0.10")`` keeps its digits.
    """
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): json_value(item) for key, item in value.items()}
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return str(value)  # files (their name), enum members...


def snapshot(instance: Model, exclude: Collection[str] = NEVER_RECORDED) -> JsonObject:
    """The concrete fields of ``instance`` (foreign keys by id), minus ``exclude``."""
    return {
        field.attname: json_value(field.value_from_object(instance))
        for field in instance._meta.concrete_fields
        if field.name not in exclude and field.attname not in exclude
    }


def object_type(instance: Model | type[Model]) -> str:
    """``app_label.model_name``, e.g. ``org.user``."""
    return instance._meta.label_lower
