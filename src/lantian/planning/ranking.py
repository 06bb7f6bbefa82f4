"""Competition ranking (1, 2, 2, 4), the tie rule of the air-quality rankings.

The engine ranks areas in SQL with ``RANK()`` (:mod:`lantian.airquality.engine.compare_sql`);
this is the same rule for values already in Python: an item's rank is one more than the number
of items with a strictly better key, so equal keys share a rank and the next rank is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")


def competition_rank(items: Iterable[T], key: Callable[[T], Any]) -> list[tuple[int, T]]:
    """``(rank, item)`` in rank order; a smaller key ranks better; equal keys tie.

    Items with equal keys keep their input order (the sort is stable).
    """
    ordered = sorted(items, key=key)
    out: list[tuple[int, T]] = []
    prev: Hashable | None = None
    rank = 0
    for i, item in enumerate(ordered, start=1):
        k = key(item)
        if i == 1 or k != prev:
            rank = i
            prev = k
        out.append((rank, item))
    return out
