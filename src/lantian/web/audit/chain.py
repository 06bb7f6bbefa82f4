"""The audit log's hash chain: entries, their hash, and verification.

Pure Python (no Django), so the chain can be checked from the CLI, a notebook or a copy of the
table. Each entry's hash is SHA-256 over the canonical serialisation of all its fields, the
previous entry's hash among them; the first entry chains to :data:`GENESIS_HASH`. A separately
stored *head* (sequence number and hash of the last entry) lets :func:`verify` detect a removed
tail as well. The exact definition is in ``docs/audit.md``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import TypeAlias

JsonValue: TypeAlias = bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"] | None
JsonObject: TypeAlias = dict[str, JsonValue]

GENESIS_HASH = "0" * 64
"""The ``prev_hash`` of the first entry (sequence number 1)."""

FIRST_SEQ = 1

CREATE = "create"
UPDATE = "update"
DELETE = "delete"


def format_timestamp(moment: datetime) -> str:
    """The hashed form of an entry's time: UTC, ISO 8601, always with microseconds.

    >>> format_timestamp(datetime(2019, 6, 30, 8, 0, tzinfo=UTC))
    '2019-06-30T08:00:00.000000+00:00'
    """
    if moment.tzinfo is None:
        raise ValueError("audit timestamps must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def canonical_json(value: JsonValue) -> str:
    """JSON text with sorted keys, no insignificant whitespace, non-ASCII kept as is.

    NaN and infinities are refused (they are not JSON).
    """
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


@dataclass(frozen=True, slots=True)
class Entry:
    """One audit-log entry as hashed; ``hash`` is stored, :func:`entry_hash` recomputes it."""

    seq: int
    timestamp: str
    actor_id: int | None
    actor_name: str
    action: str
    object_type: str
    object_id: str
    before: JsonObject | None
    after: JsonObject | None
    prev_hash: str
    hash: str = ""

    def hashed_fields(self) -> JsonObject:
        """Every field except ``hash``, the previous hash included."""
        return {
            "seq": self.seq,
            "timestamp": self.timestamp,
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "before": self.before,
            "after": self.after,
            "prev_hash": self.prev_hash,
        }


def canonical_bytes(entry: Entry) -> bytes:
    """The bytes that are hashed: :func:`canonical_json` of the hashed fields, UTF-8."""
    return canonical_json(entry.hashed_fields()).encode("utf-8")


def entry_hash(entry: Entry) -> str:
    """SHA-256 of :func:`canonical_bytes`, lower-case hex (64 characters)."""
    return hashlib.sha256(canonical_bytes(entry)).hexdigest()


@dataclass(frozen=True, slots=True)
class Head:
    """The sequence number and hash of the last entry (``0`` and the genesis hash when empty)."""

    seq: int = 0
    hash: str = GENESIS_HASH


def next_entry(
    head: Head,
    *,
    timestamp: datetime,
    actor_id: int | None,
    actor_name: str,
    action: str,
    object_type: str,
    object_id: str,
    before: Mapping[str, JsonValue] | None,
    after: Mapping[str, JsonValue] | None,
) -> Entry:
    """The entry that follows ``head``, with its hash filled in."""
    if not action:
        raise ValueError("an audit entry needs an action")
    draft = Entry(
        seq=head.seq + 1,
        timestamp=format_timestamp(timestamp),
        actor_id=actor_id,
        actor_name=actor_name,
        action=action,
        object_type=object_type,
        object_id=object_id,
        before=None if before is None else dict(before),
        after=None if after is None else dict(after),
        prev_hash=head.hash,
    )
    return replace(draft, hash=entry_hash(draft))


class Reason(StrEnum):
    """Why verification stopped."""

    EDITED = "edited"
    """The stored hash does not match the entry's content: a field was changed."""
    REMOVED = "removed"
    """A sequence number is missing: one or more entries were deleted."""
    REORDERED = "reordered"
    """An entry appears before one with a lower sequence number, or twice."""
    BROKEN_LINK = "broken_link"
    """The entry's ``prev_hash`` is not the previous entry's hash: the previous entry was
    rewritten with a recomputed hash (or this link was)."""
    TRUNCATED = "truncated"
    """The log ends before the entry the head records: the tail was removed."""
    HEAD_MISMATCH = "head_mismatch"
    """The last entry is not the one the head records (different hash, or entries after it)."""


