"""Numbers and bound words shared by the indicator, limit and target readers."""

from __future__ import annotations

from lantian.planning.extract.numerals import cn_to_int

#: A number as plans write it: 260, 2.8, 34.94, or a simple Chinese numeral (两, 十二) before a
#: counted unit; 一 only before a count of rounds, times or days (一轮, 一次, 一天), as 一个,
#: 一家, 一批 are mostly "a" rather than a count.
_COUNTED = "万亿个家座台套辆处条户"
NUM = (
    rf"(?:\d+(?:\.\d+)?|(?!一[{_COUNTED}])[一二两三四五六七八九十百千]{{1,4}}"
    rf"(?=[{_COUNTED}轮次天]))"
)

#: Bound words → comparison of the committed value.
AT_LEAST = (
    "以上",
    "不少于",
    "不低于",
    "不得低于",
    "不得少于",
    "超过",
    "至少",
    "高于",
    "及以上",
    "提高到",
    "提升到",
)
AT_MOST = (
    "以下",
    "以内",
    "不超过",
    "不得超过",
    "不高于",
    "不得高于",
    "不大于",
    "低于",
    "小于",
    "控制在",
    "降至",
    "降到",
)


def to_number(text: str) -> float:
    """``"2.8"`` → 2.8, ``"两"`` → 2.0, ``"十二"`` → 12.0."""
    if text[:1].isdigit():
        return float(text)
    return float(cn_to_int(text.replace("两", "二")))


def bound_op(*words: str | None, default: str = ">=") -> str:
    """``"<="`` or ``">="`` from the bound words around a number (the last one decides)."""
    op = default
    for w in words:
        if not w:
            continue
        if w in AT_MOST or w == "左右":
            op = "<="
        elif w in AT_LEAST:
            op = ">="
    return op
