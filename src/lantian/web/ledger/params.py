"""Query parameters, read once for pages and API: dates as ``YYYY-MM-DD``, the day of a status
(``on``, default today), ids (ASCII digits up to :data:`MAX_ID`).

Pages catch :class:`BadQuery` and show its message; the API calls the ``api_…`` readers, which
answer 400 naming the parameter in the one JSON error shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions

from lantian.web.ledger import clock
from lantian.web.ledger.edit_serializers import MAX_ID


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


def id_param(params: Mapping[str, Any], name: str) -> int | None:
    """``params[name]`` as a row id, ``None`` when absent or empty. Only ASCII digits within the
    databases' range count: ``²`` or ``٣`` (digits to ``str.isdigit``) and a 30-digit number are
    refused here, not inside ``int()`` or the query."""
    text = str(params.get(name) or "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
        raise BadQuery(_("%(name)s: expected an id.") % {"name": name})
    return int(text)


def api_id(params: Mapping[str, Any], name: str) -> int | None:
    """:func:`id_param` for the API: 400 ``{name: ["Expected an id."]}``."""
    try:
        return id_param(params, name)
    except BadQuery:
        raise exceptions.ValidationError({name: [_("Expected an id.")]}) from None


def api_date(params: Mapping[str, Any], name: str) -> date | None:
    """:func:`date_param` for the API: 400 naming the parameter and what was sent."""
    try:
        return date_param(params, name)
    except BadQuery as exc:
        raise exceptions.ValidationError({name: [str(exc)]}) from None


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
