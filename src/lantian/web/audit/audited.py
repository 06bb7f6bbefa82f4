"""Recording a model change around the code that makes it.

::

    with audited(request.user, task):
        task.status = "done"
        task.save()

takes a snapshot of ``task`` before, one after, and appends a ``create``, ``update`` or
``delete`` entry (a deletion is recognised by the primary key Django clears); an update that
changed nothing is not recorded. The change and its entry commit together or not at all.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Model

from lantian.web.audit.chain import CREATE, DELETE, UPDATE, JsonObject
from lantian.web.audit.log import record
from lantian.web.audit.models import AuditEntry
from lantian.web.audit.snapshot import NEVER_RECORDED, object_type, snapshot


@dataclass
class Change:
    """What :func:`audited` recorded: the entry, or ``None`` when nothing changed."""

    entry: AuditEntry | None = None


@contextmanager
def audited(
    actor: Any,
    instance: Model,
    action: str | None = None,
    exclude: Collection[str] = NEVER_RECORDED,
) -> Iterator[Change]:
    """Record the change made to ``instance`` inside the ``with`` block.

    ``action`` overrides the inferred ``create``/``update``/``delete`` (e.g. ``"close"`` for
    销号); with an explicit action the entry is recorded even if no field changed.
    """
    obj_type = object_type(instance)
    before: JsonObject | None = None
    obj_id = instance.pk
    if instance.pk is not None:
        before = snapshot(instance, exclude)
    change = Change()
    with transaction.atomic():
        yield change
        after: JsonObject | None = None
        if instance.pk is not None:
            after = snapshot(instance, exclude)
            obj_id = instance.pk
        inferred = CREATE if before is None else DELETE if after is None else UPDATE
        if action is None and inferred == UPDATE and before == after:
            return
        if before is None and after is None:
            return  # created and deleted in the block, or never saved
        change.entry = record(actor, action or inferred, obj_type, obj_id, before, after)
