"""What the review page does to a draft besides editing fields: drop, merge, split and add items.

Each function takes the review (as posted: values may still be unchecked text) and changes it in
place; a request it cannot carry out raises :class:`OperationError` with the reason. The rules
(docs/plan_review.md, "Merge, split, drop, add"):

- **merge** task ``i`` with the next one: the first's numbering and heading (the second's heading
  when the first has none), the texts joined by a line break, the units united (a unit named by
  both keeps the role that reports: lead, then responsible, then cooperating), the deadlines,
  indicators and limits united (an identical one once), the span from the first's start to the
  second's end;
- **split** task ``i`` at a character position of its text: two tasks numbered ``<n>.（1）`` and
  ``<n>.（2）`` (the next free sub-numbers), the text before and after the position (trimmed), the
  heading and units on both, each deadline, indicator and limit with the part whose text holds its
  text (the first when both or neither do); the source span is cut where the second part's text
  begins in the source, when it can be found there;
- **drop** a task or a target: it leaves the review (the proposal keeps it);
- **add** a task after task ``i`` (numbered by counting on from its numbering to a free one) or a
  target for the plan's area and year.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from lantian.web.drafts.review import Json, dedupe_units

#: How many characters of the second part locate the cut in the source.
LOCATE_CHARS = 8


class OperationError(ValueError):
    """An operation the review cannot take; ``str()`` is the reason (translated by the caller)."""


def _tasks(review: Json) -> list[Any]:
    tasks = review.get("tasks")
    if not isinstance(tasks, list):
        raise OperationError("no tasks")
    return tasks


def _index(items: list[Any], i: int) -> int:
    if not 0 <= i < len(items):
        raise OperationError(f"no item {i + 1}")
    return i


def _union(*lists: Any) -> list[Any]:
    out: list[Any] = []
    seen: set[str] = set()
    for rows in lists:
        for row in rows if isinstance(rows, list) else []:
            key = repr(sorted((k, repr(v)) for k, v in row.items() if k != "span"))
            if key not in seen:
                seen.add(key)
                out.append(row)
    return out


def _join(a: Any, b: Any) -> str:
    parts = [str(x).strip() for x in (a, b) if x is not None and str(x).strip()]
    return "\n".join(parts)


def _span_of(task: Json) -> list[int] | None:
    span = task.get("span")
    if isinstance(span, list) and len(span) == 2 and all(isinstance(v, int) for v in span):
        return span
    return None


def merge_tasks(review: Json, i: int) -> None:
    """Merge task ``i`` with task ``i + 1`` (adjacent tasks only)."""
    tasks = _tasks(review)
    _index(tasks, i)
    if i + 1 >= len(tasks):
        raise OperationError("the last task has no next task to merge with")
    a, b = tasks[i], tasks[i + 1]
    sa, sb = _span_of(a), _span_of(b)
    merged = {
        "number": a.get("number", ""),
        "heading": a.get("heading") or b.get("heading") or "",
        "text": _join(a.get("text"), b.get("text")),
        "span": [min(sa[0], sb[0]), max(sa[1], sb[1])] if sa and sb else sa or sb,
        "units": dedupe_units([*(a.get("units") or []), *(b.get("units") or [])]),
        "deadlines": _union(a.get("deadlines"), b.get("deadlines")),
        "indicators": _union(a.get("indicators"), b.get("indicators")),
        "limits": _union(a.get("limits"), b.get("limits")),
    }
    tasks[i : i + 2] = [merged]


def _compact(text: str) -> list[tuple[int, str]]:
    """(index, character) of the non-space characters, compared in NFKC form."""
    return [(k, unicodedata.normalize("NFKC", c)) for k, c in enumerate(text) if not c.isspace()]


def locate(source: str, span: list[int], needle: str) -> int | None:
    """Where ``needle`` (its first characters, spaces and line breaks ignored, full- and
    half-width alike) begins in ``source[span[0]:span[1]]``; None when it is not found once."""
    wanted = "".join(c for _k, c in _compact(needle))[:LOCATE_CHARS]
    if not wanted:
        return None
    chars = _compact(source[span[0] : span[1]])
    flat = "".join(c for _k, c in chars)
    # NFKC may turn one character into several: map positions in ``flat`` back to ``chars``.
    owner: list[int] = []
    for n, (_k, c) in enumerate(chars):
        owner.extend([n] * len(c))
    hits = [m.start() for m in re.finditer(re.escape(wanted), flat)]
    if len(hits) != 1:
        return None
    return span[0] + chars[owner[hits[0]]][0]


def _sub_numbers(number: str, taken: set[str]) -> tuple[str, str]:
    k = 1
    while f"{number}.（{k}）" in taken or f"{number}.（{k + 1}）" in taken:
        k += 2
    return f"{number}.（{k}）", f"{number}.（{k + 1}）"


def split_task(review: Json, i: int, position: int, source: str) -> None:
    """Split task ``i`` at ``position`` (a character index into its text)."""
    tasks = _tasks(review)
    _index(tasks, i)
    task = tasks[i]
    text = str(task.get("text") or "")
    first, second = text[:position].strip(), text[position:].strip()
    if not 0 < position < len(text) or not first or not second:
        raise OperationError("place the cursor inside the text, where the second task begins")
    taken = {str(t.get("number")) for t in tasks if t is not task}
    one, two = _sub_numbers(str(task.get("number") or ""), taken)
    span = _span_of(task)
    cut = locate(source, span, second) if span else None

    def part(number: str, body: str, sp: list[int] | None) -> Json:
        return {
            "number": number,
            "heading": task.get("heading", ""),
            "text": body,
            "span": sp,
            "units": [dict(u) for u in task.get("units") or []],
            "deadlines": [],
            "indicators": [],
            "limits": [],
        }

    a = part(one, first, [span[0], cut] if span and cut else span)
    b = part(two, second, [cut, span[1]] if span and cut else span)
    for key in ("deadlines", "indicators", "limits"):
        for row in task.get(key) or []:
            needle = str(row.get("text") or "")
            goes_second = bool(needle) and needle in second and needle not in first
            (b if goes_second else a)[key].append(row)
    tasks[i : i + 1] = [a, b]


def drop(review: Json, key: str, i: int) -> None:
    """Take target or task ``i`` out of the review."""
    items = review.get(key)
    if key not in ("tasks", "targets") or not isinstance(items, list):
        raise OperationError(f"no {key}")
    del items[_index(items, i)]


def fresh_number(base: str, taken: set[str]) -> str:
    """The first free numbering counting on from ``base``'s last Arabic segment
    (``三.（一）.1`` → ``三.（一）.2`` …), else ``base.1``, ``base.2`` …; ``1`` … with no base."""
    head, sep, last = base.rpartition(".")
    if base and last.isdigit() and last.isascii():
        stem, n = f"{head}{sep}", int(last)
    else:
        stem, n = (f"{base}." if base else ""), 0
    while True:
        n += 1
        if f"{stem}{n}" not in taken:
            return f"{stem}{n}"


def add_task(review: Json, after: int | None = None) -> int:
    """A new, empty task after task ``after`` (at the end when None); its index."""
    tasks = _tasks(review)
    at = len(tasks) - 1 if after is None else _index(tasks, after)
    base = str(tasks[at].get("number") or "") if tasks else ""
    number = fresh_number(base, {str(t.get("number")) for t in tasks})
    task = {
        "number": number,
        "heading": "",
        "text": "",
        "span": None,
        "units": [],
        "deadlines": [],
        "indicators": [],
        "limits": [],
    }
    tasks.insert(at + 1, task)
    return at + 1


def add_target(review: Json) -> int:
    """A new target for the plan's area and year (its metric, bound and period to be set)."""
    targets = review.setdefault("targets", [])
    if not isinstance(targets, list):
        raise OperationError("no targets")
    plan = review.get("plan") if isinstance(review.get("plan"), dict) else {}
    start = str(plan.get("start") or "")
    targets.append(
        {
            "metric": "pm25",
            "area": str(plan.get("area") or ""),
            "period": start[:4] if len(start) >= 4 else "",
            "op": "<=",
            "value": None,
            "change": False,
            "unit": "µg/m³",
            "text": "",
            "span": None,
        }
    )
    return len(targets) - 1
