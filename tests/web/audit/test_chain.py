"""The hash chain: definition of the hash, and detection of each kind of tampering."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lantian.web.audit.chain import (
    GENESIS_HASH,
    Entry,
    Head,
    JsonObject,
    Reason,
    canonical_bytes,
    entry_hash,
    format_timestamp,
    next_entry,
    verify,
)

T0 = datetime(2019, 6, 30, 8, 0, tzinfo=UTC)


def make_chain(changes: list[dict[str, Any]]) -> list[Entry]:
    """A chain with one entry per change dict (keys of next_entry), an hour apart."""
    entries: list[Entry] = []
    head = Head()
    for i, change in enumerate(changes):
        fields: dict[str, Any] = {
            "actor_id": 7,
            "actor_name": "office",
            "action": "update",
            "object_type": "planning.task",
            "object_id": str(i),
            "before": None,
            "after": None,
        }
        fields.update(change)
        entry = next_entry(head, timestamp=T0 + timedelta(hours=i), **fields)
        entries.append(entry)
        head = Head(entry.seq, entry.hash)
    return entries


def head_of(entries: list[Entry]) -> Head:
    return Head(entries[-1].seq, entries[-1].hash) if entries else Head()


# -- the hash definition ---------------------------------------------------------------------


def test_hash_is_sha256_of_the_documented_canonical_bytes() -> None:
    # The worked example of docs/audit.md: the first entry of a log.
    entry = next_entry(
        Head(),
        timestamp=datetime(2019, 6, 30, 16, 0, tzinfo=timezone(timedelta(hours=8))),
        actor_id=3,
        actor_name="张三",
        action="update",
        object_type="planning.task",
        object_id="12",
        before={"status": "on_track"},
        after={"status": "done"},
    )
    expected = (
        '{"action":"update","actor_id":3,"actor_name":"张三","after":{"status":"done"},'
        '"before":{"status":"on_track"},"object_id":"12","object_type":"planning.task",'
        '"prev_hash":"' + "0" * 64 + '","seq":1,"timestamp":"2019-06-30T08:00:00.000000+00:00"}'
    )
    assert canonical_bytes(entry) == expected.encode("utf-8")
    assert entry.hash == hashlib.sha256(expected.encode("utf-8")).hexdigest()
    # `printf '%s' '<the bytes above>' | sha256sum`, as docs/audit.md shows
    assert entry.hash == "a56213f4ef259049b19f4f298ef354841ea5960b97028705a9affe7256912d0f"
    assert entry.seq == 1
    assert entry.prev_hash == GENESIS_HASH


def test_key_order_of_before_and_after_does_not_change_the_hash() -> None:
    a = next_entry(
        Head(),
        timestamp=T0,
        actor_id=None,
        actor_name="system",
        action="create",
        object_type="org.unit",
        object_id="1",
        before=None,
        after={"name": "市生态环境局", "code": "sthjj", "weight": 0.1},
    )
    b = replace(a, after={"weight": 0.1, "code": "sthjj", "name": "市生态环境局"})
    assert entry_hash(b) == a.hash


def test_timestamp_is_utc_with_microseconds_and_must_be_aware() -> None:
    beijing = timezone(timedelta(hours=8))
    moment = datetime(2026, 3, 1, 0, 0, 0, 5, tzinfo=beijing)
    assert format_timestamp(moment) == "2026-02-28T16:00:00.000005+00:00"
    with pytest.raises(ValueError, match="timezone-aware"):
        format_timestamp(datetime(2026, 3, 1))


def test_nan_is_refused() -> None:
    with pytest.raises(ValueError):
        make_chain([{"after": {"pm25": float("nan")}}])


def test_each_entry_links_to_the_previous_hash() -> None:
    entries = make_chain([{}, {}, {}])
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[0].prev_hash == GENESIS_HASH
    assert entries[1].prev_hash == entries[0].hash
    assert entries[2].prev_hash == entries[1].hash


# -- verification: hand-made cases -----------------------------------------------------------


def test_empty_log_verifies_against_an_empty_head() -> None:
    assert verify([], Head()).ok
    result = verify([], Head(2, "a" * 64))
    assert not result.ok
    assert result.failure is not None
    assert result.failure.reason is Reason.TRUNCATED


def test_removing_the_first_entry_is_detected_at_the_new_first() -> None:
    entries = make_chain([{}, {}, {}])
    result = verify(entries[1:])
    assert result.failure is not None
    assert (result.failure.seq, result.failure.reason) == (2, Reason.REMOVED)
    assert result.failure.detail == "entries 1 missing before entry 2"


def test_rewrite_with_recomputed_hash_breaks_the_next_link() -> None:
    entries = make_chain([{}, {}, {}])
    forged = replace(entries[1], after={"status": "closed"})
    entries[1] = replace(forged, hash=entry_hash(forged))
    result = verify(entries, head_of(entries))
    assert result.failure is not None
    assert (result.failure.seq, result.failure.reason) == (3, Reason.BROKEN_LINK)
    assert result.checked == 2


def test_rewrite_of_the_last_entry_with_recomputed_hash_mismatches_the_head() -> None:
    entries = make_chain([{}, {}])
    head = head_of(entries)
    forged = replace(entries[1], actor_name="someone else")
    entries[1] = replace(forged, hash=entry_hash(forged))
    assert verify(entries).ok  # without the head, an undetectable rewrite of the tail
    result = verify(entries, head)
    assert result.failure is not None
    assert (result.failure.seq, result.failure.reason) == (2, Reason.HEAD_MISMATCH)


def test_entries_appended_past_the_head_are_a_head_mismatch() -> None:
    entries = make_chain([{}, {}, {}])
    result = verify(entries, Head(2, entries[1].hash))
    assert result.failure is not None
    assert result.failure.reason is Reason.HEAD_MISMATCH


# -- verification: properties over random chains and random tampering --------------------------

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
)
json_objects = st.dictionaries(st.text(max_size=6), json_scalars, max_size=4)
changes = st.fixed_dictionaries(
    {
        "actor_id": st.one_of(st.none(), st.integers(min_value=1, max_value=10**6)),
        "actor_name": st.text(min_size=1, max_size=10),
        "action": st.sampled_from(["create", "update", "delete", "approve", "close"]),
        "object_type": st.sampled_from(["org.user", "planning.task", "planning.report"]),
        "object_id": st.text(min_size=1, max_size=6),
        "before": st.one_of(st.none(), json_objects),
        "after": st.one_of(st.none(), json_objects),
    }
)
chains = st.lists(changes, min_size=1, max_size=8).map(make_chain)

FIELDS = [
    "seq",
    "timestamp",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "before",
    "after",
    "prev_hash",
    "hash",
]


def altered(value: Any, field: str) -> Any:
    """A value different from ``value``, of the field's kind."""
    if field == "seq":
        return value + 1
    if field == "actor_id":
        return 1 if value is None else value + 1
    if field in ("before", "after"):
        changed: JsonObject = dict(value or {})
        changed["tampered"] = True
        return changed
    if field in ("prev_hash", "hash"):
        return ("f" if value[0] != "f" else "e") + value[1:]
    return value + "x"


