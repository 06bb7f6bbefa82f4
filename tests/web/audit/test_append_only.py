"""Entries cannot be changed or removed through the ORM (nor in SQL on PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from lantian.web.audit.log import record, verify_log
from lantian.web.audit.models import AppendOnlyError, AuditEntry
from lantian.web.org.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(office: User) -> AuditEntry:
    record(office, "create", "planning.task", 1, None, {"status": "on_track"})
    return record(office, "update", "planning.task", 1, {"status": "on_track"}, {"status": "done"})


def test_saving_a_changed_entry_is_refused(entry: AuditEntry) -> None:
    entry.after_json = '{"status":"closed"}'
    with pytest.raises(AppendOnlyError, match="append-only: update is refused"):
        entry.save()
    assert AuditEntry.objects.get(pk=entry.pk).after == {"status": "done"}


def test_deleting_an_entry_is_refused(entry: AuditEntry) -> None:
    with pytest.raises(AppendOnlyError, match="delete"):
        entry.delete()
    assert AuditEntry.objects.count() == 2


@pytest.mark.parametrize(
    "operation",
    [
        lambda qs: qs.update(actor_name="x"),
        lambda qs: qs.delete(),
        lambda qs: qs.filter(seq=1).delete(),
        lambda qs: qs.bulk_update(list(qs), ["actor_name"]),
        lambda qs: qs.bulk_create([AuditEntry(seq=9)]),
        lambda qs: qs.update_or_create(seq=1, defaults={"actor_name": "x"}),
    ],
    ids=["update", "delete", "filtered-delete", "bulk_update", "bulk_create", "update_or_create"],
)
def test_queryset_changes_are_refused(entry: AuditEntry, operation: object) -> None:
    with pytest.raises(AppendOnlyError):
        operation(AuditEntry.objects.all())  # type: ignore[operator]
    assert AuditEntry.objects.count() == 2
    assert verify_log().ok


def test_postgresql_refuses_update_and_delete_in_sql(entry: AuditEntry) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    for sql in (
        "UPDATE audit_auditentry SET actor_name = 'x' WHERE seq = 1",
        "DELETE FROM audit_auditentry WHERE seq = 1",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert verify_log().ok
