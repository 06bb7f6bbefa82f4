"""Emission limits cited in a task: source, pollutant, value, unit.

``颗粒物、二氧化硫、氮氧化物排放浓度分别不高于10、35、50毫克/立方米`` gives three limits, paired
in order; ``汽车原厂涂料、木器涂料…即用状态下的VOCs含量限值分别不高于580、600、550、550克/升``
pairs the values with the sources listed before the one pollutant; ``其中，底色漆和面漆不高于
420克/升`` takes the pollutant of the limit before it in the sentence. A limit needs a
concentration or content unit (mg/m³, µg/m³, g/L, mg/L); ambient PM2.5/PM10 in µg/m³ is an
air-quality target, not an emission limit. Pollutants are named by :data:`POLLUTANTS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lantian.planning.extract.quantities import NUM, to_number

__all__ = ["POLLUTANTS", "LimitMatch", "find_limits", "limit_unit", "pollutant_code"]

#: Written name → code. The code is what a limit carries and what scoring compares.
POLLUTANTS: dict[str, str] = {
    "颗粒物": "PM",
    "烟尘": "PM",
    "粉尘": "PM",
    "二氧化硫": "SO2",
    "SO2": "SO2",
    "氮氧化物": "NOx",
    "NOx": "NOx",
    "NOX": "NOx",
    "硫化氢": "H2S",
    "非甲烷总烃": "NMHC",
    "NMHC": "NMHC",
    "挥发性有机物": "VOCs",
    "VOCs": "VOCs",
    "VOC": "VOCs",
    "油烟": "cooking_fume",
    "氨逃逸": "NH3",
    "氨": "NH3",
    "一氧化碳": "CO",
    "氟化物": "F",
    "氯化氢": "HCl",
    "二噁英": "dioxins",
    "汞及其化合物": "Hg",
    "PM10": "PM10",
    "PM2.5": "PM2.5",
}
#: Written unit → unit.
UNITS: dict[str, str] = {
    "mg/Nm3": "mg/m³",
    "mg/m3": "mg/m³",
    "毫克/标准立方米": "mg/m³",
    "毫克/立方米": "mg/m³",
    "µg/m3": "µg/m³",
    "ug/m3": "µg/m³",
    "微克/立方米": "µg/m³",
    "g/L": "g/L",
    "克/升": "g/L",
    "mg/L": "mg/L",
    "毫克/升": "mg/L",
}

_POLL = "|".join(sorted((re.escape(p) for p in POLLUTANTS), key=len, reverse=True))
_UNIT = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_VALUE = rf"{NUM}(?:{_UNIT})?"
_VERB = r"不高于|不超过|不得超过|不大于|低于|小于|达到|控制在|执行|≤|<="
_LIMIT = re.compile(
    rf"(?P<polls>(?:{_POLL})(?:(?:、|和|及)(?:{_POLL}))*)"
    rf"(?P<mid>(?:(?!{_POLL})[^，。；\d（）]){{0,12}}?)(?P<each>分别|全部|均)?(?P<verb>{_VERB})?"
    rf"(?P<vals>{_VALUE}(?:(?:、|和){_VALUE})*)(?P<b2>以下|以内)?"
)
_BARE = re.compile(
    rf"(?P<src>[^，。；\d（）]{{1,12}}?)(?P<verb>不高于|不超过|低于|小于)(?P<num>{NUM})(?P<unit>{_UNIT})"
)


@dataclass(frozen=True)
class LimitMatch:
    source: str
    pollutant: str
    value: float
    unit: str
    text: str
    start: int  # normalised offsets
    end: int


def pollutant_code(name: str) -> str:
    """``"氮氧化物"`` → ``"NOx"``; an unknown name is kept as written."""
    n = name.strip()
    return POLLUTANTS.get(n, POLLUTANTS.get(n.upper(), n))


def limit_unit(unit: str) -> str:
    """``"毫克/立方米"``, ``"mg/m3"``, ``"mg/m³"`` → ``"mg/m³"``."""
    u = unit.strip().replace("³", "3").replace("μ", "µ")
    return UNITS.get(u, unit.strip())


def _clause_start(text: str, at: int, floor: int) -> int:
    i = at
    while i > floor and text[i - 1] not in "，。；：（\n":
        i -= 1
    return i


def _clean_source(source: str) -> str:
    s = re.sub(r"^(?:[①-⑳]|（\d{1,2}）)", "", source.strip("、，"))  # a sub-item's number
    s = re.sub(r"^(?:除|参照|其他|对|使用|全部使用)+", "", s)
    return re.sub(r"(?:全部使用|(?:全部)?(?:即用状态下的?|的))$", "", s)


def find_limits(text: str, start: int, end: int) -> list[LimitMatch]:
    """Emission limits in normalised ``text[start:end]`` in text order."""
    out: list[LimitMatch] = []
    taken: list[tuple[int, int]] = []
    for m in _LIMIT.finditer(text, start, end):
        vals = re.findall(rf"({NUM})({_UNIT})?", m.group("vals"))
        units = [u for _, u in vals if u]
        if not units:
            continue
        unit = limit_unit(units[-1])
        polls = re.findall(_POLL, m.group("polls"))
        if unit == "µg/m³" and any(pollutant_code(p) in ("PM2.5", "PM10") for p in polls):
            continue
        floor = max([start] + [e for _, e in taken])
        source = _clean_source(text[_clause_start(text, m.start(), floor) : m.start()])
        sources = [source] * len(vals)
        if len(polls) == 1 and len(vals) > 1:
            listed = [_clean_source(s) for s in re.split("[、和]", source) if s]
            if len(listed) != len(vals):
                continue
            sources, polls = listed, polls * len(vals)
        elif len(vals) == 1 and len(polls) > 1:
            vals = vals * len(polls)
            sources = sources[:1] * len(polls)
        elif len(vals) != len(polls):
            continue
        for src, poll, (num, u) in zip(sources, polls, vals, strict=True):
            out.append(
                LimitMatch(
                    source=src,
                    pollutant=pollutant_code(poll),
                    value=to_number(num),
                    unit=limit_unit(u) if u else unit,
                    text=text[m.start() : m.end()],
                    start=m.start(),
                    end=m.end(),
                )
            )
        taken.append((m.start(), m.end()))
    for m in _BARE.finditer(text, start, end):
        if any(not (m.end() <= s or m.start() >= e) for s, e in taken):
            continue
        sentence = max(text.rfind("。", start, m.start()), start)
        before = [x for x in out if sentence <= x.start < m.start()]
        if not before:
            continue
        out.append(
            LimitMatch(
                source=_clean_source(m.group("src")),
                pollutant=before[-1].pollutant,
                value=to_number(m.group("num")),
                unit=limit_unit(m.group("unit")),
                text=m.group(0),
                start=m.start(),
                end=m.end(),
            )
        )
    out.sort(key=lambda x: x.start)
    return out
