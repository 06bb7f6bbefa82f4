"""Which flagged data a statistic keeps: the dust / exceptional-event basis (evaluation.md §8,
standards_2026.md §3.2). Flags are stored per station-hour or city-day and data are never
deleted; a basis only decides what a statistic uses, and every result records its basis.

Bases:
- ``"none"``: keep everything.
- ``"dust-2016"`` (环办监测〔2016〕120号, default for assessment series): concentration
  statistics and the composite index leave dust-affected days out; the good-day and
  heavy-pollution ratios keep them (CNEMC monthly reports 2019/2021).
- ``"dust-2016-headline"``: as ``dust-2016`` but the ratios also leave out dust-caused
  exceedance days (the 2025 national 89.3 % figure).
- ``"HJ663-2026"``: 例外事件 of HJ 663-2026 — definition UNCONFIRMED; until the text is read every
  flagged event type is treated as dust is under ``dust-2016-headline``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypeAlias

EventBasis: TypeAlias = Literal["none", "dust-2016", "dust-2016-headline", "HJ663-2026"]
EVENT_BASES: tuple[EventBasis, ...] = ("none", "dust-2016", "dust-2016-headline", "HJ663-2026")
DEFAULT_EVENT_BASIS: EventBasis = "dust-2016"
Use: TypeAlias = Literal["concentration", "ratio"]


def kept(
    flags: Sequence[str | None],
    *,
    basis: EventBasis = DEFAULT_EVENT_BASIS,
    use: Use = "concentration",
    exceedance: Sequence[bool] | None = None,
) -> list[bool]:
    """Per-day mask of the data a statistic keeps.

    ``flags``: event type per day (``"dust"``, other types, or ``None``); ``use``: a
    concentration statistic (and the composite index) or a day ratio; ``exceedance``: per-day
    AQI > 100, needed for the headline ratio basis (only exceedance days caused by the event go).
    """
    if basis not in EVENT_BASES:
        raise ValueError(f"unknown event basis {basis!r}; known: {', '.join(EVENT_BASES)}")
    if basis == "none":
        return [True] * len(flags)
    counted = {"dust"} if basis.startswith("dust") else None  # None: every event type

    def flagged(f: str | None) -> bool:
        return f is not None and (counted is None or f in counted)

    if use == "concentration":
        return [not flagged(f) for f in flags]
    if basis == "dust-2016":
        return [True] * len(flags)
    if exceedance is None:
        raise ValueError(f"basis {basis!r} for ratios needs the per-day exceedance")
    return [not (flagged(f) and e) for f, e in zip(flags, exceedance, strict=True)]