REASON_TEXT: dict[Reason, tuple[str, str]] = {
    Reason.EDITED: (
        "条目内容与其哈希不符，已被修改",
        "stored hash does not match the content: edited",
    ),
    Reason.REMOVED: ("序号缺失，条目已被删除", "sequence number missing: entries removed"),
    Reason.REORDERED: ("条目顺序被打乱或重复", "entry out of order or repeated"),
    Reason.BROKEN_LINK: (
        "与前一条目的哈希链接断开（前一条目被改写）",
        "link to the previous entry broken (previous entry rewritten)",
    ),
    Reason.TRUNCATED: ("日志尾部条目已被删除", "entries at the end of the log removed"),
    Reason.HEAD_MISMATCH: (
        "最后一条目与记录的链头不符",
        "last entry does not match the recorded head",
    ),
}
"""Chinese and English wording of each reason, for the CLI and the pages."""


@dataclass(frozen=True, slots=True)
class Failure:
    """The first bad entry: its sequence number (as stored), its position, and why."""

    seq: int
    position: int
    reason: Reason
    detail: str


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """``ok``, how many entries were checked, and the first failure if any."""

    ok: bool
    checked: int
    failure: Failure | None = None


def verify(entries: Iterable[Entry], head: Head | None = None) -> VerifyResult:
    """Check a log given in storage order (by sequence number); stop at the first bad entry.

    For each entry, in this order: its hash must match its content (else ``EDITED``); its
    sequence number must be the previous one plus one, starting at 1 (a lower or repeated
    number, or a higher one while the expected number comes later, is ``REORDERED``; a higher
    one otherwise is ``REMOVED``); its ``prev_hash`` must be the previous entry's hash, or the
    genesis hash for the first (else ``BROKEN_LINK``). With ``head``, the last entry must be the
    one the head records (``TRUNCATED`` if the log is shorter, ``HEAD_MISMATCH`` otherwise).
    ``checked`` counts the entries that passed.
    """
    items: Sequence[Entry] = entries if isinstance(entries, Sequence) else list(entries)
    first_position: dict[int, int] = {}
    for position, entry in enumerate(items):
        first_position.setdefault(entry.seq, position)
    expected_seq = FIRST_SEQ
    expected_prev = GENESIS_HASH
    for position, entry in enumerate(items):
        failure = _check_entry(entry, position, expected_seq, expected_prev, first_position)
        if failure is not None:
            return VerifyResult(ok=False, checked=position, failure=failure)
        expected_seq = entry.seq + 1
        expected_prev = entry.hash
    checked = len(items)
    if head is not None:
        failure = _check_head(items, head)
        if failure is not None:
            return VerifyResult(ok=False, checked=checked, failure=failure)
    return VerifyResult(ok=True, checked=checked)


def _check_entry(
    entry: Entry,
    position: int,
    expected_seq: int,
    expected_prev: str,
    first_position_of: Mapping[int, int],
) -> Failure | None:
    if entry_hash(entry) != entry.hash:
        return Failure(entry.seq, position, Reason.EDITED, f"entry {entry.seq}: hash mismatch")
    if entry.seq != expected_seq:
        later = first_position_of.get(expected_seq, -1) > position
        if entry.seq < expected_seq or later:
            detail = f"entry {entry.seq} found where {expected_seq} was expected"
            return Failure(entry.seq, position, Reason.REORDERED, detail)
        missing = (
            str(expected_seq)
            if entry.seq == expected_seq + 1
            else f"{expected_seq}–{entry.seq - 1}"
        )
        detail = f"entries {missing} missing before entry {entry.seq}"
        return Failure(entry.seq, position, Reason.REMOVED, detail)
    if entry.prev_hash != expected_prev:
        what = "the genesis hash" if position == 0 else f"the hash of entry {entry.seq - 1}"
        detail = f"entry {entry.seq}: prev_hash is not {what}"
        return Failure(entry.seq, position, Reason.BROKEN_LINK, detail)
    return None


def _check_head(items: Sequence[Entry], head: Head) -> Failure | None:
    last = items[-1] if items else None
    last_seq = last.seq if last is not None else 0
    last_hash = last.hash if last is not None else GENESIS_HASH
    position = len(items) - 1
    if last_seq < head.seq:
        detail = f"log ends at entry {last_seq}, head records entry {head.seq}"
        return Failure(last_seq, position, Reason.TRUNCATED, detail)
    if last_seq != head.seq or last_hash != head.hash:
        detail = f"last entry {last_seq} is not the head (entry {head.seq}, {head.hash[:12]}…)"
        return Failure(last_seq, position, Reason.HEAD_MISMATCH, detail)
    return None
