"""Exact decimal conversion and rounding (GB/T 8170 数值修约规则).

GB/T 8170 rounds an exact trailing 5 to the even neighbour (四舍六入五成双); public
implementations (JS ``Math.round``) round half up. Both are exact here: a value is turned into a
:class:`~fractions.Fraction` and rounded in integers, never through binary floats.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Literal, TypeAlias

#: A rounding rule, usable as a keyword: ``rounding="GB/T 8170"`` (default) or ``"half-up"``.
Rounding: TypeAlias = Literal["GB/T 8170", "half-up"]
ROUNDINGS: tuple[Rounding, ...] = ("GB/T 8170", "half-up")
DEFAULT_ROUNDING: Rounding = "GB/T 8170"

#: Anything the standards' functions accept as a number.
Number: TypeAlias = int | float | str | Decimal | Fraction


def to_fraction(x: Number) -> Fraction:
    """Exact value of ``x``; a float goes through ``repr`` (``2.2`` is 11/5 exactly)."""
    if isinstance(x, bool):
        raise TypeError("a boolean is not a concentration")
    if isinstance(x, Fraction):
        return x
    if isinstance(x, int):
        return Fraction(x)
    if isinstance(x, float):
        if x != x or x in (float("inf"), float("-inf")):
            raise ValueError(f"not a finite number: {x!r}")
        return Fraction(Decimal(repr(x)))
    if isinstance(x, Decimal):
        if not x.is_finite():
            raise ValueError(f"not a finite number: {x!r}")
        return Fraction(x)
    if isinstance(x, str):
        return to_fraction(Decimal(x.strip()))
    raise TypeError(f"not a number: {x!r}")


def to_decimal(x: Number) -> Decimal:
    """Exact :class:`Decimal` of ``x``; a float goes through ``repr``, never ``Decimal(float)``.

    A :class:`Fraction` whose decimal expansion does not terminate is given to 28 significant
    digits.
    """
    if isinstance(x, Decimal):
        return x
    if isinstance(x, float):
        to_fraction(x)  # rejects NaN and infinities
        return Decimal(repr(x))
    f = to_fraction(x)
    den = f.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den == 1:
        digits = max(twos, fives)
        scaled = f * 10**digits
        return Decimal(int(scaled)).scaleb(-digits)
    return Decimal(f.numerator) / Decimal(f.denominator)


def _round_scaled(scaled: Fraction, rounding: Rounding) -> int:
    """Round ``scaled`` to an integer under ``rounding``."""
    floor = scaled.numerator // scaled.denominator
    rest = scaled - floor
    half = Fraction(1, 2)
    if rest > half:
        return floor + 1
    if rest < half:
        return floor
    if rounding == "half-up":
        # Half away from zero, the usual meaning of 四舍五入 for negative numbers too.
        return floor + 1 if scaled > 0 else floor
    if rounding == "GB/T 8170":
        return floor if floor % 2 == 0 else floor + 1
    raise ValueError(f"unknown rounding {rounding!r}; known: {', '.join(ROUNDINGS)}")


def round_to(x: Number, ndigits: int = 0, rounding: Rounding = DEFAULT_ROUNDING) -> Decimal:
    """Round ``x`` to ``ndigits`` decimals under ``rounding`` and return an exact Decimal."""
    if rounding not in ROUNDINGS:
        raise ValueError(f"unknown rounding {rounding!r}; known: {', '.join(ROUNDINGS)}")
    scaled = to_fraction(x) * Fraction(10) ** ndigits
    return Decimal(_round_scaled(scaled, rounding)).scaleb(-ndigits)


def round_half_even(x: Number, ndigits: int = 0) -> Decimal:
    """GB/T 8170 四舍六入五成双: 60.5 → 60, 61.5 → 62, 62.5 → 62, 35.01 → 35."""
    return round_to(x, ndigits, "GB/T 8170")


def round_half_up(x: Number, ndigits: int = 0) -> Decimal:
    """Round half up (away from zero): 60.5 → 61, 62.5 → 63."""
    return round_to(x, ndigits, "half-up")
