"""The entries a user may read, filtered by the query parameters pages and API share."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from lantian.web.access import visible
from lantian.web.audit.models import AuditEntry

#: Query parameters → exact-match filters.
FILTERS = {
    "object_type": "object_type",
    "object_id": "object_id",
    "actor_id": "actor_id",
    "action": "action",
}


def entries_for(user: Any, params: Mapping[str, str]) -> QuerySet[AuditEntry]:
    """Newest first; ``?object_type=planning.task&object_id=12`` gives one object's history."""
    entries = visible(user, AuditEntry)
    for param, lookup in FILTERS.items():
        value = params.get(param)
        if value:
            if lookup == "actor_id" and not value.isdigit():
                return entries.none()
            entries = entries.filter(**{lookup: value})
    return entries.order_by("-seq")
