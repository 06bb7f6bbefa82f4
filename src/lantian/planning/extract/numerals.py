"""Chinese numerals as plan documents write them: 一 … 十九, 二十二, 一百零五, 二〇一九.

Only the simple forms of outline numbers, dates and small counts; anything else is refused
with ``ValueError`` so that a caller never takes a wrong number silently.
"""

from __future__ import annotations

DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS)


def cn_to_int(text: str) -> int:
    """``"二十二"`` → 22, ``"十"`` → 10, ``"一百零五"`` → 105, ``"二〇一九"`` → 2019 (digit by
    digit when there is no 十/百/千); Arabic digits pass through."""
    t = text.strip()
    if not t:
        raise ValueError("empty numeral")
    if t.isdigit():
        return int(t)
    if not all(c in DIGITS or c in UNITS for c in t):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if not any(c in UNITS for c in t):
        return int("".join(str(DIGITS[c]) for c in t))
    total, digit = 0, None
    for c in t:
        if c in DIGITS:
            digit = DIGITS[c]
        else:
            total += (1 if digit is None else digit) * UNITS[c]
            digit = None
    return total + (digit or 0)


def circled_to_int(char: str) -> int:
    """``"③"`` → 3."""
    i = CIRCLED.find(char)
    if i < 0:
        raise ValueError(f"not a circled number: {char!r}")
    return i + 1
