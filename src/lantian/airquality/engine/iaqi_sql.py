"""SQL for the IAQI (HJ 633 formula (1)) as a CASE expression built from a breakpoint table.

The table comes from ``lantian.standards`` (never re-typed here). The concentration is turned
into a scaled integer — rounded to the reporting precision (GB/T 8170) when ``round_input``,
otherwise kept to 6 decimals — and the ceiling is the exact integer expression

    ilo + ((ihi − ilo) × (C − BLO) + D − 1) / D      (integer division, D = BHI − BLO)

so CO 2.2 gives 55, never 56. A CASE expression (not a join against a breakpoint relation) keeps
the hourly path a single scan.
"""

from __future__ import annotations

from lantian.airquality.engine.dialect import Dialect
from lantian.standards.iaqi_formula import TOP_IAQI, Table, scaled_segments_of

#: Decimal places an unrounded concentration is kept to (exact DECIMAL(18, 6)).
UNROUNDED_DIGITS = 6


def scaled_concentration(
    d: Dialect, expr: str, ndigits: int, *, round_input: bool, half_even: bool = True
) -> tuple[str, int]:
    """(SQL of the concentration as a scaled BIGINT, number of decimals of the scale)."""
    if round_input:
        r = d.round_half_even(expr, ndigits) if half_even else d.round_half_up(expr, ndigits)
        return f"CAST({r} * {10**ndigits} AS BIGINT)", ndigits
    return f"CAST({d.exact(expr)} * {10**UNROUNDED_DIGITS} AS BIGINT)", UNROUNDED_DIGITS


def rounded_scaled(d: Dialect, expr: str, ndigits: int, *, half_even: bool = True) -> str:
    """``expr`` rounded to ``ndigits`` decimals, as a BIGINT count of ``10**-ndigits``, in
    binary floating point (the fast path of the hourly AQI).

    Exact for every concentration written with at most six decimals: a decimal tie
    (``k + 0.5`` units) times 10**ndigits (≤ 10) is exactly ``k + 0.5`` in IEEE double for values
    up to 20 000, and any other such value lies ≥ 1e-5 units from a tie. Values with more
    decimals are decided on their binary value, like the scalar API (``repr``).
    """
    y = f"{expr} * {10**ndigits}" if ndigits else expr
    # GB/T 8170 on a double; else half away from zero (``round`` in both engines)
    fn = d.round_even_fn if half_even else "round"
    return f"CAST({fn}({y}, 0) AS BIGINT)"


def iaqi_case(
    d: Dialect,
    scaled: str,
    scale: int,
    table: Table,
    above_top: str | None = None,
    *,
    nonnegative: bool = False,
) -> str:
    """CASE expression of the IAQI of the scaled integer concentration ``scaled``.

    NULL or negative → NULL. Above the top breakpoint → ``above_top`` (a SQL expression for the
    special rules of notes ⁽²⁾/⁽³⁾ of HJ 633-2012 表1 or 2026 ᵇ/ᶜ), else 500 (大于500).
    ``nonnegative``: the caller guarantees ``scaled`` is NULL or ≥ 0, so the leading test is left
    out (NULL then matches no branch) — one comparison fewer per row on the hourly path.
    """
    segs = scaled_segments_of(table, scale)
    parts = ["CASE"] if nonnegative else [f"CASE WHEN {scaled} IS NULL OR {scaled} < 0 THEN NULL"]
    for blo, bhi, ilo, ihi in segs:
        den = bhi - blo
        num = f"{ihi - ilo} * ({scaled} - {blo}) + {den - 1}"
        parts.append(f"WHEN {scaled} <= {bhi} THEN {ilo} + {d.idiv(num, str(den))}")
    top = above_top if above_top is not None else str(TOP_IAQI)
    parts.append(
        f"WHEN {scaled} > {segs[-1][1]} THEN {top} END" if nonnegative else f"ELSE {top} END"
    )
    return "(" + " ".join(parts) + ")"


def beyond_top(scaled: str, scale: int, table: Table) -> str:
    """Boolean SQL: the concentration lies above the table's top breakpoint."""
    top_c = table[-1][0] * 10**scale
    return f"({scaled} > {top_c})"
