"""Small helpers for writing rows: model validation as a 400, and an audited "ensure"."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model
from rest_framework import exceptions

from lantian.web.audit.audited import audited

M = TypeVar("M", bound=Model)


def clean_or_400(obj: Model, exclude: tuple[str, ...] = ()) -> None:
    """``full_clean`` whose refusal is the API's 400 (field → messages)."""
    try:
        obj.full_clean(exclude=exclude)
    except DjangoValidationError as exc:
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        raise exceptions.ValidationError(detail) from None


def ensure(
    actor: Any,
    model: type[M],
    key: dict[str, Any],
    values: dict[str, Any],
    existing: M | None = None,
    counts: dict[str, int] | None = None,
    lookup: bool = True,
) -> M:
    """The row of ``model`` with ``key``, created or brought to ``values`` through ``audited``
    (nothing written, nothing recorded when it already holds them). ``existing`` spares the
    lookup when the caller has the row, ``lookup=False`` when the caller knows there is none;
    ``counts`` counts ``created`` and ``updated``."""
    obj = existing
    if obj is None and lookup:
        obj = model._default_manager.filter(**key).first()
    if obj is None:
        obj = model(**key, **values)
        with audited(actor, obj):
            obj.save()
        if counts is not None:
            counts["created"] = counts.get("created", 0) + 1
        return obj
    if any(getattr(obj, k) != v for k, v in values.items()):
        with audited(actor, obj):
            for k, v in values.items():
                setattr(obj, k, v)
            obj.save()
        if counts is not None:
            counts["updated"] = counts.get("updated", 0) + 1
    return obj
