"""GB/T 8170 and half-up rounding, exact from floats (evaluation.md §6, standards_2026.md §2.3)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from lantian.standards.rounding import (
    round_half_even,
    round_half_up,
    round_to,
    to_decimal,
    to_fraction,
)


@pytest.mark.parametrize(
    ("x", "nd", "even", "up"),
    [
        (60.5, 0, "60", "61"),  # standards_2026.md §2.10: 60.5 → 60 (half-even)
        (62.5, 0, "62", "63"),  # §2.10: 62.5 → 62; half-up 63
        (61.5, 0, "62", "62"),
        (35.01, 0, "35", "35"),  # §2.10: 35.01 → 35
        (60.6, 0, "61", "61"),
        (72.5, 0, "72", "73"),  # evaluation.md §6: 72.5 → 72 vs 73
        ("2.05", 1, "2.0", "2.1"),  # evaluation.md E2
        (2.05, 1, "2.0", "2.1"),  # float 2.05 is 2.0499… in binary; repr gives the decimal
        (2.675, 2, "2.68", "2.68"),  # Python's round(2.675, 2) gives 2.67 (binary); ours is exact
        (2.665, 2, "2.66", "2.67"),
        (173.6, 0, "174", "174"),  # evaluation.md E1
    ],
)
def test_round_half_even_and_half_up(x: object, nd: int, even: str, up: str) -> None:
    assert round_half_even(x, nd) == Decimal(even)  # type: ignore[arg-type]
    assert round_half_up(x, nd) == Decimal(up)  # type: ignore[arg-type]


def test_round_to_keyword() -> None:
    assert round_to(62.5, 0, rounding="GB/T 8170") == 62
    assert round_to(62.5, 0, rounding="half-up") == 63
    with pytest.raises(ValueError, match="known: GB/T 8170, half-up"):
        round_to(1, 0, rounding="bankers")  # type: ignore[arg-type]


def test_float_goes_through_repr() -> None:
    assert to_decimal(2.2) == Decimal("2.2")
    assert to_fraction(2.2) == Fraction(11, 5)
    assert to_decimal(Fraction(1, 8)) == Decimal("0.125")
    assert to_decimal(Fraction(1, 3)).as_tuple().exponent < -20  # type: ignore[operator]


def test_rejects_non_finite_and_booleans() -> None:
    with pytest.raises(ValueError):
        to_fraction(float("nan"))
    with pytest.raises(TypeError):
        to_fraction(True)


def test_negative_halves() -> None:
    assert round_half_even(-2.5) == -2
    assert round_half_up(-2.5) == -3
