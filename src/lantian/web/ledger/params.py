"""The ledger's query parameters, read once for pages and API: dates as ``YYYY-MM-DD``, the
day of a status (``on``, default today).

Pages catch :class:`BadQuery` and show its message; the API calls :func:`api_on`, which answers
400 in the one JSON error shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions

from lantian.web.ledger import clock


class BadQuery(ValueError):
    """A query parameter the ledger cannot use; the message is for the user."""


def date_param(params: Mapping[str, Any], name: str) -> date | None:
    """``params[name]`` as a date, ``None`` when absent or empty."""
    text = str(params.get(name) or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadQuery(
            _("%(name)s must be YYYY-MM-DD, got “%(text)s”.") % {"name": name, "text": text}
        ) from None


def on_param(params: Mapping[str, Any]) -> date:
    """The ``on`` parameter: the day the statuses are taken on, default today."""
    return date_param(params, "on") or clock.today()


def api_on(*params: Mapping[str, Any]) -> date:
    """``on`` from the first of ``params`` that has it (query, then body); 400 when malformed."""
    found = next((p for p in params if str(p.get("on") or "").strip()), {})
    try:
        return on_param(found)
    except BadQuery:
        raise exceptions.ValidationError({"on": [_("Expected a date like 2019-09-06.")]}) from None
