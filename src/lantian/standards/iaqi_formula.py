"""The IAQI formula (HJ 633 formula (1)) with the ceiling done exactly, for scalars and arrays.

    IAQI_P = (IAQI_Hi − IAQI_Lo) / (BP_Hi − BP_Lo) × (C_P − BP_Lo) + IAQI_Lo,   rounded **up**

Both versions of HJ 633 use this formula with their own breakpoint tables. A table is a tuple of
``(concentration, iaqi)`` integer pairs starting at ``(0, 0)``. No binary float enters the
ceiling: scalars go through :class:`~fractions.Fraction`; arrays are scaled to integers
(``C × 10**ndigits``) and use ``ilo + ((ihi − ilo)(C − BLO) + D − 1) // D``.
"""

from __future__ import annotations

import functools
import itertools
import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, TypeAlias

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
#: Integer columns: scaled concentrations (int64), indices (int16: IAQI ≤ 500), counts.
IntArray: TypeAlias = npt.NDArray[np.signedinteger[Any]]
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


#: Rows per block of :func:`rounded_index_array`: a block's temporaries stay in the CPU cache.
BLOCK_ROWS = 1 << 16
#: Columns at least this long are split over threads (numpy releases the GIL per block).
PARALLEL_MIN_ROWS = 1 << 20


@functools.cache
def iaqi_lut(table: Table, ndigits: int) -> IntArray:
    """Look-up table of the IAQI of every rounded concentration of ``table``, built once from
    the exact scalar formula (:func:`iaqi_exact`).

    ``lut[1 + n]`` is the IAQI of ``n × 10**-ndigits`` for n = 0 … top (top breakpoint in units
    of ``10**-ndigits``: CO 150 mg/m³ → 1500); ``lut[0]`` is ``NO_IAQI`` (missing or invalid)
    and ``lut[top + 2]`` is ``TOP_IAQI`` (beyond the table). Read-only.
    """
    f = 10**ndigits
    top = table[-1][0] * f
    lut = np.empty(top + 3, dtype=np.int16)
    lut[0] = NO_IAQI
    lut[1 : top + 2] = [iaqi_exact(Fraction(n, f), table)[0] for n in range(top + 1)]
    lut[top + 2] = TOP_IAQI
    lut.setflags(write=False)
    return lut


def rounded_index_array(
    values: npt.ArrayLike,
    table: Table,
    ndigits: int,
    *,
    rounding: Rounding,
    missing: IntArray | None = None,
) -> tuple[IntArray, BoolArray]:
    """(IAQI, beyond-table mask) of concentrations rounded to ``ndigits`` decimals.

    Each value is scaled by ``10**ndigits``, rounded in binary floating point (``rint`` is half
    to even; half-up is ``floor(y + 0.5)``) and looked up in :func:`iaqi_lut`. This is exact for
    every concentration written with at most six decimals: a decimal tie ``k + 0.5`` units is
    exactly representable after the scaling (≤ × 10, values up to 20 000) and any other such
    value lies ≥ 1e-5 units away from a tie. NaN, ±inf and negative values are missing
    (``NO_IAQI``); ``missing``, when given, is incremented there. Works block by block with
    preallocated buffers: no Python work per element.
    """
    x = np.ascontiguousarray(values, dtype=np.float64).reshape(-1)
    n = x.shape[0]
    lut = iaqi_lut(table, ndigits)
    top = lut.shape[0] - 3
    out = np.empty(n, dtype=np.int16)
    beyond = np.zeros(n, dtype=np.bool_)
    miss = None if missing is None else missing.reshape(-1)
    scale = float(10**ndigits)
    half_up = rounding == "half-up"

    def fill(start: int, stop: int) -> None:
        """Rows ``start:stop``, with buffers of its own (threads work on disjoint ranges)."""
        size = min(BLOCK_ROWS, stop - start)
        y = np.empty(size, dtype=np.float64)
        ix = np.empty(size, dtype=np.intp)
        flag = np.empty(size, dtype=np.bool_)
        for lo in range(start, stop, BLOCK_ROWS):
            hi = min(lo + BLOCK_ROWS, stop)
            m = hi - lo
            xb, yb, ib, fb = x[lo:hi], y[:m], ix[:m], flag[:m]
            if ndigits:
                np.multiply(xb, scale, out=yb)
            else:
                np.copyto(yb, xb)
            if half_up:
                np.add(yb, 0.5, out=yb)
                np.floor(yb, out=yb)
            else:
                np.rint(yb, out=yb)
            np.add(yb, 1.0, out=yb)  # lut position of the rounded value
            np.less(xb, 0.0, out=fb)  # negative (NaN compares False)
            np.copyto(yb, 0.0, where=fb)
            np.fmax(yb, 0.0, out=yb)  # NaN → missing (fmax ignores a NaN)
            np.fmin(yb, float(top + 2), out=yb)  # beyond the table (and +inf)
            np.copyto(ib, yb, casting="unsafe")
            np.take(lut, ib, out=out[lo:hi])
            np.equal(ib, top + 2, out=fb)
            if fb.any():
                fb &= ~np.isinf(xb)
                ib[np.isinf(xb)] = 0
                np.take(lut, ib, out=out[lo:hi])
                beyond[lo:hi] = fb
            if miss is not None:
                np.equal(ib, 0, out=fb)
                np.add(miss[lo:hi], fb, out=miss[lo:hi], casting="unsafe")

    # numpy releases the GIL in these calls: long columns are split over the machine's cores.
    workers = min(os.cpu_count() or 1, max(1, n // PARALLEL_MIN_ROWS))
    if workers <= 1:
        fill(0, n)
    else:
        step = -(-n // workers // BLOCK_ROWS) * BLOCK_ROWS
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(lambda lo: fill(lo, min(lo + step, n)), range(0, n, step)))
    shape = np.shape(values)
    return out.reshape(shape), beyond.reshape(shape)


def index_array(
    values: npt.ArrayLike | None,
    table: Table,
    ndigits: int,
    *,
    round_input: bool,
    rounding: Rounding,
    shape: tuple[int, ...] = (),
    missing: IntArray | None = None,
) -> tuple[IntArray, BoolArray]:
    """(IAQI array with ``NO_IAQI`` for missing, beyond-table mask); ``None`` = all missing.

    ``missing``, when given, is incremented where the value is missing or invalid.
    """
    if values is None:
        if missing is not None:
            missing += 1
        return np.full(shape, NO_IAQI, dtype=np.int64), np.zeros(shape, dtype=np.bool_)
    if round_input:
        return rounded_index_array(values, table, ndigits, rounding=rounding, missing=missing)
    out, valid = iaqi_unrounded_array(values, table)
    x = np.where(valid, np.asarray(values, dtype=np.float64), 0.0)
    if missing is not None:
        missing += ~valid
    return out, valid & (x > table[-1][0])


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
    """Column results of an AQI report: integer arrays with ``NO_IAQI`` (-1) for "no value".

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
        items = list(iaqis.values())
        computed = items[0].copy()
        for a in items[1:]:
            np.maximum(computed, a, out=computed)
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
