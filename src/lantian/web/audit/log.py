"""Writing to the audit log (:func:`record`, its only writer) and reading it back to verify."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from lantian.web.audit.chain import (
    Entry,
    Head,
    JsonValue,
    VerifyResult,
    canonical_json,
    next_entry,
    verify,
)
from lantian.web.audit.models import AuditEntry, AuditHead

SYSTEM_ACTOR = "system"
"""``actor_name`` of changes made with no user (jobs, imports, the CLI)."""


def _locked_head() -> AuditHead:
    """The head row, locked until the end of the transaction; created on first use."""
    try:
        return AuditHead.objects.select_for_update().get(pk=AuditHead.SINGLETON_PK)
    except AuditHead.DoesNotExist:
        pass
    try:
        with transaction.atomic():
            AuditHead.objects.create(pk=AuditHead.SINGLETON_PK)
    except IntegrityError:
        pass  # another writer created it first
    return AuditHead.objects.select_for_update().get(pk=AuditHead.SINGLETON_PK)


def record(
    actor: Any,
    action: str,
    obj_type: str,
    obj_id: object,
    before: Mapping[str, JsonValue] | None,
    after: Mapping[str, JsonValue] | None,
) -> AuditEntry:
    """Append one entry and move the head, in one transaction.

    ``actor`` is a user (its primary key and user name are kept, not a foreign key, so the
    entry outlives the account) or ``None`` for the system. ``before``/``after`` must be JSON
    objects (see :func:`lantian.web.audit.snapshot.snapshot`). Concurrent writers queue on the
    head row's lock (``SELECT … FOR UPDATE``; on SQLite the write transaction serialises them),
    and the unique sequence number refuses a fork should a writer bypass the lock.
    """
    actor_id: int | None = None
    actor_name = SYSTEM_ACTOR
    if actor is not None and getattr(actor, "is_authenticated", False):
        actor_id = actor.pk
        actor_name = actor.get_username()
    with transaction.atomic():
        head_row = _locked_head()
        now = timezone.now()
        entry = next_entry(
            head_row.as_head(),
            timestamp=now,
            actor_id=actor_id,
            actor_name=actor_name,
            action=action,
            object_type=obj_type,
            object_id=str(obj_id),
            before=before,
            after=after,
        )
        row = AuditEntry.objects.create(
            seq=entry.seq,
            timestamp=now,
            actor_id=entry.actor_id,
            actor_name=entry.actor_name,
            action=entry.action,
            object_type=entry.object_type,
            object_id=entry.object_id,
            before_json=canonical_json(entry.before),
            after_json=canonical_json(entry.after),
            prev_hash=entry.prev_hash,
            hash=entry.hash,
        )
        head_row.seq = entry.seq
        head_row.hash = entry.hash
        head_row.save(update_fields=["seq", "hash"])
    return row


def stored_head() -> Head:
    """The recorded head; an empty head when none was ever written."""
    row = AuditHead.objects.filter(pk=AuditHead.SINGLETON_PK).first()
    return row.as_head() if row is not None else Head()


def _stored_entries(chunk_size: int = 2000) -> Iterator[Entry]:
    for row in AuditEntry.objects.order_by("seq").iterator(chunk_size=chunk_size):
        yield row.to_entry()


def verify_log() -> VerifyResult:
    """Verify the whole stored log, in sequence order, against the stored head.

    The head row is locked while the entries are read, so that an append made meanwhile
    cannot make the head and the entries disagree.
    """
    with transaction.atomic():
        row = AuditHead.objects.select_for_update().filter(pk=AuditHead.SINGLETON_PK).first()
        head = row.as_head() if row is not None else Head()
        return verify(_stored_entries(), head)
