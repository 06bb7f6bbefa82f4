"""Appending with record(), the head, and verification of the stored log."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from lantian.web.audit.chain import GENESIS_HASH, Reason, entry_hash
from lantian.web.audit.log import SYSTEM_ACTOR, record, stored_head, verify_log
from lantian.web.audit.models import AuditEntry, AuditHead
from lantian.web.org.models import User

pytestmark = pytest.mark.django_db

RawSql = Callable[[str, list[object]], None]


def test_record_chains_entries_and_moves_the_head(office: User) -> None:
    first = record(office, "create", "planning.task", 12, None, {"status": "on_track"})
    second = record(None, "update", "planning.task", "12", {"status": "on_track"}, {"status": "x"})
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert (first.actor_id, first.actor_name) == (office.pk, "office")
    assert (second.actor_id, second.actor_name) == (None, SYSTEM_ACTOR)
    assert first.object_id == "12"
    head = stored_head()
    assert (head.seq, head.hash) == (2, second.hash)


def test_stored_entry_reproduces_its_hash_after_a_round_trip(office: User) -> None:
    before = {"name": "市住建局", "weight": 1e20, "ratio": 0.1, "tags": ["a", "b"], "n": None}
    made = record(office, "update", "org.unit", 3, before, {"name": "市住房和城乡建设局"})
    stored = AuditEntry.objects.get(pk=made.pk)
    entry = stored.to_entry()
    assert entry.before == before
    assert entry_hash(entry) == made.hash
    assert stored.timestamp.tzinfo is not None


def test_verify_log_on_a_clean_log(office: User) -> None:
    assert verify_log().ok  # empty
    for i in range(5):
        record(office, "update", "planning.task", i, {"v": i}, {"v": i + 1})
    result = verify_log()
    assert result.ok
    assert result.checked == 5


def test_a_user_deleted_later_leaves_the_entries_intact(office: User) -> None:
    record(office, "update", "planning.task", 1, {"v": 1}, {"v": 2})
    office.delete()
    assert AuditEntry.objects.get(seq=1).actor_name == "office"
    assert verify_log().ok


def test_a_row_edited_in_sql_is_detected(office: User, raw_sql: RawSql) -> None:
    for i in range(3):
        record(office, "update", "planning.task", i, {"v": i}, {"v": i + 1})
    raw_sql("UPDATE audit_auditentry SET after_json = %s WHERE seq = %s", ['{"v":99}', 2])
    result = verify_log()
    assert result.failure is not None
    assert (result.failure.seq, result.failure.reason) == (2, Reason.EDITED)
    assert result.checked == 1


def test_a_row_rewritten_with_its_hash_recomputed_breaks_the_next_link(
    office: User, raw_sql: RawSql
) -> None:
    for i in range(3):
        record(office, "update", "planning.task", i, {"v": i}, {"v": i + 1})
    forged = replace(AuditEntry.objects.get(seq=2).to_entry(), after={"v": 99}, hash="")
    raw_sql(
        "UPDATE audit_auditentry SET after_json = %s, hash = %s WHERE seq = %s",
        [json.dumps(forged.after), entry_hash(forged), 2],
    )
    result = verify_log()
    assert result.failure is not None
    assert (result.failure.seq, result.failure.reason) == (3, Reason.BROKEN_LINK)


def test_a_row_deleted_in_sql_is_detected(office: User, raw_sql: RawSql) -> None:
    for i in range(4):
        record(office, "update", "planning.task", i, {"v": i}, {"v": i + 1})
    raw_sql("DELETE FROM audit_auditentry WHERE seq = %s", [2])
    result = verify_log()
    assert result.failure is not None
    assert (result.failure.seq, result.failure.reason) == (3, Reason.REMOVED)


def test_a_removed_tail_is_detected_by_the_head(office: User, raw_sql: RawSql) -> None:
    for i in range(4):
        record(office, "update", "planning.task", i, {"v": i}, {"v": i + 1})
    raw_sql("DELETE FROM audit_auditentry WHERE seq >= %s", [3])
    result = verify_log()
    assert result.failure is not None
    assert result.failure.reason is Reason.TRUNCATED
    assert result.checked == 2


def test_a_removed_head_with_entries_left_is_detected(office: User) -> None:
    record(office, "update", "planning.task", 1, {"v": 1}, {"v": 2})
    AuditHead.objects.all().delete()
    result = verify_log()
    assert result.failure is not None
    assert result.failure.reason is Reason.HEAD_MISMATCH


def test_timestamps_are_stored_in_utc_form(office: User) -> None:
    entry = record(office, "update", "planning.task", 1, None, None)
    stamp = AuditEntry.objects.get(pk=entry.pk).to_entry().timestamp
    assert stamp.endswith("+00:00")
    assert datetime.fromisoformat(stamp).tzinfo == UTC