@given(chains)
def test_a_clean_chain_verifies(entries: list[Entry]) -> None:
    result = verify(entries, head_of(entries))
    assert result.ok
    assert result.checked == len(entries)
    assert result.failure is None


@given(chains, st.data())
def test_editing_any_field_of_any_entry_is_detected_there(
    entries: list[Entry], data: st.DataObject
) -> None:
    i = data.draw(st.integers(0, len(entries) - 1))
    field = data.draw(st.sampled_from(FIELDS))
    head = head_of(entries)
    entries[i] = replace(entries[i], **{field: altered(getattr(entries[i], field), field)})
    result = verify(entries, head)
    assert not result.ok
    assert result.failure is not None
    assert result.failure.reason is Reason.EDITED
    assert result.failure.position == i
    assert result.checked == i


@given(chains.filter(lambda c: len(c) >= 2), st.data())
def test_removing_an_inner_entry_is_detected_as_removed(
    entries: list[Entry], data: st.DataObject
) -> None:
    i = data.draw(st.integers(0, len(entries) - 2))
    head = head_of(entries)
    del entries[i]
    result = verify(entries, head)
    assert result.failure is not None
    assert result.failure.reason is Reason.REMOVED
    assert result.failure.seq == i + 2
    assert result.failure.position == i


@given(chains.filter(lambda c: len(c) >= 2), st.data())
def test_swapping_two_entries_is_detected_as_reordered(
    entries: list[Entry], data: st.DataObject
) -> None:
    i, j = sorted(
        data.draw(st.lists(st.integers(0, len(entries) - 1), min_size=2, max_size=2, unique=True))
    )
    head = head_of(entries)
    entries[i], entries[j] = entries[j], entries[i]
    result = verify(entries, head)
    assert result.failure is not None
    assert result.failure.reason is Reason.REORDERED
    assert result.failure.position == i
    assert result.failure.seq == j + 1


@given(chains, st.data())
def test_truncating_the_tail_is_detected_by_the_head(
    entries: list[Entry], data: st.DataObject
) -> None:
    keep = data.draw(st.integers(0, len(entries) - 1))
    head = head_of(entries)
    kept = entries[:keep]
    assert verify(kept).ok  # the chain alone cannot see a missing tail
    result = verify(kept, head)
    assert result.failure is not None
    assert result.failure.reason is Reason.TRUNCATED
    assert result.checked == keep


def test_the_chain_module_imports_no_django() -> None:
    code = "import sys, lantian.web.audit.chain; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
