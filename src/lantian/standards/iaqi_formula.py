"""The IAQI formula (HJ 633 formula (1)) with the ceiling done exactly, for scalars and arrays.

    IAQI_P = (IAQI_Hi − IAQI_Lo) / (BP_Hi − BP_Lo) × (C_P − BP_Lo) + IAQI_Lo,   rounded **up**

Both versions of HJ 633 use this formula with their own breakpoint tables. A table is a tuple of
``(concentration, iaqi)`` integer pairs starting at ``(0, 0)``. No binary float enters the
ceiling: scalars go through :class:`~fractions.Fraction`; arrays are scaled to integers
(``C × 10**ndigits``) and use ``ilo + ((ihi − ilo)(C − BLO) + D − 1) // D``.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from lantian.standards.aqi_result import IAQI
from lantian.standards.rounding import Number, Rounding, round_to, to_decimal, to_fraction

Table: TypeAlias = tuple[tuple[int, int], ...]
#: One linear piece: (bp_lo, bp_hi, iaqi_lo, iaqi_hi).
Segment: TypeAlias = tuple[int, int, int, int]

#: Index shown for a concentration above the top breakpoint (大于500; UNCONFIRMED as a rule).
TOP_IAQI = 500
#: Marker of "no index" in integer arrays.
NO_IAQI = -1


def segments_of(table: Table) -> tuple[Segment, ...]:
    """The pieces of a breakpoint table as (bp_lo, bp_hi, iaqi_lo, iaqi_hi)."""
    return tuple((c0, c1, i0, i1) for (c0, i0), (c1, i1) in itertools.pairwise(table))


def scaled_segments_of(table: Table, ndigits: int) -> tuple[Segment, ...]:
    """Segments with the concentrations multiplied by ``10**ndigits`` (CO: 1 → tenths)."""
    f = 10**ndigits
    return tuple((a * f, b * f, i0, i1) for a, b, i0, i1 in segments_of(table))


def valid_concentration(c: Number | None) -> Fraction | None:
    """Exact value of ``c``, or ``None`` for a missing or invalid one (None, NaN, negative)."""
    if c is None:
        return None
    if isinstance(c, float) and not math.isfinite(c):
        return None
    f = to_fraction(c)
    return None if f < 0 else f


def prepared(
    c: Number | None, ndigits: int, *, round_input: bool, rounding: Rounding
) -> Fraction | None:
    """Validated concentration, rounded to the reporting precision when ``round_input``."""
    f = valid_concentration(c)
    if f is None or not round_input:
        return f
    return Fraction(round_to(f, ndigits, rounding))


def iaqi_exact(c: Fraction, table: Table) -> tuple[int, bool]:
    """(IAQI, beyond_table) of an exact concentration ``c`` ≥ 0, ceiling applied exactly."""
    top_c, _ = table[-1]
    if c > top_c:
        return TOP_IAQI, True
    for c0, c1, i0, i1 in segments_of(table):
        if c <= c1:
            return i0 + math.ceil(Fraction(i1 - i0, c1 - c0) * (c - c0)), False
    raise AssertionError("unreachable")  # pragma: no cover


def index_of(
    indicator: str,
    c: Number | None,
    table: Table,
    ndigits: int,
    *,
    round_input: bool,
    rounding: Rounding,
) -> IAQI:
    """IAQI record of one concentration on one table (no special rule applied)."""
    f = prepared(c, ndigits, round_input=round_input, rounding=rounding)
    if f is None:
        return IAQI(indicator, None, None)
    value, beyond = iaqi_exact(f, table)
    return IAQI(indicator, to_decimal(f), value, beyond)


# --- arrays -------------------------------------------------------------------------------------

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]

_EXACT_ABOVE = 1e7  # scaled magnitudes above this go through the exact scalar path
_TIE_WINDOW = 1e-6  # scaled fractional parts this close to .5 go through the exact path


def scaled_integers(
    values: npt.ArrayLike, ndigits: int, *, rounding: Rounding
) -> tuple[IntArray, BoolArray]:
    """(round(values × 10**ndigits), valid) without a float deciding a tie.

    Invalid entries (NaN, negative) get 0 and ``valid`` False. Values whose scaled fractional part
    is near one half, or that are very large, are rounded exactly from their ``repr``.
    """
    x = np.asarray(values, dtype=np.float64)
    valid = np.isfinite(x) & (x >= 0)
    safe = np.where(valid, x, 0.0)
    y = safe * float(10**ndigits)
    out = np.rint(np.minimum(y, _EXACT_ABOVE)).astype(np.int64)
    frac = y - np.floor(y)
    slow = valid & ((np.abs(frac - 0.5) < _TIE_WINDOW) | (y >= _EXACT_ABOVE))
    for idx in np.flatnonzero(slow):
        scaled = round_to(float(x.flat[idx]), ndigits, rounding).scaleb(ndigits)
        out.flat[idx] = int(scaled)
    return out, valid


def iaqi_scaled_array(scaled: IntArray, valid: BoolArray, table: Table, ndigits: int) -> IntArray:
    """IAQI of integer-scaled concentrations; ``NO_IAQI`` where not ``valid``."""
    out = np.full(scaled.shape, NO_IAQI, dtype=np.int64)
    segs = scaled_segments_of(table, ndigits)
    for n, (lo, hi, i0, i1) in enumerate(segs):
        in_seg = valid & (scaled <= hi) & ((scaled > lo) if n else (scaled >= lo))
        d = hi - lo
        out = np.where(in_seg, i0 + ((i1 - i0) * (scaled - lo) + d - 1) // d, out)
    top = segs[-1][1]
    return np.where(valid & (scaled > top), TOP_IAQI, out)


def iaqi_unrounded_array(values: npt.ArrayLike, table: Table) -> tuple[IntArray, BoolArray]:
    """IAQI of unrounded concentrations (``round_input=False``); exact near integers."""
    x = np.asarray(values, dtype=np.float64)
    valid = np.isfinite(x) & (x >= 0)
    safe = np.where(valid, x, 0.0)
    raw = np.full(x.shape, float(NO_IAQI))
    for n, (lo, hi, i0, i1) in enumerate(segments_of(table)):
        in_seg = valid & (safe <= hi) & ((safe > lo) if n else (safe >= lo))
        raw = np.where(in_seg, i0 + (i1 - i0) * (safe - lo) / (hi - lo), raw)
    top = table[-1][0]
    beyond = valid & (safe > top)
    out = np.where(valid, np.ceil(raw), NO_IAQI).astype(np.int64)
    out = np.where(beyond, TOP_IAQI, out)
    near = valid & ~beyond & (np.abs(raw - np.rint(raw)) < 1e-6)
    for idx in np.flatnonzero(near):
        out.flat[idx] = iaqi_exact(to_fraction(float(x.flat[idx])), table)[0]
    return out, valid


def index_array(
    values: npt.ArrayLike | None,
    table: Table,
    ndigits: int,
    *,
    round_input: bool,
    rounding: Rounding,
    shape: tuple[int, ...] = (),
) -> tuple[IntArray, BoolArray]:
    """(IAQI array with ``NO_IAQI`` for missing, beyond-table mask); ``None`` = all missing."""
    if values is None:
        return np.full(shape, NO_IAQI, dtype=np.int64), np.zeros(shape, dtype=np.bool_)
    if round_input:
        scaled, valid = scaled_integers(values, ndigits, rounding=rounding)
        out = iaqi_scaled_array(scaled, valid, table, ndigits)
        beyond = valid & (scaled > table[-1][0] * 10**ndigits)
    else:
        out, valid = iaqi_unrounded_array(values, table)
        x = np.where(valid, np.asarray(values, dtype=np.float64), 0.0)
        beyond = valid & (x > table[-1][0])
    return out, beyond


def above_array(
    values: npt.ArrayLike | None,
    threshold: int,
    ndigits: int,
    *,
    round_input: bool,
    rounding: Rounding,
    shape: tuple[int, ...] = (),
) -> BoolArray:
    """Mask of valid concentrations above ``threshold`` (after rounding when ``round_input``)."""
    if values is None:
        return np.zeros(shape, dtype=np.bool_)
    if round_input:
        scaled, valid = scaled_integers(values, ndigits, rounding=rounding)
        high: BoolArray = valid & (scaled > threshold * 10**ndigits)
        return high
    x = np.asarray(values, dtype=np.float64)
    above: BoolArray = np.isfinite(x) & (x > threshold)
    return above


@dataclass(frozen=True)
class AQIArrays:
    """Column results of an AQI report: int64 arrays with ``NO_IAQI`` (-1) for "no value".

    ``computed`` is the maximum of the IAQIs; ``aqi`` equals it except where a publication rule
    withholds the AQI (HJ 633-2026 5.3.1). ``level`` is 1..6, 0 where ``aqi`` is -1.
    """

    aqi: IntArray
    computed: IntArray
    iaqi: dict[str, IntArray]
    beyond_table: BoolArray
    missing_count: IntArray

    @classmethod
    def from_iaqis(
        cls,
        iaqis: dict[str, IntArray],
        beyond: BoolArray,
        missing_count: IntArray,
        published: BoolArray | None = None,
    ) -> AQIArrays:
        computed = np.stack(list(iaqis.values())).max(axis=0)
        aqi = computed if published is None else np.where(published, computed, NO_IAQI)
        return cls(aqi, computed, iaqis, beyond, missing_count)

    @property
    def level(self) -> IntArray:
        """Level number 1..6 of ``aqi`` (0–50 → 1, …, > 300 → 6), 0 where there is no AQI."""
        lv = np.searchsorted(np.array([50, 100, 150, 200, 300]), self.aqi, side="left") + 1
        return np.where(self.aqi == NO_IAQI, 0, lv).astype(np.int64)


def missing_mask(values: npt.ArrayLike | None, shape: tuple[int, ...]) -> BoolArray:
    """True where a concentration is missing or invalid (None column, NaN, negative)."""
    if values is None:
        return np.ones(shape, dtype=np.bool_)
    x = np.asarray(values, dtype=np.float64)
    return ~(np.isfinite(x) & (x >= 0))
