"""The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last a
check character computed from the first 17 (weights 3^i mod 31, alphabet without I, O, Z, S, V)."""

from __future__ import annotations

from django.utils.translation import gettext_noop

#: The 31 characters of the code, in the order of their values 0–30 (GB 32100-2015 table 1).
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
#: Weight of position i (1-based) is 3^(i-1) mod 31 (GB 32100-2015 §5).
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (ValueError on a character outside the alphabet)."""
    if len(first17) != 17:
        raise ValueError("expected 17 characters")
    total = 0
    for ch, weight in zip(first17, WEIGHTS, strict=True):
        value = ALPHABET.find(ch)
        if value < 0:
            raise ValueError(f"character {ch!r} is not used in the code")
        total += value * weight
    return ALPHABET[(31 - total % 31) % 31]


def problem(code: str) -> str | None:
    """Why ``code`` is not a valid credit code (English msgid; the model translates it), or
    ``None``."""
    if len(code) != 18:
        return gettext_noop("A unified social credit code has 18 characters.")
    bad = [ch for ch in code if ch not in ALPHABET]
    if bad:
        return gettext_noop(
            "A unified social credit code uses digits and capital letters other than I, O, Z, S, V."
        )
    if check_character(code[:17]) != code[17]:
        return gettext_noop("The check character of the unified social credit code is wrong.")
    return None
