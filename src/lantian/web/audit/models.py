"""The audit log's table and its head.

Entries can be added, never changed or removed through the ORM: ``save()`` of an existing
entry, ``delete()``, and the queryset's ``update``/``delete``/``bulk_create``/``bulk_update`` all
raise :class:`AppendOnlyError`. The only writer is :func:`lantian.web.audit.log.record`. On
PostgreSQL a trigger (migration 0002) refuses ``UPDATE`` and ``DELETE`` of rows in SQL too.

``before``/``after`` are stored as canonical JSON text, exactly as hashed, so that no database
(PostgreSQL's ``jsonb`` rewrites numbers like ``1e+20``) can change what verification reads.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from lantian.web.audit.chain import GENESIS_HASH, Entry, Head, JsonObject, format_timestamp


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit entry."""

    def __init__(self, what: str) -> None:
        super().__init__(f"the audit log is append-only: {what} is refused")


class AppendOnlyQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("update")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("delete")

    def _raw_delete(self, using: Any) -> int:
        raise AppendOnlyError("delete")

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        raise AppendOnlyError("update")

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[AuditEntry]:
        raise AppendOnlyError("bulk insert outside record()")


class AuditEntry(models.Model):
    """One recorded change: who, when, what (object type and id), before and after."""

    seq = models.PositiveBigIntegerField(_("sequence number"), unique=True)
    timestamp = models.DateTimeField(_("time"), db_index=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True, db_index=True)
    actor_name = models.CharField(_("actor"), max_length=150)
    action = models.CharField(_("action"), max_length=32, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    before_json = models.TextField(_("before"), default="null")
    after_json = models.TextField(_("after"), default="null")
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ("seq",)
        base_manager_name = "objects"
        indexes = (models.Index(fields=("object_type", "object_id"), name="audit_object_idx"),)

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    @property
    def before(self) -> JsonObject | None:
        value: JsonObject | None = json.loads(self.before_json)
        return value

    @property
    def after(self) -> JsonObject | None:
        value: JsonObject | None = json.loads(self.after_json)
        return value

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("update")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("delete")

    def to_entry(self) -> Entry:
        """The entry as hashed (for :func:`lantian.web.audit.chain.verify`)."""
        return Entry(
            seq=self.seq,
            timestamp=format_timestamp(self.timestamp),
            actor_id=self.actor_id,
            actor_name=self.actor_name,
            action=self.action,
            object_type=self.object_type,
            object_id=self.object_id,
            before=self.before,
            after=self.after,
            prev_hash=self.prev_hash,
            hash=self.hash,
        )


class AuditHead(models.Model):
    """The sequence number and hash of the last entry: a single row (``pk=1``).

    Updated in the same transaction as each append; its row lock serialises writers, and
    comparing it with the last entry detects a removed tail.
    """

    SINGLETON_PK = 1

    seq = models.PositiveBigIntegerField(_("last sequence number"), default=0)
    hash = models.CharField(_("last hash"), max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit log head")
        verbose_name_plural = _("audit log head")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"

    def as_head(self) -> Head:
        return Head(self.seq, self.hash)
